print("start")
if False:
    undefined_thing()
prnt("x")
