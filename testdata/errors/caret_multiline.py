def f(a, b):
    return a // b


y = (f(1,
      0))
