def mod(a, b):
    if b == 0:
        return a % b
    return 0


def outer(n):
    return mod(n, n - n) + 1


print("start")
result = [outer(7)]
