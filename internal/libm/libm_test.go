package libm

import (
	"math"
	"math/big"
	"testing"
)

// exact is d.Hi + d.Lo without rounding.
func exact(d DD) *big.Float {
	s := new(big.Float).SetPrec(2200).SetFloat64(d.Hi)
	return s.Add(s, new(big.Float).SetFloat64(d.Lo))
}

// relErr is |got - want| / |want|.
func relErr(got DD, want *big.Float) float64 {
	d := new(big.Float).SetPrec(2200).Sub(exact(got), want)
	d.Quo(d, want)
	f, _ := d.Float64()
	return math.Abs(f)
}

func decimal(t *testing.T, s string) *big.Float {
	t.Helper()
	f, ok := new(big.Float).SetPrec(200).SetString(s)
	if !ok {
		t.Fatalf("bad constant %q", s)
	}
	return f
}

var operands = []float64{1, 3, 0.1, -7.25, 1e300, 2.5e-300, math.Pi, -math.E, 0x1.fffffffffffffp-1, 123456.789}

func TestTwoSumAndTwoProdAreExact(t *testing.T) {
	for _, a := range operands {
		for _, b := range operands {
			s, e := twoSum(a, b)
			want := new(big.Float).SetPrec(2200).SetFloat64(a)
			want.Add(want, new(big.Float).SetFloat64(b))
			if exact(DD{s, e}).Cmp(want) != 0 || s != a+b {
				t.Errorf("twoSum(%v, %v) = %v + %v, not exact", a, b, s, e)
			}
			if math.Abs(a*b) > 1e300 || math.Abs(a*b) < 1e-290 {
				continue // the error term would overflow or underflow
			}
			p, e := twoProd(a, b)
			want = new(big.Float).SetPrec(2200).SetFloat64(a)
			want.Mul(want, new(big.Float).SetFloat64(b))
			if exact(DD{p, e}).Cmp(want) != 0 || p != a*b {
				t.Errorf("twoProd(%v, %v) = %v + %v, not exact", a, b, p, e)
			}
		}
	}
}

// TestArithmeticCarriesAbout100Bits checks Add, Mul, Div and Sqrt on
// double-double operands against exact arithmetic.
func TestArithmeticCarriesAbout100Bits(t *testing.T) {
	const tol = 0x1p-100
	ops := []DD{{1, 0x1p-60}, {math.Pi, 0x1.1a62633145c07p-53}, {-0.1, 0x1p-58}, {1e10, -0x1p-22}, {3, 0}}
	for _, a := range ops {
		for _, b := range ops {
			want := new(big.Float).SetPrec(2200).Add(exact(a), exact(b))
			if want.Sign() != 0 {
				if e := relErr(a.Add(b), want); e > tol {
					t.Errorf("%v + %v: relative error %g", a, b, e)
				}
			}
			want = new(big.Float).SetPrec(2200).Mul(exact(a), exact(b))
			if e := relErr(a.Mul(b), want); e > tol {
				t.Errorf("%v * %v: relative error %g", a, b, e)
			}
			want = new(big.Float).SetPrec(2200).Quo(exact(a), exact(b))
			if e := relErr(a.Div(b), want); e > tol {
				t.Errorf("%v / %v: relative error %g", a, b, e)
			}
		}
		if a.Hi > 0 {
			want := new(big.Float).SetPrec(2200).Sqrt(exact(a))
			if e := relErr(a.Sqrt(), want); e > tol {
				t.Errorf("sqrt(%v): relative error %g", a, e)
			}
		}
	}
}

// TestElementaryFunctionsCarryAbout100Bits checks the double-double
// functions against their values to 50 digits (from Python's decimal
// module at 200 digits).
func TestElementaryFunctionsCarryAbout100Bits(t *testing.T) {
	const tol = 0x1p-98
	sin1, cos1 := SinCosDD(1)
	sin100, cos100 := SinCosDD(100)
	for _, c := range []struct {
		name string
		got  DD
		want string
	}{
		{"log(10)", LogDD(10), "2.3025850929940456840179914546843642076011014886288"},
		{"log(0.5)", LogDD(0.5), "-0.69314718055994530941723212145817656807550013436026"},
		{"exp(1)", ExpDD(FromFloat(1)), "2.7182818284590452353602874713526624977572470937000"},
		{"exp(-20)", ExpDD(FromFloat(-20)), "2.0611536224385578279659403801558209763758072755991e-9"},
		{"exp(700)", ExpDD(FromFloat(700)), "1.0142320547350045094553295952312676152046795722431e304"},
		{"log1p(0x1.b7cdfd9d7bdbbp-34)", Log1pDD(FromFloat(0x1.b7cdfd9d7bdbbp-34)), "9.9999999995000003643553064518760518131344814776971e-11"},
		{"log1p(3)", Log1pDD(FromFloat(3)), "1.3862943611198906188344642429163531361510002687205"},
		{"expm1(0x1.b7cdfd9d7bdbbp-34)", Expm1DD(FromFloat(0x1.b7cdfd9d7bdbbp-34)), "1.0000000000500000364338639858076696442308164431317e-10"},
		{"expm1(2)", Expm1DD(FromFloat(2)), "6.3890560989306502272304274605750078131803155705518"},
		{"sin(1)", sin1, "0.84147098480789650665250232163029899962256306079837"},
		{"cos(1)", cos1, "0.54030230586813971740093660744297660373231042061792"},
		{"sin(100)", sin100, "-0.50636564110975879365655761045978543206503272129066"},
		{"cos(100)", cos100, "0.86231887228768393410193851395084253551008400853551"},
	} {
		if e := relErr(c.got, decimal(t, c.want)); e > tol {
			t.Errorf("%s = %v: relative error %g", c.name, c.got, e)
		}
	}
}

// TestFloatFunctionsMatchCPython checks results captured from CPython 3.11
// on glibc, chosen where Go's math package gives a different last bit.
func TestFloatFunctionsMatchCPython(t *testing.T) {
	sin := func(x float64) float64 { s, _ := SinCos(x); return s }
	cos := func(x float64) float64 { _, c := SinCos(x); return c }
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"cos(0.1)", Cos(0.1), 0x1.fd712f9a817c1p-1},
		{"cos(0.7)", Cos(0.7), 0x1.87996529f9d93p-1},
		{"sin(2.5)", Sin(2.5), 0x1.326af0dcfcab1p-1},
		{"sin(10)", Sin(10), -0x1.1689ef5f34f52p-1},
		{"sin(123.456)", Sin(123.456), -0x1.9b9dadc41aeb6p-1},
		{"cos(123.456)", Cos(123.456), -0x1.307e5980a1558p-1},
		{"SinCos sin(10)", sin(10), -0x1.1689ef5f34f52p-1},
		{"SinCos cos(-4.2)", cos(-4.2), -0x1.f606eec8ac71dp-2},
		{"tan(1.2)", Tan(1.2), 0x1.493c43acb164dp+1},
		{"log(0.7)", Log(0.7), -0x1.6d3c324e13f50p-2},
		{"log(3.7)", Log(3.7), 0x1.4eeee650ae550p+0},
		{"log2(3)", Log2(3), 0x1.95c01a39fbd68p+0},
		{"exp(10)", Exp(10), 0x1.5829dcf950560p+14},
		{"exp2(0.3)", Exp2(0.3), 0x1.3b2c47bff8329p+0},
		{"pow(1.7, 3.3)", Pow(1.7, 3.3), 0x1.70b0a6f6eccfap+2},
		{"pow(0.3, -7.1)", Pow(0.3, -7.1), 0x1.4257f8f077a5bp+12},
		{"asin(0.4)", Asin(0.4), 0x1.a564ac0e73a34p-2},
		{"acos(0.3)", Acos(0.3), 0x1.441f5ecbeef59p+0},
		{"acos(-0.9)", Acos(-0.9), 0x1.586476251e745p+1},
		{"atan(2.5)", Atan(2.5), 0x1.30b6d796a4da8p+0},
		{"atan2(1.1, -0.3)", Atan2(1.1, -0.3), 0x1.d648cd67db72bp+0},
		{"cbrt(-27)", Cbrt(-27), -0x1.8000000000001p+1},
	} {
		if c.got != c.want {
			t.Errorf("%s = %x, want %x", c.name, c.got, c.want)
		}
	}
}
