package subprocess

import (
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
)

// benchCall calls subprocess.<name>(args, **kwargs) b.N times on one run.
func benchCall(b *testing.B, name string, args starlark.Tuple, kwargs []starlark.Tuple) {
	st := newState(b)
	thread := &starlark.Thread{}
	runtime.Attach(thread, st)
	fn := Module.Members[name]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := starlark.Call(thread, fn, args, kwargs); err != nil {
			b.Fatal(err)
		}
	}
}

// Compare: python3 -m timeit -s 'import subprocess' "subprocess.call(['true'])"
func BenchmarkCallTrue(b *testing.B) {
	benchCall(b, "call", starlark.Tuple{starlark.NewList([]starlark.Value{starlark.String("true")})}, nil)
}

// Compare: python3 -m timeit -s 'import subprocess' "subprocess.run(['echo','x'], capture_output=True)"
func BenchmarkRunEchoCaptureOutput(b *testing.B) {
	benchCall(b, "run",
		starlark.Tuple{starlark.NewList([]starlark.Value{starlark.String("echo"), starlark.String("x")})},
		[]starlark.Tuple{{starlark.String("capture_output"), starlark.True}})
}
