print('%d items' % 3)
print('%5d|%-5d|%05d|%+d|% d' % (42, 42, 42, 42, 42))
print('%.2f %0.2f %10.3f %-10.1f| %e %g %G' % (3.14159, 2.5, 1.0, -2.25, 12345.678, 0.00001234, 1e20))
print('%s %r %s' % ('text', 'text', ['a', 1]))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 7})
print('%*d|%-*s|%.*f' % (5, 1, 4, 'ab', 2, 3.14159))
print('%x %X %#x %o %#o %c %c %%' % (255, 255, 255, 8, 8, 65, 'z'))
print('Task %s runs %0.2f seconds.' % (2, 0.14159))
x = 17
x %= 5
print(x, 17 % 5, -7 % 3, 7.5 % 2)
s = 'value: %s'
s %= (10,)
print(s)
print('%s' % (1,), '%s' % ((1, 2),), '%s' % [1, 2])
