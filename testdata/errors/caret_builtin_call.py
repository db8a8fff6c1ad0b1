def parse(text):
    return int(text)


print(parse("x"))
