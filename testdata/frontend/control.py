counter = 0
total = 0

def incr(n):
    global counter
    counter += n
    return counter

def add_to_total(x):
    global total, counter
    total = total + x
    counter = counter + 1

for i in range(5):
    incr(i)
add_to_total(10)
print(counter, total)

x = 5
if x is not None and x is not False:
    print('not none')
if 0 < x < 10:
    print('in range')
if 1 <= x <= 4:
    print('wrong')
else:
    print('chain false')
a = b = 7
print(a, b)
n = 0
while n < 3:
    n += 1
print(n)
assert n == 3, 'n should be 3'
d = {'a': 1, 'b': 2}
del d['a']
print(d)
lst = [1, 2, 3]
del lst[0]
print(lst)
s = {1, 2}
print(2 in s, 3 in s)
def typed(a: int, b: str = 'x') -> str:
    return b * a
print(typed(3))
y: int = 4
print(y)
print(1_000_000, 0x_ff, 0o17, 0b101)
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
print(fact(20))
