package os_test

// cases were captured from python3 3.11 running each snippet in an empty
// directory with the environment testEnv.
var cases = []scriptCase{
	{"constants", `print(os.name, os.sep, os.altsep, repr(os.linesep), os.pathsep, os.curdir, os.pardir, os.devnull, os.extsep, os.defpath)
print(os.path.sep, os.path.curdir, os.path.pardir, os.path.altsep)
`,
		`posix / None '\n' : . .. /dev/null . /bin:/usr/bin
/ . .. None
`, ""},
	{"pure_path_functions", `for p in ['', '.', '/', '//', '///', 'a', 'a/', 'a/b', 'a/b/', '/a/b', '//a/b', 'a//b/../c', '.bashrc', 'a/.bashrc', '..a', 'a.b.c', 'a/b.c/d', 'x.tar.gz', '...', 'a/..', '../a/../../b', '/..', '/a/./b/.', '~', '~/x', 'é/ü.txt']:
    print(repr(p), os.path.split(p), os.path.splitext(p), repr(os.path.basename(p)), repr(os.path.dirname(p)), repr(os.path.normpath(p)), os.path.isabs(p), repr(os.path.expanduser(p)))
`,
		`'' ('', '') ('', '') '' '' '.' False ''
'.' ('', '.') ('.', '') '.' '' '.' False '.'
'/' ('/', '') ('/', '') '' '/' '/' True '/'
'//' ('//', '') ('//', '') '' '//' '//' True '//'
'///' ('///', '') ('///', '') '' '///' '/' True '///'
'a' ('', 'a') ('a', '') 'a' '' 'a' False 'a'
'a/' ('a', '') ('a/', '') '' 'a' 'a' False 'a/'
'a/b' ('a', 'b') ('a/b', '') 'b' 'a' 'a/b' False 'a/b'
'a/b/' ('a/b', '') ('a/b/', '') '' 'a/b' 'a/b' False 'a/b/'
'/a/b' ('/a', 'b') ('/a/b', '') 'b' '/a' '/a/b' True '/a/b'
'//a/b' ('//a', 'b') ('//a/b', '') 'b' '//a' '//a/b' True '//a/b'
'a//b/../c' ('a//b/..', 'c') ('a//b/../c', '') 'c' 'a//b/..' 'a/c' False 'a//b/../c'
'.bashrc' ('', '.bashrc') ('.bashrc', '') '.bashrc' '' '.bashrc' False '.bashrc'
'a/.bashrc' ('a', '.bashrc') ('a/.bashrc', '') '.bashrc' 'a' 'a/.bashrc' False 'a/.bashrc'
'..a' ('', '..a') ('..a', '') '..a' '' '..a' False '..a'
'a.b.c' ('', 'a.b.c') ('a.b', '.c') 'a.b.c' '' 'a.b.c' False 'a.b.c'
'a/b.c/d' ('a/b.c', 'd') ('a/b.c/d', '') 'd' 'a/b.c' 'a/b.c/d' False 'a/b.c/d'
'x.tar.gz' ('', 'x.tar.gz') ('x.tar', '.gz') 'x.tar.gz' '' 'x.tar.gz' False 'x.tar.gz'
'...' ('', '...') ('...', '') '...' '' '...' False '...'
'a/..' ('a', '..') ('a/..', '') '..' 'a' '.' False 'a/..'
'../a/../../b' ('../a/../..', 'b') ('../a/../../b', '') 'b' '../a/../..' '../../b' False '../a/../../b'
'/..' ('/', '..') ('/..', '') '..' '/' '/' True '/..'
'/a/./b/.' ('/a/./b', '.') ('/a/./b/.', '') '.' '/a/./b' '/a/b' True '/a/./b/.'
'~' ('', '~') ('~', '') '~' '' '~' False '/home/u'
'~/x' ('~', 'x') ('~/x', '') 'x' '~' '~/x' False '/home/u/x'
'é/ü.txt' ('é', 'ü.txt') ('é/ü', '.txt') 'ü.txt' 'é' 'é/ü.txt' False 'é/ü.txt'
`, ""},
	{"bytes_paths", `print(os.path.split(b'a/b'), os.path.join(b'a', b'b'), os.path.normpath(b'a//b'), os.path.splitext(b'x.py'), os.path.basename(b'/x'))
`,
		`(b'a', b'b') b'a/b' b'a/b' (b'x', b'.py') b'x'
`, ""},
	{"join", `print(os.path.join('a'), os.path.join('a', 'b', 'c'), os.path.join('a/', 'b'), os.path.join('a', '/b', 'c'), repr(os.path.join('', 'b')), repr(os.path.join('a', '')), os.path.join('/', 'x'), os.path.join('a', '', 'b'))
`,
		`a a/b/c a/b /b/c 'b' 'a/' /x a/b
`, ""},
	{"commonprefix", `print(repr(os.path.commonprefix([])), repr(os.path.commonprefix(['/usr/lib', '/usr/local/lib'])), repr(os.path.commonprefix(['abc'])), repr(os.path.commonprefix(['abc', 'abd', 'x'])), repr(os.path.commonprefix(('héllo', 'hélp'))))
`,
		`'' '/usr/l' 'abc' '' 'hél'
`, ""},
	{"abspath_relpath", `print(os.path.abspath('.') == os.getcwd(), os.path.abspath('a/../b') == os.path.join(os.getcwd(), 'b'), os.path.abspath('/x/../y'), os.path.relpath('/a/b/c', '/a/d'), os.path.relpath('/a', '/a'), os.path.relpath('x/y'), os.path.relpath('/', '/a/b'), os.path.relpath('a', 'a/b/c'))
`,
		`True True /y ../b/c . x/y ../.. ../..
`, ""},
	{"realpath", `os.mkdir('real')
print(os.path.realpath('real') == os.path.join(os.getcwd(), 'real'), os.path.realpath('/nonexistent/../x/./y'), os.path.realpath('/'))
`,
		`True /x/y /
`, ""},
	{"fs_queries", `open('f.txt', 'w').write('hello')
os.mkdir('d')
for p in ['f.txt', 'd', 'nope', '', 'f.txt/x']:
    print(repr(p), os.path.exists(p), os.path.isfile(p), os.path.isdir(p), os.path.islink(p), os.path.lexists(p))
print(os.path.getsize('f.txt'), os.path.exists(1), os.path.exists(-1), os.path.isdir('.'), os.path.isdir('..'), os.path.exists('a\x00b'))
`,
		`'f.txt' True True False False True
'd' True False True False True
'nope' False False False False False
'' False False False False False
'f.txt/x' False False False False False
5 True False True True False
`, ""},
	{"getcwd_chdir", `os.mkdir('sub')
here = os.getcwd()
print(os.chdir('sub'), os.path.basename(os.getcwd()), os.getcwd() == os.path.join(here, 'sub'))
open('f', 'w').close()
os.chdir('..')
print(os.listdir('sub'), os.path.exists('sub/f'), os.getcwd() == here)
os.chdir(here + '/sub/')
print(os.path.basename(os.getcwd()))
`,
		`None sub True
['f'] True True
sub
`, ""},
	{"listdir", `print(os.listdir())
os.mkdir('d')
open('d/x', 'w').close()
print(os.listdir('.'), os.listdir('d'), os.listdir(b'd'), os.listdir(None))
`,
		`[]
['d'] ['x'] [b'x'] ['d']
`, ""},
	{"makedirs", `print(os.makedirs('a/b/c'), os.makedirs('a/b/c', exist_ok=True), os.makedirs('a/x/', 0o700), os.path.isdir('a/x'), os.makedirs('./q'), os.makedirs('.', exist_ok=True))
print(sorted(os.listdir('a')))
`,
		`None None None True None None
['b', 'x']
`, ""},
	{"remove_rename_rmdir", `open('f', 'w').close()
os.mkdir('d')
print(os.rename('f', 'd/g'), os.listdir('d'), os.unlink('d/g'), os.listdir('d'), os.rmdir('d'), os.path.exists('d'))
open('h', 'w').close()
print(os.remove('h'), os.listdir('.'))
`,
		`None ['g'] None [] None False
None []
`, ""},
	{"environ_mapping", `e = os.environ
print(e['HOME'], len(e), list(e), list(e.keys()), list(e.values()), list(e.items()), 'PATH' in e, 'NOPE' in e, e.get('NOPE'), e.get('NOPE', 'd'), e.get('LANG'))
e['NEW'] = 'v'
print(list(e)[-1], e.pop('NEW'), e.pop('NEW', 3), e.setdefault('Q', 'r'), e.setdefault('Q', 's'), e.update({'A': '1'}), e.update(B='2'), e.update([('C', '3')]), list(e))
print(repr(e), str(e))
print(e.copy() == {'PATH': '/usr/bin:/bin', 'HOME': '/home/u', 'LANG': 'C', 'Q': 'r', 'A': '1', 'B': '2', 'C': '3'})
e['PATH'] = 'p'
print(list(e)[0], e.popitem(), list(e))
print(e.clear(), repr(e), len(e), bool(e))
`,
		`/home/u 3 ['PATH', 'HOME', 'LANG'] ['PATH', 'HOME', 'LANG'] ['/usr/bin:/bin', '/home/u', 'C'] [('PATH', '/usr/bin:/bin'), ('HOME', '/home/u'), ('LANG', 'C')] True False None d C
NEW v 3 r r None None None ['PATH', 'HOME', 'LANG', 'Q', 'A', 'B', 'C']
environ({'PATH': '/usr/bin:/bin', 'HOME': '/home/u', 'LANG': 'C', 'Q': 'r', 'A': '1', 'B': '2', 'C': '3'}) environ({'PATH': '/usr/bin:/bin', 'HOME': '/home/u', 'LANG': 'C', 'Q': 'r', 'A': '1', 'B': '2', 'C': '3'})
True
PATH ('PATH', 'p') ['HOME', 'LANG', 'Q', 'A', 'B', 'C']
None environ({}) 0 False
`, ""},
	{"environ_key_quote", `os.environ["it's"] = 'x"y'
print(repr(os.environ)[-30:])
`,
		`, 'LANG': 'C', "it's": 'x"y'})
`, ""},
	{"getenv_putenv_unsetenv", `print(os.getenv('HOME'), os.getenv('NOPE'), os.getenv('NOPE', 'dflt'), os.getenv(key='HOME'))
print(os.putenv('C', '2'), os.environ.get('C'), os.getenv('C'))
os.environ['D'] = '4'
print(os.unsetenv('D'), os.environ.get('D'), os.getenv('D'), os.unsetenv('NEVER'))
`,
		`/home/u None dflt /home/u
None None None
None 4 4 None
`, ""},
	{"strerror", `print(os.strerror(0), '|', os.strerror(2), '|', os.strerror(22), '|', os.strerror(110), '|', os.strerror(999), '|', os.strerror(3), '|', os.strerror(-1))
`,
		`Success | No such file or directory | Invalid argument | Connection timed out | Unknown error 999 | No such process | Unknown error -1
`, ""},
	{"process_ids", `print(os.getpid() > 0, os.getppid() > 0, os.getpid() != os.getppid(), os.cpu_count() > 0, os.getuid() >= 0, os.getgid() >= 0)
`,
		`True True True True True True
`, ""},
	{"urandom", `print(len(os.urandom(3)), len(os.urandom(0)), os.urandom(2) != os.urandom(2))
`,
		`3 0 True
`, ""},
	{"kill_self_zero", `print(os.kill(os.getpid(), 0))
`,
		`None
`, ""},
	{"err_kill_no_process", `os.kill(4194305, 0)
`,
		"", "ProcessLookupError: [Errno 3] No such process"},
	{"err_kill_bad_signal", `os.kill(os.getpid(), 99)
`,
		"", "OSError: [Errno 22] Invalid argument"},
	{"err_kill_str", `os.kill('1', 0)
`,
		"", "TypeError: 'str' object cannot be interpreted as an integer"},
	{"err_chdir_missing", `os.chdir('nope')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'nope'"},
	{"err_chdir_not_dir", `open('f', 'w').close()
os.chdir('f')
`,
		"", "NotADirectoryError: [Errno 20] Not a directory: 'f'"},
	{"err_chdir_type", `os.chdir(1.5)
`,
		"", "TypeError: chdir: path should be string, bytes, os.PathLike or integer, not float"},
	{"err_listdir_missing", `os.listdir('nope')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'nope'"},
	{"err_listdir_not_dir", `open('f', 'w').close()
os.listdir('f')
`,
		"", "NotADirectoryError: [Errno 20] Not a directory: 'f'"},
	{"err_mkdir_exists", `os.mkdir('.')
`,
		"", "FileExistsError: [Errno 17] File exists: '.'"},
	{"err_mkdir_missing_parent", `os.mkdir('a/b')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'a/b'"},
	{"err_mkdir_type", `os.mkdir(1)
`,
		"", "TypeError: mkdir: path should be string, bytes or os.PathLike, not int"},
	{"err_makedirs_exists", `os.makedirs('a/b')
os.makedirs('a/b')
`,
		"", "FileExistsError: [Errno 17] File exists: 'a/b'"},
	{"err_makedirs_file_in_way", `open('f', 'w').close()
os.makedirs('f', exist_ok=True)
`,
		"", "FileExistsError: [Errno 17] File exists: 'f'"},
	{"err_rmdir_not_empty", `os.makedirs('a/b')
os.rmdir('a')
`,
		"", "OSError: [Errno 39] Directory not empty: 'a'"},
	{"err_remove_dir", `os.mkdir('a')
os.remove('a')
`,
		"", "IsADirectoryError: [Errno 21] Is a directory: 'a'"},
	{"err_unlink_missing", `os.unlink('zz')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'zz'"},
	{"err_rename_missing", `os.rename('zz', 'yy')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'zz' -> 'yy'"},
	{"err_rmdir_missing", `os.rmdir('zz')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'zz'"},
	{"err_environ_missing", `os.environ['NOPE']
`,
		"", "KeyError: 'NOPE'"},
	{"err_environ_set_int", `os.environ['X'] = 1
`,
		"", "TypeError: str expected, not int"},
	{"err_environ_set_int_key", `os.environ[1] = 'x'
`,
		"", "TypeError: str expected, not int"},
	{"err_environ_pop_missing", `os.environ.pop('NOPE')
`,
		"", "KeyError: 'NOPE'"},
	{"err_environ_get_int", `os.environ.get(1)
`,
		"", "TypeError: str expected, not int"},
	{"err_environ_setdefault_one_arg", `os.environ.setdefault('Q')
`,
		"", "TypeError: _Environ.setdefault() missing 1 required positional argument: 'value'"},
	{"err_environ_bad_name", `os.environ['A='] = 'b'
`,
		"", "ValueError: illegal environment variable name"},
	{"err_getenv_int", `os.getenv(1)
`,
		"", "TypeError: str expected, not int"},
	{"err_putenv_int", `os.putenv('A', 1)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not int"},
	{"err_putenv_equals", `os.putenv('A=', 'b')
`,
		"", "ValueError: illegal environment variable name"},
	{"err_putenv_empty", `os.putenv('', 'b')
`,
		"", "OSError: [Errno 22] Invalid argument"},
	{"err_unsetenv_equals", `os.unsetenv('A=')
`,
		"", "OSError: [Errno 22] Invalid argument"},
	{"err_urandom_negative", `os.urandom(-1)
`,
		"", "ValueError: negative argument not allowed"},
	{"err_urandom_str", `os.urandom('1')
`,
		"", "TypeError: 'str' object cannot be interpreted as an integer"},
	{"err_exit_str", `os._exit('x')
`,
		"", "TypeError: 'str' object cannot be interpreted as an integer"},
	{"err_strerror_str", `os.strerror('x')
`,
		"", "TypeError: 'str' object cannot be interpreted as an integer"},
	{"err_system_int", `os.system(1)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not int"},
	{"err_join_int", `os.path.join(1)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not int"},
	{"err_join_second_int", `os.path.join('a', 1)
`,
		"", "TypeError: join() argument must be str, bytes, or os.PathLike object, not 'int'"},
	{"err_join_mixed", `os.path.join('a', b'b')
`,
		"", "TypeError: Can't mix strings and bytes in path components"},
	{"err_basename_int", `os.path.basename(1)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not int"},
	{"err_normpath_none", `os.path.normpath(None)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not NoneType"},
	{"err_relpath_empty", `os.path.relpath('')
`,
		"", "ValueError: no path specified"},
	{"err_getsize_missing", `os.path.getsize('nope')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'nope'"},
	{"err_isdir_float", `os.path.isdir(1.5)
`,
		"", "TypeError: stat: path should be string, bytes, os.PathLike or integer, not float"},
}
