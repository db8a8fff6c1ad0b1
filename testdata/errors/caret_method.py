text = "abc"
n = text.missing()
