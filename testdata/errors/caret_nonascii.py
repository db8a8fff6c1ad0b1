d = {"a": 1}
print("é ü →", d["b"])
