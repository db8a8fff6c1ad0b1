import multiprocessing as mp


def g(n):
    return (n)*"a"*[]


def work(n):
    x = [g(n)]   


if __name__ == "__main__":
    p = mp.Process(target=work, args=(1,))
    p.start()
    p.join()
    print(p.exitcode)
