items = [1, 2]
print(items[1] + items[ 5 ])
