package pyio_test

// cases were captured from python3 3.11 running each snippet in an empty directory.
var cases = []scriptCase{
	{"write_returns_code_points", `f = open('x.txt', 'w')
print(f.write('héllo\n'), f.tell())
f.close()
print(repr(open('x.txt', 'rb').read()))
`,
		`6 7
b'h\xc3\xa9llo\n'
`, ""},
	{"universal_newlines_read", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt').read()))
`,
		`'a\nb\nc\nd'
`, ""},
	{"universal_newlines_readlines", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt').readlines()))
`,
		`['a\n', 'b\n', 'c\n', 'd']
`, ""},
	{"newline_empty_keeps_endings", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt', newline='').readlines()))
`,
		`['a\r\n', 'b\r', 'c\n', 'd']
`, ""},
	{"newline_lf_only", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt', newline='\n').readlines()))
`,
		`['a\r\n', 'b\rc\n', 'd']
`, ""},
	{"newline_cr_only", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt', newline='\r').readlines()))
`,
		`['a\r', '\nb\r', 'c\nd']
`, ""},
	{"newline_crlf_only", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt', newline='\r\n').readlines()))
`,
		`['a\r\n', 'b\rc\nd']
`, ""},
	{"binary_readlines", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
print(repr(open('x.txt', 'rb').readlines()))
`,
		`[b'a\r\n', b'b\rc\n', b'd']
`, ""},
	{"read_size_counts_code_points", `open('x.txt', 'w').write('héllo wörld\n')
f = open('x.txt')
print(repr(f.read(2)), repr(f.read(3)), repr(f.readline(2)), repr(f.readline()), repr(f.read()), repr(f.readline()))
`,
		`'hé' 'llo' ' w' 'örld\n' '' ''
`, ""},
	{"read_size_translates_crlf", `f = open('x.txt', 'w'); f.write('a\r\nb\rc\nd'); f.close()
f = open('x.txt')
print(repr(f.read(2)), f.tell(), repr(f.readline(1)), repr(f.read(3)))
`,
		`'a\n' 3 'b' '\nc\n'
`, ""},
	{"readline_limit_zero_and_none", `open('x.txt', 'w').write('hello\nworld\n')
f = open('x.txt')
print(repr(f.readline(0)), repr(f.read(0)), repr(f.readline(-1)), f.readlines(3))
`,
		`'' '' 'hello\n' ['world\n']
`, ""},
	{"readlines_hint", `open('x.txt', 'w').write('a\nbb\nccc\ndddd\n')
f = open('x.txt')
print(f.readlines(3), f.readlines(-1))
`,
		`['a\n', 'bb\n'] ['ccc\n', 'dddd\n']
`, ""},
	{"iterate_lines", `open('x.txt', 'w').write('one\ntwo\nthree')
for line in open('x.txt'):
    print(repr(line))
print(list(open('x.txt', 'rb')))
`,
		`'one\n'
'two\n'
'three'
[b'one\n', b'two\n', b'three']
`, ""},
	{"modes_and_reprs", `for i, m in enumerate(['r', 'rt', 'tr', 'r+', 'w+', 'w', 'a', 'a+', 'x', 'x+', 'rb', 'br', 'rb+', 'r+b', 'wb', 'ab', 'ab+', 'xb', 'xb+', 'w+b']):
    name = 'y' + str(i)
    if 'r' in m:
        open(name, 'w').close()
    f = open(name, m)
    print(m, repr(f), repr(f.mode), f.readable(), f.writable(), f.closed)
    f.close()
    print(f.closed, repr(f))
`,
		`r <_io.TextIOWrapper name='y0' mode='r' encoding='UTF-8'> 'r' True False False
True <_io.TextIOWrapper name='y0' mode='r' encoding='UTF-8'>
rt <_io.TextIOWrapper name='y1' mode='rt' encoding='UTF-8'> 'rt' True False False
True <_io.TextIOWrapper name='y1' mode='rt' encoding='UTF-8'>
tr <_io.TextIOWrapper name='y2' mode='tr' encoding='UTF-8'> 'tr' True False False
True <_io.TextIOWrapper name='y2' mode='tr' encoding='UTF-8'>
r+ <_io.TextIOWrapper name='y3' mode='r+' encoding='UTF-8'> 'r+' True True False
True <_io.TextIOWrapper name='y3' mode='r+' encoding='UTF-8'>
w+ <_io.TextIOWrapper name='y4' mode='w+' encoding='UTF-8'> 'w+' True True False
True <_io.TextIOWrapper name='y4' mode='w+' encoding='UTF-8'>
w <_io.TextIOWrapper name='y5' mode='w' encoding='UTF-8'> 'w' False True False
True <_io.TextIOWrapper name='y5' mode='w' encoding='UTF-8'>
a <_io.TextIOWrapper name='y6' mode='a' encoding='UTF-8'> 'a' False True False
True <_io.TextIOWrapper name='y6' mode='a' encoding='UTF-8'>
a+ <_io.TextIOWrapper name='y7' mode='a+' encoding='UTF-8'> 'a+' True True False
True <_io.TextIOWrapper name='y7' mode='a+' encoding='UTF-8'>
x <_io.TextIOWrapper name='y8' mode='x' encoding='UTF-8'> 'x' False True False
True <_io.TextIOWrapper name='y8' mode='x' encoding='UTF-8'>
x+ <_io.TextIOWrapper name='y9' mode='x+' encoding='UTF-8'> 'x+' True True False
True <_io.TextIOWrapper name='y9' mode='x+' encoding='UTF-8'>
rb <_io.BufferedReader name='y10'> 'rb' True False False
True <_io.BufferedReader name='y10'>
br <_io.BufferedReader name='y11'> 'rb' True False False
True <_io.BufferedReader name='y11'>
rb+ <_io.BufferedRandom name='y12'> 'rb+' True True False
True <_io.BufferedRandom name='y12'>
r+b <_io.BufferedRandom name='y13'> 'rb+' True True False
True <_io.BufferedRandom name='y13'>
wb <_io.BufferedWriter name='y14'> 'wb' False True False
True <_io.BufferedWriter name='y14'>
ab <_io.BufferedWriter name='y15'> 'ab' False True False
True <_io.BufferedWriter name='y15'>
ab+ <_io.BufferedRandom name='y16'> 'ab+' True True False
True <_io.BufferedRandom name='y16'>
xb <_io.BufferedWriter name='y17'> 'xb' False True False
True <_io.BufferedWriter name='y17'>
xb+ <_io.BufferedRandom name='y18'> 'xb+' True True False
True <_io.BufferedRandom name='y18'>
w+b <_io.BufferedRandom name='y19'> 'rb+' True True False
True <_io.BufferedRandom name='y19'>
`, ""},
	{"encoding_attribute", `open('u', 'w').close()
print(repr(open('u', encoding='utf8')), open('u').encoding, open('u', encoding='latin-1').encoding, open('u').errors, open('u', errors='replace').errors)
`,
		`<_io.TextIOWrapper name='u' mode='r' encoding='utf8'> UTF-8 latin-1 strict replace
`, ""},
	{"append_starts_at_end", `open('w.txt', 'w').write('ab\n')
f = open('w.txt', 'a'); print(f.tell()); f.write('c'); f.close()
f = open('w.txt', 'a+'); print(repr(f.read()), f.tell()); f.seek(0); print(repr(f.read())); f.close()
`,
		`3
'' 4
'ab\nc'
`, ""},
	{"r_plus_write_at_start", `open('w.txt', 'w').write('ab\nc')
f = open('w.txt', 'r+'); f.write('X'); print(repr(f.read())); f.close(); print(repr(open('w.txt').read()))
`,
		`'b\nc'
'Xb\nc'
`, ""},
	{"text_write_after_read_goes_after_readahead", `open('w.txt', 'w').write('ab\nc')
f = open('w.txt', 'r+'); print(repr(f.read(1))); f.write('Y'); print(repr(f.read())); f.close(); print(repr(open('w.txt').read()))
`,
		`'a'
''
'ab\ncY'
`, ""},
	{"binary_write_after_read_goes_at_position", `open('w.txt', 'w').write('ab\nc')
f = open('w.txt', 'rb+'); print(repr(f.read(1))); f.write(b'Y'); print(repr(f.read())); f.close(); print(repr(open('w.txt').read()))
`,
		`b'a'
b'\nc'
'aY\nc'
`, ""},
	{"w_plus_seek_and_iterate", `f = open('w.txt', 'w+'); f.write('hello\nworld\n'); f.seek(0); print(list(f)); print(f.seek(0, 2), f.tell()); f.close()
`,
		`['hello\n', 'world\n']
12 12
`, ""},
	{"binary_read_sizes", `open('w.txt', 'w').write('hello\nworld\n')
f = open('w.txt', 'rb'); print(f.read(3), f.readline(), f.readline(2), f.read(), f.read(), f.readline()); f.close()
`,
		`b'hel' b'lo\n' b'wo' b'rld\n' b'' b''
`, ""},
	{"binary_write", `g = open('z.bin', 'wb'); print(g.write(b'abc'), g.write(b'')); g.close(); print(open('z.bin', 'rb').read(2))
`,
		`3 0
b'ab'
`, ""},
	{"writelines", `f = open('w.txt', 'w'); print(f.writelines(['a', 'b\n']), f.writelines('cd'), f.writelines(('e',))); f.close(); print(repr(open('w.txt').read()))
`,
		`None None None
'ab\ncde'
`, ""},
	{"write_newline_translation", `f = open('w.txt', 'w', newline='\r\n'); print(f.write('a\nb\n')); f.close(); print(open('w.txt', 'rb').read())
f = open('w.txt', 'w', newline='\r'); f.write('a\nb'); f.close(); print(open('w.txt', 'rb').read())
f = open('w.txt', 'w', newline=''); f.write('a\nb\r\n'); f.close(); print(open('w.txt', 'rb').read())
`,
		`4
b'a\r\nb\r\n'
b'a\rb'
b'a\nb\r\n'
`, ""},
	{"enter_exit", `open('w.txt', 'w').close()
f = open('w.txt')
print(f.__enter__() == f, f.__exit__(None, None, None), f.closed)
`,
		`True None True
`, ""},
	{"truncate", `f = open('w.txt', 'w'); print(f.write('abc'), f.truncate(1), f.tell(), f.truncate()); f.close(); print(repr(open('w.txt').read()))
`,
		`3 1 3 3
'a\x00\x00'
`, ""},
	{"decode_errors", `open('u.bin', 'wb').write(b'ab\xffcd\n\xc3')
print(repr(open('u.bin', errors='replace').read()), repr(open('u.bin', errors='ignore').read()), repr(open('u.bin', encoding='latin-1').read()), repr(open('u.bin', errors='backslashreplace').read()))
`,
		`'ab�cd\n�' 'abcd\n' 'abÿcd\nÃ' 'ab\\xffcd\n\\xc3'
`, ""},
	{"seek_text_end", `open('w.txt', 'w').write('hello\n')
f = open('w.txt'); print(f.seek(0, 2), f.seek(0, 1), f.seek(2), f.read())
`,
		`6 6 2 llo

`, ""},
	{"fileno_isatty_seekable", `f = open('w.txt', 'w'); print(f.fileno() > 2, f.isatty(), f.seekable(), f.flush())
`,
		`True False True None
`, ""},
	{"binary_no_encoding_attr", `f = open('w.txt', 'wb'); print(hasattr(f, 'encoding'), hasattr(f, 'read'))
`,
		`False True
`, ""},
	{"err_not_found", `open('nope.txt')
`,
		"", "FileNotFoundError: [Errno 2] No such file or directory: 'nope.txt'"},
	{"err_is_directory", `open('.')
`,
		"", "IsADirectoryError: [Errno 21] Is a directory: '.'"},
	{"err_is_directory_write", `open('.', 'w')
`,
		"", "IsADirectoryError: [Errno 21] Is a directory: '.'"},
	{"err_exists", `open('x', 'w').close()
open('x', 'x')
`,
		"", "FileExistsError: [Errno 17] File exists: 'x'"},
	{"err_mode_rw", `open('x', 'rw')
`,
		"", "ValueError: must have exactly one of create/read/write/append mode"},
	{"err_mode_invalid", `open('x', 'rU')
`,
		"", "ValueError: invalid mode: 'rU'"},
	{"err_mode_dup", `open('x', 'rr')
`,
		"", "ValueError: invalid mode: 'rr'"},
	{"err_mode_text_binary", `open('x', 'rbt')
`,
		"", "ValueError: can't have text and binary mode at once"},
	{"err_mode_plus_only", `open('x', '+')
`,
		"", "ValueError: Must have exactly one of create/read/write/append mode and at most one plus"},
	{"err_mode_type", `open('x', 1)
`,
		"", "TypeError: open() argument 'mode' must be str, not int"},
	{"err_file_type", `open(1.5)
`,
		"", "TypeError: expected str, bytes or os.PathLike object, not float"},
	{"err_newline_value", `open('x', 'w', newline='x')
`,
		"", "ValueError: illegal newline value: x"},
	{"err_newline_type", `open('x', newline=1)
`,
		"", "TypeError: open() argument 'newline' must be str or None, not int"},
	{"err_encoding_type", `open('x', encoding=1)
`,
		"", "TypeError: open() argument 'encoding' must be str or None, not int"},
	{"err_unknown_encoding", `open('x', 'w', encoding='foo')
`,
		"", "LookupError: unknown encoding: foo"},
	{"err_binary_encoding", `open('x', 'rb', encoding='utf8')
`,
		"", "ValueError: binary mode doesn't take an encoding argument"},
	{"err_binary_newline", `open('x', 'wb', newline='')
`,
		"", "ValueError: binary mode doesn't take a newline argument"},
	{"err_binary_errors", `open('x', 'wb', errors='strict')
`,
		"", "ValueError: binary mode doesn't take an errors argument"},
	{"err_unbuffered_text", `open('x', 'w', 0)
`,
		"", "ValueError: can't have unbuffered text I/O"},
	{"err_negative_fd", `open(-1)
`,
		"", "ValueError: negative file descriptor"},
	{"err_closed_read", `f = open('x', 'w'); f.close(); f.read()
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_readline", `f = open('x', 'w'); f.close(); f.readline()
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_readlines", `f = open('x', 'w'); f.close(); f.readlines()
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_write", `f = open('x', 'w'); f.close(); f.write('a')
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_writelines", `f = open('x', 'w'); f.close(); f.writelines([])
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_fileno", `f = open('x', 'w'); f.close(); f.fileno()
`,
		"", "ValueError: I/O operation on closed file"},
	{"err_closed_flush", `f = open('x', 'w'); f.close(); f.flush()
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_tell", `f = open('x', 'w'); f.close(); f.tell()
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_seek", `f = open('x', 'w'); f.close(); f.seek(0)
`,
		"", "ValueError: I/O operation on closed file."},
	{"err_closed_readable", `open('x', 'w').close(); f = open('x'); f.close(); f.readable()
`,
		"", "ValueError: I/O operation on closed file"},
	{"closed_writer_not_readable", `f = open('x', 'w'); f.close(); print(f.readable())
`,
		`False
`, ""},
	{"err_closed_enter", `f = open('x', 'w'); f.close(); f.__enter__()
`,
		"", "ValueError: I/O operation on closed file."},
	{"closed_close_is_noop", `f = open('x', 'w'); f.close(); print(f.close(), f.closed)
`,
		`None True
`, ""},
	{"err_binary_closed_read", `f = open('x', 'wb'); f.close(); f = open('x', 'rb'); f.close(); f.read()
`,
		"", "ValueError: read of closed file"},
	{"err_binary_closed_readline", `f = open('x', 'wb'); f.close(); f = open('x', 'rb'); f.close(); f.readline()
`,
		"", "ValueError: readline of closed file"},
	{"err_binary_closed_seek", `f = open('x', 'wb'); f.close(); f = open('x', 'rb'); f.close(); f.seek(0)
`,
		"", "ValueError: seek of closed file"},
	{"err_binary_closed_write", `f = open('x', 'wb'); f.close(); f.write(b'a')
`,
		"", "ValueError: write to closed file"},
	{"err_binary_closed_flush", `f = open('x', 'wb'); f.close(); f.flush()
`,
		"", "ValueError: flush of closed file"},
	{"err_binary_closed_tell", `f = open('x', 'wb'); f.close(); f.tell()
`,
		"", "ValueError: I/O operation on closed file"},
	{"err_binary_closed_truncate", `f = open('x', 'wb'); f.close(); f.truncate()
`,
		"", "ValueError: truncate of closed file"},
	{"err_not_writable", `open('x', 'w').close(); open('x').write('a')
`,
		"", "io.UnsupportedOperation: not writable"},
	{"err_not_writable_writelines", `open('x', 'w').close(); open('x').writelines(['a'])
`,
		"", "io.UnsupportedOperation: not writable"},
	{"err_not_readable", `open('x', 'w').read()
`,
		"", "io.UnsupportedOperation: not readable"},
	{"err_not_readable_readline", `open('x', 'a').readline()
`,
		"", "io.UnsupportedOperation: not readable"},
	{"err_binary_not_writable", `open('x', 'w').close(); open('x', 'rb').write(b'a')
`,
		"", "io.UnsupportedOperation: write"},
	{"err_binary_not_readable", `open('x', 'wb').read()
`,
		"", "io.UnsupportedOperation: read"},
	{"err_write_bytes_to_text", `open('x', 'w').write(b'x')
`,
		"", "TypeError: write() argument must be str, not bytes"},
	{"err_write_int_to_text", `open('x', 'w').write(1)
`,
		"", "TypeError: write() argument must be str, not int"},
	{"err_writelines_int", `open('x', 'w').writelines([1])
`,
		"", "TypeError: write() argument must be str, not int"},
	{"err_writelines_not_iterable", `open('x', 'w').writelines(1)
`,
		"", "TypeError: 'int' object is not iterable"},
	{"err_write_str_to_binary", `open('x', 'wb').write('x')
`,
		"", "TypeError: a bytes-like object is required, not 'str'"},
	{"err_read_size_type", `open('x', 'w').close(); open('x').read('x')
`,
		"", "TypeError: argument should be integer or None, not 'str'"},
	{"err_text_readline_none", `open('x', 'w').close(); open('x').readline(None)
`,
		"", "TypeError: 'NoneType' object cannot be interpreted as an integer"},
	{"err_text_readline_str", `open('x', 'w').close(); open('x').readline('x')
`,
		"", "TypeError: 'str' object cannot be interpreted as an integer"},
	{"binary_readline_none", `open('x', 'w').write('a\nb'); print(open('x', 'rb').readline(None), open('x', 'rb').read(None))
`,
		`b'a\n' b'a\nb'
`, ""},
	{"err_read_size_float", `open('x', 'w').close(); open('x', 'rb').read(1.0)
`,
		"", "TypeError: argument should be integer or None, not 'float'"},
	{"err_decode_strict", `open('u.bin', 'wb').write(b'ab\xffcd\n')
open('u.bin').read()
`,
		"", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"},
	{"err_decode_strict_readline", `open('u.bin', 'wb').write(b'ab\xffcd\n')
open('u.bin').readline()
`,
		"", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"},
	{"err_decode_truncated", `open('u.bin', 'wb').write(b'ab\xc3')
open('u.bin').read()
`,
		"", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"},
	{"err_decode_continuation", `open('u.bin', 'wb').write(b'a\xc3(')
open('u.bin').read()
`,
		"", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte"},
	{"err_decode_ascii", `open('u.bin', 'wb').write(b'ab\xff')
open('u.bin', encoding='ascii').read()
`,
		"", "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 2: ordinal not in range(128)"},
	{"err_encode_latin1", `open('w.txt', 'w', encoding='latin-1').write('a\u20ac')
`,
		"", "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"},
	{"err_encode_ascii", `open('w.txt', 'w', encoding='ascii').write('a\u00e9')
`,
		"", "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)"},
	{"err_seek_cur_text", `open('w.txt', 'w').close(); open('w.txt').seek(1, 1)
`,
		"", "io.UnsupportedOperation: can't do nonzero cur-relative seeks"},
	{"err_seek_end_text", `open('w.txt', 'w').close(); open('w.txt').seek(-1, 2)
`,
		"", "io.UnsupportedOperation: can't do nonzero end-relative seeks"},
	{"err_seek_whence_text", `open('w.txt', 'w').close(); open('w.txt').seek(0, 5)
`,
		"", "ValueError: invalid whence (5, should be 0, 1 or 2)"},
	{"err_seek_negative_text", `open('w.txt', 'w').close(); open('w.txt').seek(-1)
`,
		"", "ValueError: negative seek position -1"},
	{"err_seek_negative_binary", `open('w.txt', 'w').close(); open('w.txt', 'rb').seek(-1)
`,
		"", "OSError: [Errno 22] Invalid argument"},
	{"err_seek_whence_binary", `open('w.txt', 'w').close(); open('w.txt', 'rb').seek(0, 5)
`,
		"", "ValueError: whence value 5 unsupported"},
	{"err_truncate_not_writable", `open('w.txt', 'w').close(); open('w.txt').truncate()
`,
		"", "io.UnsupportedOperation: truncate"},
}
