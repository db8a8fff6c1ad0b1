name = 'World'
d = {'key': 'value', 'n': 3}
items = [1, 2, 3]
def double(x):
    return x * 2
print(f'Hello, {name}!')
print(f"{name!r} {name!s} {name:>10}|{name:<8}|")
print(f"{d['key']} {d['n'] if False else 0} {items[1]} {len(items)}")
print(f'{{braces}} {double(21)} {3.14159:.2f} {1000000:,}')
width = 8
prec = 3
print(f'{3.14159:{width}.{prec}f}|')
x = 5
print(f'{x=} {x + 1 = } {name=!s}')
print(F'upper {x * 2}' f" and {'nested'}")
print(f"""multi
line {x}
""")
print(f'{x:03d} {x:x} {x!r:>4}')
print(f'{"quoted"}')
print(rf'raw \n {x}')
