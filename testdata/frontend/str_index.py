s = "你好世界"
print(s[1], s[1:3], s[::-1], s[-1], len(s))
word = "上海自来水来自海上"
print(word == word[::-1])
name = "résumé"
print(name[0:3], name[:-1], name[::2])
greeting = "hi " + s
print(greeting[3], greeting[3:])
t = "abc"
print(t[0], t[-1], t[1:])
items = [1, 2, 3]
print(items[0], items[1:])
text = input()
print(text[0], text[::-1])
