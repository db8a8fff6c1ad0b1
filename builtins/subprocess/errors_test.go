package subprocess

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every message below is what python3.11 printed as the traceback's last
// line for the same call.
func TestErrorsReadLikeCPython(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "prog"), []byte("#!/bin/sh\necho hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "garbage"), []byte("\x7fELFxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		// Starting the program.
		{`subprocess.run(['nslookupxx'])`, `FileNotFoundError: [Errno 2] No such file or directory: 'nslookupxx'`},
		{`subprocess.run(['true'], cwd='/nonexist')`, `FileNotFoundError: [Errno 2] No such file or directory: '/nonexist'`},
		{`subprocess.run(['/etc/passwd'])`, `PermissionError: [Errno 13] Permission denied: '/etc/passwd'`},
		{`subprocess.run(['/tmp'])`, `PermissionError: [Errno 13] Permission denied: '/tmp'`},
		{`subprocess.run(['/etc/passwd/x'])`, `NotADirectoryError: [Errno 20] Not a directory: '/etc/passwd/x'`},
		{`subprocess.run(['nosuch'], executable='/bin/nosuch2')`, `FileNotFoundError: [Errno 2] No such file or directory: '/bin/nosuch2'`},
		{`subprocess.run(['true'], cwd='/etc/passwd')`, `NotADirectoryError: [Errno 20] Not a directory: '/etc/passwd'`},
		{`subprocess.run('')`, `PermissionError: [Errno 13] Permission denied: ''`},
		{`subprocess.run(['prog'], env={'PATH': '` + dir + `'})`, `PermissionError: [Errno 13] Permission denied: 'prog'`},
		{`subprocess.run(['garbage'], env={'PATH': '/nonexist:` + dir + `'})`, `OSError: [Errno 8] Exec format error: 'garbage'`},
		{`subprocess.run(['./garbage'], cwd='` + dir + `')`, `OSError: [Errno 8] Exec format error: './garbage'`},
		{`subprocess.Popen(['nslookup'])`, `FileNotFoundError: [Errno 2] No such file or directory: 'nslookup'`},
		{`subprocess.call(['nslookup'])`, `FileNotFoundError: [Errno 2] No such file or directory: 'nslookup'`},

		// Failed and timed-out commands.
		{`subprocess.run(['false'], check=True)`, `subprocess.CalledProcessError: Command '['false']' returned non-zero exit status 1.`},
		{`subprocess.run('exit 3', shell=True, check=True)`, `subprocess.CalledProcessError: Command 'exit 3' returned non-zero exit status 3.`},
		{`subprocess.run('kill -9 $$', shell=True, check=True)`, `subprocess.CalledProcessError: Command 'kill -9 $$' died with <Signals.SIGKILL: 9>.`},
		{`subprocess.check_call(['false'])`, `subprocess.CalledProcessError: Command '['false']' returned non-zero exit status 1.`},
		{`subprocess.check_call('false', shell=True)`, `subprocess.CalledProcessError: Command 'false' returned non-zero exit status 1.`},
		{`subprocess.check_call(args=['false'])`, `subprocess.CalledProcessError: Command '['false']' returned non-zero exit status 1.`},
		{`subprocess.check_output(['sh', '-c', 'echo err >&2; exit 2'], stderr=subprocess.STDOUT)`, `subprocess.CalledProcessError: Command '['sh', '-c', 'echo err >&2; exit 2']' returned non-zero exit status 2.`},
		{`subprocess.CompletedProcess(['a'], 1, b'x', None).check_returncode()`, `subprocess.CalledProcessError: Command '['a']' returned non-zero exit status 1.`},
		{`subprocess.run(['sleep', '5'], capture_output=True, timeout=0.3)`, `subprocess.TimeoutExpired: Command '['sleep', '5']' timed out after 0.3 seconds`},
		{`subprocess.run(['sh', '-c', 'echo hi; sleep 5'], capture_output=True, timeout=0.3, text=True)`, `subprocess.TimeoutExpired: Command '['sh', '-c', 'echo hi; sleep 5']' timed out after 0.3 seconds`},
		{`subprocess.call(['sleep', '5'], timeout=0.2)`, `subprocess.TimeoutExpired: Command '['sleep', '5']' timed out after 0.2 seconds`},
		{`subprocess.check_output(['sleep', '5'], timeout=1)`, `subprocess.TimeoutExpired: Command '['sleep', '5']' timed out after 1 seconds`},
		{`subprocess.Popen(['sleep', '5']).wait(0.1)`, `subprocess.TimeoutExpired: Command '['sleep', '5']' timed out after 0.1 seconds`},

		// input of the wrong type.
		{`subprocess.run(['cat'], input='x')`, `TypeError: a bytes-like object is required, not 'str'`},
		{`subprocess.run(['cat'], input=b'x', text=True)`, `TypeError: write() argument must be str, not bytes`},
		{`subprocess.run(['cat'], input=1)`, `TypeError: a bytes-like object is required, not 'int'`},
		{`subprocess.run(['cat'], input=1, text=True)`, `TypeError: write() argument must be str, not int`},
		{`subprocess.run(['cat'], input=b'x', text=True, stdout=subprocess.DEVNULL)`, `TypeError: write() argument must be str, not bytes`},
		{`subprocess.run(['cat'], input='x', capture_output=True)`, `TypeError: memoryview: a bytes-like object is required, not 'str'`},
		{`subprocess.run(['cat'], input=1, capture_output=True)`, `TypeError: memoryview: a bytes-like object is required, not 'int'`},
		{`subprocess.run(['cat'], input=b'x', text=True, capture_output=True)`, `AttributeError: 'bytes' object has no attribute 'encode'`},

		// Conflicting and bad arguments.
		{`subprocess.run(['cat'], input=b'x', stdin=subprocess.PIPE)`, `ValueError: stdin and input arguments may not both be used.`},
		{`subprocess.run(['cat'], capture_output=True, stdout=subprocess.PIPE)`, `ValueError: stdout and stderr arguments may not be used with capture_output.`},
		{`subprocess.check_output(['cat'], stdout=subprocess.PIPE)`, `ValueError: stdout argument not allowed, it will be overridden.`},
		{`subprocess.check_output(['cat'], check=True)`, `ValueError: check argument not allowed, it will be overridden.`},
		{`subprocess.run(['echo', 1])`, `TypeError: expected str, bytes or os.PathLike object, not int`},
		{`subprocess.run(['echo', None])`, `TypeError: expected str, bytes or os.PathLike object, not NoneType`},
		{`subprocess.run(1)`, `TypeError: 'int' object is not iterable`},
		{`subprocess.run(['echo'], env={'A': 1})`, `TypeError: expected str, bytes or os.PathLike object, not int`},
		{`subprocess.run(['echo'], env={1: 'a'})`, `TypeError: expected str, bytes or os.PathLike object, not int`},
		{`subprocess.run(['echo'], env={'A=B': 'a'})`, `ValueError: illegal environment variable name`},
		{`subprocess.run(['echo', 'a\0'])`, `ValueError: embedded null byte`},
		{`subprocess.run(['echo'], env={'A\0': 'x'})`, `ValueError: embedded null byte`},
		{`subprocess.run(['echo'], cwd=5)`, `TypeError: expected str, bytes or os.PathLike object, not int`},
		{`subprocess.run(['echo'], stdout=subprocess.DEVNULL, timeout='x')`, `TypeError: unsupported operand type(s) for +: 'float' and 'str'`},
		{`subprocess.run(['echo'], text=True, universal_newlines=False)`, `subprocess.SubprocessError: Cannot disambiguate when both text and universal_newlines are supplied but different. Pass one or the other.`},
		{`subprocess.run([])`, `IndexError: list index out of range`},
		{`subprocess.run(())`, `IndexError: list index out of range`},
		{`subprocess.Popen(['true'], startupinfo=1)`, `ValueError: startupinfo is only supported on Windows platforms`},
		{`subprocess.Popen(['true'], creationflags=1)`, `ValueError: creationflags is only supported on Windows platforms`},
		{`subprocess.Popen(['true'], bufsize='x')`, `TypeError: bufsize must be an integer`},
		{`subprocess.Popen(['true'], stdout='x')`, `AttributeError: 'str' object has no attribute 'fileno'`},
		{`subprocess.Popen(['true'], stdout=-7)`, `OSError: [Errno 9] Bad file descriptor`},
		{`subprocess.Popen(['true'], stdin=99)`, `OSError: [Errno 9] Bad file descriptor`},
		{`subprocess.run(['echo', 'x'], stdout=subprocess.STDOUT)`, `OSError: [Errno 9] Bad file descriptor`},

		// Decoding and encoding in text mode.
		{`subprocess.run(['printf', 'a\\r\\nb\\rc\\xff'], capture_output=True, text=True)`, `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte`},
		{`subprocess.run(['printf', '\\xe2\\x82'], encoding='utf-8', capture_output=True)`, `UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data`},
		{`subprocess.run(['printf', '\\xe2'], encoding='utf-8', capture_output=True)`, `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2 in position 0: unexpected end of data`},
		{`subprocess.run(['printf', 'ab\\xe0\\x80'], encoding='utf-8', capture_output=True)`, `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe0 in position 2: invalid continuation byte`},
		{`subprocess.run(['printf', 'ab\\xe2\\x82x'], encoding='utf-8', capture_output=True)`, `UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 2-3: invalid continuation byte`},
		{`subprocess.run(['printf', '\\xff'], encoding='ascii', capture_output=True)`, `UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)`},
		{`subprocess.run(['printf', 'a\\xffb'], text=True, errors='nope', capture_output=True)`, `LookupError: unknown error handler name 'nope'`},
		{`subprocess.run(['cat'], input='é', encoding='ascii', capture_output=True)`, `UnicodeEncodeError: 'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)`},
		{`subprocess.run(['cat'], input='a€€', encoding='latin-1', capture_output=True)`, `UnicodeEncodeError: 'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)`},
		{`subprocess.run(['cat'], input='x', encoding='nope', capture_output=True)`, `LookupError: unknown encoding: nope`},

		// Misuse of a Popen.
		{"p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\np.communicate(b'x', timeout=5)\np.communicate(b'y')", `ValueError: Cannot send input after starting communication`},
		{"p = subprocess.Popen(['echo', 'hi'], stdout=subprocess.PIPE)\np.communicate()\np.communicate()", `ValueError: read of closed file`},
	}
	for _, tt := range tests {
		st := newState(t)
		_, err := exec(t, st, tt.src)
		if err == nil {
			t.Errorf("%s: no error, want %s", tt.src, tt.want)
			continue
		}
		if got := pyError(err); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// Unsupported parameters fail clearly rather than being silently ignored.
func TestUnsupportedParametersAreRefused(t *testing.T) {
	for _, src := range []string{
		`subprocess.Popen(['true'], preexec_fn=print)`,
		`subprocess.Popen(['true'], user=0)`,
		`subprocess.Popen(['true'], umask=0o22)`,
	} {
		_, err := exec(t, newState(t), src)
		if err == nil || !strings.HasPrefix(pyError(err), "NotImplementedError: subprocess.Popen: ") {
			t.Errorf("%s: got %v, want NotImplementedError", src, err)
		}
	}
}
