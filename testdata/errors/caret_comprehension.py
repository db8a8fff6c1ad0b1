y = [i for i in 5]
