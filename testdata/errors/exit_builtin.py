print("ok")
exit(4)
