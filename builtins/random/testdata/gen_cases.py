# Regenerates cases_test.go from CPython 3.11:
#   python3.11 testdata/gen_cases.py > cases_test.go && gofmt -w cases_test.go
# Each case is a program that Python and Starlark both accept; its value is
# the global `out`, rendered by canon (Python's repr, bytes as hex) or the
# exception it raises, rendered "Type: message".
import json, random, sys

def canon(v):
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, (int, float, str)):
        return repr(v)
    if isinstance(v, bytes):
        return 'bytes:' + v.hex()
    if isinstance(v, list):
        return '[' + ', '.join(canon(x) for x in v) + ']'
    if isinstance(v, tuple):
        if len(v) == 1:
            return '(' + canon(v[0]) + ',)'
        return '(' + ', '.join(canon(x) for x in v) + ')'
    raise TypeError(type(v))

def q(s):
    return json.dumps(s, ensure_ascii=False)

SEEDS = ['42', '0', '1', '-5', '1267650600228229401496703205653', '-18446744073709551616',
         '"hello"', '""', 'b"abc"', '"h\\u00e9llo \\u4e16\\u754c"', '3.5', '-2.5', '1e20', 'True', '0.0',
         '4294967296', '"abc", version=1', 'b"abc", version=1', '-1.0', 'float("inf")']

GROUPS = {
    'floats': 'out = [random.random() for i in range(5)] + [random.uniform(1, 10), random.uniform(-2.5, 2.5), random.uniform(3, 3)]',
    'bits': 'out = [random.getrandbits(k) for k in [0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 257]] + [random.randbytes(n) for n in [0, 1, 3, 4, 9]]',
    'ints': 'out = [random.randrange(10), random.randrange(1, 7), random.randrange(0, 100, 5), random.randrange(100, 0, -3), random.randrange(-10, 10), random.randrange(1000000000000000000000000000000), random.randrange(5, 1000000000000000000000000000000, 7), random.randint(1, 6), random.randint(-3, 3), random.randint(0, 4294967296), random.randint(5, 5), random.randrange(7.0), random.randint(1, True)] + [random.randint(1, 100) for i in range(20)]',
    'choice': 'out = [random.choice([1, 2, 3, 4, 5]), random.choice("h\\u00e9llo"), random.choice((10, 20, 30)), random.choice(range(1000)), random.choice(b"xyz"), random.choice(["only"])] + [random.choice("abcdefghij") for i in range(10)]',
    'choices': 'out = [random.choices(["a", "b", "c"]), random.choices(range(10), k=8), random.choices("xyz", [5, 1, 1], k=6), random.choices([1, 2, 3], cum_weights=[0.5, 0.75, 1.0], k=5), random.choices([1, 2, 3], weights=[0.1, 0, 2.5], k=4), random.choices([1, 2], k=0), random.choices([1, 2], k=-3), random.choices("ab", weights=[1, 1], k=3)]',
    'shuffle': 'x = list(range(20))\nrandom.shuffle(x)\ny = ["a", "b"]\nrandom.shuffle(y)\nz = []\nrandom.shuffle(z)\nout = [x, y, z]',
    'sample': 'out = [random.sample(range(100), 10), random.sample([1, 2, 3, 4, 5], 5), random.sample("abcdefgh", 3), random.sample(range(10000), 30), random.sample(range(40), 6), random.sample(range(21), 21), random.sample(range(1000), 0), random.sample(["r", "b"], counts=[4, 2], k=5), random.sample((7, 8, 9), k=2), random.sample(range(3), 1, counts=[0, 5, 1])]',
    'dists': 'out = [random.gauss(), random.gauss(), random.gauss(10, 2), random.normalvariate(), random.normalvariate(5, 0.5), random.expovariate(1.5), random.expovariate(2), random.triangular(), random.triangular(0, 10, 3), random.triangular(1, 1, 1), random.lognormvariate(0, 1), random.betavariate(2, 3), random.gammavariate(2.5, 1), random.gammavariate(0.5, 2), random.gammavariate(1, 3), random.paretovariate(3), random.weibullvariate(1, 1.5), random.vonmisesvariate(1, 2), random.vonmisesvariate(0, 0)]',
}

ERRORS = [
    'random.randrange(5, 5)', 'random.randrange(0)', 'random.randrange(1, 5, 0)', 'random.randrange(5, 1, 1)', 'random.randrange(5, 1, 2)',
    'random.randrange(1.5)', 'random.randrange(1, 2.5)', 'random.randrange(1, 5, 1.5)', 'random.randrange(1, step=2)', 'random.randrange("a")',
    'random.randrange("5")', 'random.randrange(None)', 'random.randrange(0, 5, -1)', 'random.randint(1, 2.5)', 'random.randint(1, "a")', 'random.randint(1, None)', 'random.randint(5, 4)',
    'random.choice([])', 'random.choice("")', 'random.choice(5)', 'random.choice(set([1, 2]))', 'random.choice({})', 'random.choice({0: "zero"})',
    'random.sample(set([1, 2]), 1)', 'random.sample({1: 2}, 1)', 'random.sample([1, 2], 3)', 'random.sample([1, 2], -1)', 'random.sample([1, 2], 1.5)', 'random.sample([1, 2], 1, counts=[1])',
    'random.sample([1, 2], 1, counts=[0, 0])', 'random.sample([1, 2], 1, counts=[1.0, 1])', 'random.sample([1, 2], 4, counts=[1, 2])',
    'random.choices([1, 2], 5)', 'random.choices([1, 2], [1])', 'random.choices([1, 2], [0, 0])', 'random.choices([1, 2], [1, 2], cum_weights=[1, 2])', 'random.choices([], k=1)', 'random.choices([], [], k=1)',
    'random.choices((), k=2)', 'random.choices("", k=2)', 'random.choices([1, 2], k=1.5)', 'random.choices([1], [float("inf")])', 'random.choices([1], [-1])',
    'random.seed([1])', 'random.seed(None) or random.seed(set())', 'random.getrandbits(-1)', 'random.getrandbits(1.5)', 'random.randbytes(-1)',
    'random.shuffle((1, 2))', 'random.shuffle("ab")', 'random.shuffle(5)', 'random.shuffle(set([1, 2]))',
    'random.expovariate(0)', 'random.gammavariate(0, 1)', 'random.gammavariate(1, -1)', 'random.betavariate(1, 0)', 'random.paretovariate(0)', 'random.weibullvariate(1, 0)', 'random.lognormvariate(1000, 1)',
    'random.uniform("a", 1)', 'random.uniform(1, "a")', 'random.uniform(1, None)',
    'random.setstate((2,))', 'random.setstate((4, (), None))', 'random.setstate((3, (1, 2), None))', 'random.setstate((3, [1, 2], None))', 'random.setstate((3, (0,) * 624 + (625,), None))',
    'random.Random(1, 2)',
]

print('// Code generated by testdata/gen_cases.py from CPython %s; DO NOT EDIT.' % sys.version.split()[0])
print()
print('package random')
print()
print('var seededCases = []struct{ seed, group, want string }{')
for s in SEEDS:
    for name, code in GROUPS.items():
        g = {'random': random}
        exec('random.seed(%s)\n' % s + code, g)
        print('\t{%s, %s, %s},' % (q(s), q(name), q(canon(g['out']))))
print('}')
print()
print('var groupCode = map[string]string{')
for name, code in GROUPS.items():
    print('\t%s: %s,' % (q(name), q(code)))
print('}')
print()
print('var errorCases = []struct{ expr, want string }{')
for e in ERRORS:
    random.seed(1)
    try:
        v = eval(e, {'random': random})
        want = 'ok: ' + canon(v)
    except Exception as ex:
        want = '%s: %s' % (type(ex).__name__, ex)
    print('\t{%s, %s},' % (q(e), q(want)))
print('}')
