# Start methods and contexts.
import multiprocessing as mp

if __name__ == '__main__':
    print(mp.get_start_method(allow_none=True))
    print(mp.get_all_start_methods())
    print(mp.get_context('spawn'), mp.get_context('spawn').get_start_method())
    print(mp.get_context('fork').Process().name, mp.Process().name)
    mp.set_start_method('spawn')
    print(mp.get_start_method(), mp.get_context() is mp.get_context('spawn'))
    mp.set_start_method('fork', force=True)
    print(mp.get_start_method())
    mp.set_start_method(None, force=True)
    print(mp.get_start_method(allow_none=True))
    print(mp.get_context())
    mp.set_start_method('spawn')
