import os
path = 'with_files.tmp'
with open(path, 'w') as f:
    f.write('line one\n')
    f.write('line two\n')
print(f.closed)
with open(path) as f:
    for line in f:
        print(line.rstrip())
with open(path) as f, open(path, 'rb') as g:
    print(f.readline(), end='')
    print(g.read())
with open(path, 'a') as f:
    print('appended', file=f)
with open(path) as f:
    print(f.readlines())
os.remove(path)
print(os.path.exists(path))
