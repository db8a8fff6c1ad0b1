// Package random is starproc's Python random module: CPython 3.11's
// Mersenne Twister, ported so that a seeded script draws exactly the
// numbers CPython draws (random.seed(42); random.random() is
// 0.6394267984578837), with random.py's algorithms on top — randrange via
// _randbelow_with_getrandbits, choices, sample with its set-size heuristic,
// shuffle, gauss and the other distributions.
//
// The module's hidden generator (CPython's random._inst) lives on the
// thread, so each run has its own. A generator that is not seeded
// explicitly is seeded on first use from OS randomness, and those bytes
// are a journaled effect ("random.seed"), so a replayed run draws the same
// numbers. random.Random(x) makes an independent generator.
//
// Deviations from CPython:
//   - seeding with a float NaN, or with a str under a version other than 1
//     or 2, uses an identity or per-process string hash in CPython; here NaN
//     seeds like 0 and such a str seeds as under version 2.
//   - randrange's DeprecationWarning for integral float arguments is not
//     printed (the call still succeeds, as in CPython).
//   - the real-valued distributions use Go's math package; Go's log, exp,
//     sin, cos and pow may differ from glibc's in the last bit for some
//     inputs (random(), the integer and the sequence functions are exact).
//   - a non-number passed to a distribution gets one TypeError wording,
//     "must be real number, not str", where CPython's wording varies.
//   - SystemRandom is not provided.
package random

import (
	"crypto/rand"
	"fmt"
	"sort"
	"sync"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// localKey is where the module's generator lives on the thread.
const localKey = "starproc.random"

// Module is the random module. Each function uses the calling thread's
// generator:
//
//	def seed(a=None, version=2)
//	def random()
//	def getrandbits(k)
//	def randbytes(n)
//	def randrange(start, stop=None, step=1)
//	def randint(a, b)
//	def choice(seq)
//	def choices(population, weights=None, *, cum_weights=None, k=1)
//	def shuffle(x)
//	def sample(population, k, *, counts=None)
//	def uniform(a, b)
//	def triangular(low=0.0, high=1.0, mode=None)
//	def gauss(mu=0.0, sigma=1.0)
//	def normalvariate(mu=0.0, sigma=1.0)
//	def lognormvariate(mu, sigma)
//	def expovariate(lambd)
//	def vonmisesvariate(mu, kappa)
//	def gammavariate(alpha, beta)
//	def betavariate(alpha, beta)
//	def paretovariate(alpha)
//	def weibullvariate(alpha, beta)
//	def getstate()
//	def setstate(state)
//	def Random(x=None)   # an independent generator with the methods above
var Module = &starlarkstruct.Module{
	Name:    "random",
	Members: moduleMembers(),
}

func moduleMembers() starlark.StringDict {
	m := starlark.StringDict{
		"Random": starlark.NewBuiltin("random.Random", newRandom),
	}
	for name, fn := range methods {
		m[name] = starlark.NewBuiltin("random."+name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return call(thread, b.Name(), name, fn, threadRandom(thread), args, kwargs)
		})
	}
	return m
}

// A method implements one generator method; fn is the builtin's name for messages.
type method func(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)

// methods are the generator's methods, shared by the module functions and
// by Random values. The table itself is never modified.
var methods = map[string]method{
	"seed":            seed,
	"random":          random,
	"getrandbits":     getrandbits,
	"randbytes":       randbytes,
	"randrange":       randrange,
	"randint":         randint,
	"choice":          choice,
	"choices":         choices,
	"shuffle":         shuffle,
	"sample":          sample,
	"uniform":         uniform,
	"triangular":      triangular,
	"gauss":           gauss,
	"normalvariate":   normalvariate,
	"lognormvariate":  lognormvariate,
	"expovariate":     expovariate,
	"vonmisesvariate": vonmisesvariate,
	"gammavariate":    gammavariate,
	"betavariate":     betavariate,
	"paretovariate":   paretovariate,
	"weibullvariate":  weibullvariate,
	"getstate":        getstate,
	"setstate":        setstate,
}

// call runs one method with r locked, seeding r first if it must be.
func call(thread *starlark.Thread, fn, name string, m method, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.seeded && name != "seed" && name != "setstate" {
		if err := r.seedFromOS(thread); err != nil {
			return nil, err
		}
	}
	return m(thread, fn, r, args, kwargs)
}

// Random is a generator: random.Random, or the module's own (random._inst).
type Random struct {
	mu        sync.Mutex
	mt        mt
	seeded    bool
	gaussNext starlark.Value // nil, or the second value of the last gauss pair
}

var (
	_ starlark.HasAttrs = (*Random)(nil)
	_ starlark.Value    = (*Random)(nil)
)

// threadRandom returns the thread's module generator, made (unseeded) on
// first use.
func threadRandom(thread *starlark.Thread) *Random {
	if r, ok := thread.Local(localKey).(*Random); ok {
		return r
	}
	r := new(Random)
	thread.SetLocal(localKey, r)
	return r
}

// ReseedAfterFork gives the thread's module generator a fresh seed from OS
// randomness, as CPython does in a forked child (random.py registers
// _inst.seed with os.register_at_fork). The process model calls it in the
// child at the point where a fork turns live; the seed is drawn lazily on
// the generator's next use, through the journal.
func ReseedAfterFork(thread *starlark.Thread) {
	if r, ok := thread.Local(localKey).(*Random); ok {
		r.mu.Lock()
		r.seeded = false
		r.gaussNext = nil
		r.mu.Unlock()
	}
}

// seedFromOS seeds r with OS randomness obtained as a journaled effect.
func (r *Random) seedFromOS(thread *starlark.Thread) error {
	v, err := runtime.Effect(thread, "random.seed", func() (starlark.Value, error) {
		b := make([]byte, seedBytes)
		if _, err := rand.Read(b); err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.Bytes(b), nil
	})
	if err != nil {
		return err
	}
	b, ok := v.(starlark.Bytes)
	if !ok {
		return fmt.Errorf("random.seed: effect returned %s, want bytes", v.Type())
	}
	r.mt.seedRandom([]byte(b))
	r.seeded = true
	r.gaussNext = nil
	return nil
}

// newRandom is random.Random(x=None).
func newRandom(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 1 {
		return nil, pyerr.TypeError("Random.__init__() takes from 1 to 2 positional arguments but %d were given", len(args)+1)
	}
	var x starlark.Value = starlark.None
	if err := unpack(b.Name(), args, kwargs, "x?", &x); err != nil {
		return nil, err
	}
	r := new(Random)
	if _, err := call(thread, b.Name(), "seed", seed, r, starlark.Tuple{x}, nil); err != nil {
		return nil, err
	}
	return r, nil
}

// String is the repr; CPython's shows an address, which would leak
// nondeterminism into the output.
func (r *Random) String() string        { return "<random.Random object>" }
func (r *Random) Type() string          { return "random.Random" }
func (r *Random) Freeze()               {} // a generator stays usable, as in Python
func (r *Random) Truth() starlark.Bool  { return true }
func (r *Random) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: random.Random") }

// Attr returns a bound method.
func (r *Random) Attr(name string) (starlark.Value, error) {
	m, ok := methods[name]
	if !ok {
		return nil, nil
	}
	b := starlark.NewBuiltin(name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return call(thread, b.Name(), name, m, b.Receiver().(*Random), args, kwargs)
	})
	return b.BindReceiver(r), nil
}

// AttrNames lists the methods, sorted.
func (r *Random) AttrNames() []string {
	names := make([]string, 0, len(methods))
	for name := range methods {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// unpack is starlark.UnpackArgs whose failures are Python TypeErrors.
func unpack(fn string, args starlark.Tuple, kwargs []starlark.Tuple, pairs ...any) error {
	if err := starlark.UnpackArgs(fn, args, kwargs, pairs...); err != nil {
		return &pyerr.Error{Type: "TypeError", Msg: err.Error(), Err: err}
	}
	return nil
}
