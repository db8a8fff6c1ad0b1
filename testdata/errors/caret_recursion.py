def down(n):
    return down(n + 1) if n >= 0 else 0


down(0)
