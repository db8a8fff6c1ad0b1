import multiprocessing as mp
def hello(): print("hello from", mp.current_process().name)
ctx = mp.get_context("spawn")
p = ctx.Process(target=hello); p.start(); p.join(); print("exit", p.exitcode)
