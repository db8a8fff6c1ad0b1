for n in range(2, 20):
    for x in range(2, n):
        if n % x == 0:
            print(n, 'equals', x, '*', n // x)
            break
    else:
        print(n, 'is a prime number')
def find(items, target):
    for i in items:
        if i == target:
            return 'found'
    else:
        return 'not found'
print(find([1, 2], 2), find([1, 2], 3))
for c in 'ab':
    pass
else: print('done', c)
