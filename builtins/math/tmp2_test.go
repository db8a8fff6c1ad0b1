package math

import "testing"

func TestTmpCbrt(t *testing.T) {
	for _, x := range []float64{27, 8, 2, 3, 1000, 0.001, 1e-300} {
		t.Logf("%v %v %x", x, cCbrt(x), cCbrt(x))
	}
}
