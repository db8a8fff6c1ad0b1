package math

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestTmpAccuracy(t *testing.T) {
	f, err := os.Open("/tmp/mcmp/cases.txt")
	if err != nil {
		t.Skip()
	}
	p := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	fns := map[string]func(float64) float64{"sin": cSin, "cos": cCos, "tan": cTan, "asin": cAsin, "acos": cAcos, "atan": cAtan, "sinh": cSinh, "cosh": cCosh, "tanh": cTanh, "asinh": cAsinh, "acosh": cAcosh, "atanh": cAtanh, "exp": cExp, "expm1": cExpm1, "log": cLog, "log2": cLog2, "log10": cLog10, "log1p": cLog1p, "erf": cErf, "erfc": cErfc, "gamma": func(x float64) float64 { v, _ := tgamma(x); return v }, "lgamma": func(x float64) float64 { v, _ := lgamma(x); return v }, "cbrt": cCbrt, "exp2": cExp2, "sqrt": math.Sqrt}
	for k, v := range extraFns {
		fns[k] = v
	}
	bad := map[string]int{}
	tot := map[string]int{}
	ex := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		var got, want float64
		switch fl[0] {
		case "pow":
			got = cPow(p(fl[1]), p(fl[2]))
			want = p(fl[3])
		case "atan2":
			got = cAtan2(p(fl[1]), p(fl[2]))
			want = p(fl[3])
		default:
			got = fns[fl[0]](p(fl[1]))
			want = p(fl[2])
		}
		tot[fl[0]]++
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			bad[fl[0]]++
			ex[fl[0]] = fmt.Sprint(sc.Text(), " got ", strconv.FormatFloat(got, 'x', -1, 64))
		}
	}
	var keys []string
	for k := range tot {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s %d/%d %s", k, bad[k], tot[k], ex[k])
	}
}

var extraFns = map[string]func(float64) float64{}
