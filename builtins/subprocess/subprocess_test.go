package subprocess

import (
	"testing"
)

// Each result is repr(result) as python3.11 printed it for the same code.
func TestResultsMatchCPython(t *testing.T) {
	tests := []struct{ src, want string }{
		{`result = subprocess.run(['echo', 'x'], capture_output=True)`, `CompletedProcess(args=['echo', 'x'], returncode=0, stdout=b'x\n', stderr=b'')`},
		{`result = subprocess.run(['echo', 'x'], capture_output=True, text=True)`, `CompletedProcess(args=['echo', 'x'], returncode=0, stdout='x\n', stderr='')`},
		{`result = subprocess.run(['sh', '-c', 'echo x'], capture_output=True, universal_newlines=True)`, `CompletedProcess(args=['sh', '-c', 'echo x'], returncode=0, stdout='x\n', stderr='')`},
		{`result = subprocess.run(['echo', 'x'], stdout=subprocess.DEVNULL)`, `CompletedProcess(args=['echo', 'x'], returncode=0)`},
		{`result = subprocess.run(['echo', 'x'], stdout=subprocess.PIPE)`, `CompletedProcess(args=['echo', 'x'], returncode=0, stdout=b'x\n')`},
		{`result = subprocess.run(['printf', 'a\\r\\nb\\rc\\xff'], capture_output=True, text=True, errors='replace').stdout`, `'a\nb\nc�'`},
		{`result = subprocess.run(['printf', 'a\\xffb'], text=True, errors='backslashreplace', capture_output=True).stdout`, `'a\\xffb'`},
		{`result = subprocess.run(['printf', 'a\\xffb'], text=True, errors='ignore', capture_output=True).stdout`, `'ab'`},
		{`result = subprocess.run(['printf', 'a\\xe2\\x82b'], text=True, errors='replace', capture_output=True).stdout`, `'a�b'`},
		{`result = subprocess.run(['printf', 'x\\xe9y'], capture_output=True, encoding='latin-1').stdout`, `'xéy'`},
		{`result = subprocess.run(['cat'], input='é€', encoding='latin-1', errors='backslashreplace', capture_output=True)`, `CompletedProcess(args=['cat'], returncode=0, stdout='é\\u20ac', stderr='')`},
		{`result = subprocess.run(['cat'], input='é€x€€', encoding='ascii', errors='replace', capture_output=True)`, `CompletedProcess(args=['cat'], returncode=0, stdout='??x??', stderr='')`},
		{`result = subprocess.run(['cat'], input=b'in', capture_output=True)`, `CompletedProcess(args=['cat'], returncode=0, stdout=b'in', stderr=b'')`},
		{`result = subprocess.run(['cat'], input='a\r\nb', capture_output=True, text=True).stdout`, `'a\nb'`},
		{`result = subprocess.run(['cat'], stdin=subprocess.DEVNULL, capture_output=True)`, `CompletedProcess(args=['cat'], returncode=0, stdout=b'', stderr=b'')`},
		{`result = subprocess.run(['sh', '-c', 'echo a; echo b >&2'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)`, `CompletedProcess(args=['sh', '-c', 'echo a; echo b >&2'], returncode=0, stdout=b'a\nb\n')`},
		{`result = subprocess.run('echo $0', shell=True, executable='/bin/sh', capture_output=True).stdout`, `b'/bin/sh\n'`},
		{`result = subprocess.run(['echo x'], shell=True, capture_output=True)`, `CompletedProcess(args=['echo x'], returncode=0, stdout=b'x\n', stderr=b'')`},
		{`result = subprocess.run(['echo $0 $1', 'a', 'b'], shell=True, capture_output=True).stdout`, `b'a b\n'`},
		{`result = subprocess.run(['pwd'], cwd='/tmp', capture_output=True).stdout`, `b'/tmp\n'`},
		{`result = subprocess.run(['env'], env={'A': '1'}, capture_output=True).stdout`, `b'A=1\n'`},
		{`result = subprocess.run(['true'], env={'A': '1'}).returncode`, `0`},
		{`result = subprocess.run(b'echo', capture_output=True)`, `CompletedProcess(args=b'echo', returncode=0, stdout=b'\n', stderr=b'')`},
		{`result = subprocess.run(['echo', b'x'], capture_output=True)`, `CompletedProcess(args=['echo', b'x'], returncode=0, stdout=b'x\n', stderr=b'')`},
		{`result = subprocess.run(['false'])`, `CompletedProcess(args=['false'], returncode=1)`},
		{`result = subprocess.run('kill -9 $$', shell=True)`, `CompletedProcess(args='kill -9 $$', returncode=-9)`},

		{`result = subprocess.getstatusoutput('echo hi; exit 3')`, `(3, 'hi')`},
		{`result = subprocess.getstatusoutput('kill -9 $$')`, `(-9, '')`},
		{`result = subprocess.getstatusoutput(['echo', 'x'])`, `(0, '')`},
		{`result = subprocess.getstatusoutput('printf "a\\n\\n"')`, `(0, 'a\n')`},
		{`result = subprocess.getstatusoutput('exit 300')`, `(44, '')`},
		{`result = subprocess.getstatusoutput('echo out; echo err >&2')`, `(0, 'out\nerr')`},
		{`result = subprocess.getoutput('printf "\\r\\nx\\r\\n"')`, `'\nx'`},
		{`result = subprocess.getoutput('echo hi; echo')`, `'hi\n'`},
		{`result = (subprocess.call(['false']), subprocess.call('exit 7', shell=True), subprocess.call(['true']))`, `(1, 7, 0)`},
		{`result = subprocess.check_call(['true'])`, `0`},
		{`result = subprocess.check_output(['echo', 'hi'])`, `b'hi\n'`},
		{`result = subprocess.check_output(['echo', 'hi'], text=True)`, `'hi\n'`},
		{`result = subprocess.check_output(['cat'], input=None)`, `b''`},
		{`result = subprocess.check_output(['cat'], input=b'x')`, `b'x'`},
		{`result = subprocess.check_output(['sh', '-c', 'echo a; echo b >&2'], stderr=subprocess.STDOUT)`, `b'a\nb\n'`},

		{"p = subprocess.Popen(['true'])\nresult = repr(p)\np.wait()", `"<Popen: returncode: None args: ['true']>"`},
		{"p = subprocess.Popen('true')\nresult = repr(p)\np.wait()", `"<Popen: returncode: None args: 'true'>"`},
		{"p = subprocess.Popen(['echo', 'a' * 85], stdout=subprocess.DEVNULL)\nresult = repr(p)\np.wait()", `"<Popen: returncode: None args: ['echo', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...>"`},
		{`p = subprocess.Popen(['sh', '-c', 'echo hi; exit 4'], stdout=subprocess.PIPE)
result = [p.returncode, p.stdin, p.stderr, p.communicate(), p.returncode, p.stdout.closed, repr(p), p.wait(), p.poll(), p.args]`,
			`[None, None, None, (b'hi\n', None), 4, True, "<Popen: returncode: 4 args: ['sh', '-c', 'echo hi; exit 4']>", 4, 4, ['sh', '-c', 'echo hi; exit 4']]`},
		{`p = subprocess.Popen(['sh', '-c', 'echo hi; exit 4'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
result = (p.communicate(), p.communicate())`, `((b'hi\n', b''), (b'hi\n', b''))`},
		{`p = subprocess.Popen(['sh', '-c', 'sleep 0.2; echo late'], stdout=subprocess.PIPE)
result = p.communicate(timeout=5)`, `(b'late\n', None)`},
		{`p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
result = (p.communicate(b'x', timeout=5), p.returncode)`, `((b'x', None), 0)`},
		{`p = subprocess.Popen(['sleep', '5'])
p.kill()
result = (p.wait(), repr(p), p.kill(), p.terminate(), p.send_signal(9), p.poll())`, `(-9, "<Popen: returncode: -9 args: ['sleep', '5']>", None, None, None, -9)`},
		{"p = subprocess.Popen(['sleep', '5'])\np.terminate()\nresult = p.wait()", `-15`},
		{"p = subprocess.Popen(['sleep', '5'])\np.send_signal(2)\nresult = p.wait()", `-2`},
		{`p = subprocess.Popen(['sh', '-c', 'echo hi; exit 4'], stdout=subprocess.PIPE)
q = p.__enter__()
out = p.stdout.read()
p.__exit__(None, None, None)
result = (q == p, out, p.returncode, p.stdout.closed)`, `(True, b'hi\n', 4, True)`},
		{`p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b'abc')
p.stdin.close()
result = (p.stdout.read(), p.wait())`, `(b'abc', 0)`},
		{`p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write('x\r\ny\n')
p.stdin.close()
result = (p.stdout.readline(), p.stdout.readline(), p.wait(), p.text_mode, p.encoding, p.errors)`, `('x\n', 'y\n', 0, True, 'UTF-8', None)`},
		{`p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, encoding='latin-1')
result = (p.communicate('é'), p.universal_newlines)`, `(('é', None), 'latin-1')`},

		{`p = subprocess.Popen(['true'])
result = (p.text_mode, p.universal_newlines, p.encoding, p.errors, p.wait())`, `(None, None, None, None, 0)`},
		{`p = subprocess.Popen(['true'], universal_newlines=False)
result = (p.text_mode, p.universal_newlines, p.wait())`, `(False, False, 0)`},
		{`p = subprocess.Popen(['true'], text=True, errors='strict')
result = (p.text_mode, p.universal_newlines, p.encoding, p.errors, p.wait())`, `('strict', 'strict', 'UTF-8', 'strict', 0)`},
		{`result = repr(subprocess.CalledProcessError(1, ['a']))`, `"CalledProcessError(1, ['a'])"`},
		{`result = repr(subprocess.CalledProcessError(1, ['a'], output=b'x', stderr=b'e'))`, `"CalledProcessError(1, ['a'])"`},
		{`result = [str(subprocess.CalledProcessError(rc, 'x')) for rc in (0, -99, -2, -15, -34, -64, -33)]`,
			`["Command 'x' returned non-zero exit status 0.", "Command 'x' died with unknown signal 99.", "Command 'x' died with <Signals.SIGINT: 2>.", "Command 'x' died with <Signals.SIGTERM: 15>.", "Command 'x' died with <Signals.SIGRTMIN: 34>.", "Command 'x' died with <Signals.SIGRTMAX: 64>.", "Command 'x' died with unknown signal 33."]`},
		{`result = str(subprocess.CalledProcessError(2, b'x'))`, `"Command 'b'x'' returned non-zero exit status 2."`},
		{`result = str(subprocess.CalledProcessError(1, ('a', 'b')))`, `"Command '('a', 'b')' returned non-zero exit status 1."`},
		{`result = str(subprocess.TimeoutExpired('x', 1.0))`, `"Command 'x' timed out after 1.0 seconds"`},
		{`e = subprocess.TimeoutExpired(['a'], 2, output=b'x')
result = (str(e), repr(e), e.output, e.stdout, e.stderr, e.timeout, e.cmd)`, `("Command '['a']' timed out after 2 seconds", "TimeoutExpired(['a'], 2)", b'x', b'x', None, 2, ['a'])`},
		{`e = subprocess.CalledProcessError(1, ['a'], output=b'x')
result = (e.stdout, e.output, e.stderr, e.cmd, e.returncode)`, `(b'x', b'x', None, ['a'], 1)`},
		{`result = str(subprocess.SubprocessError('m'))`, `'m'`},
		{`result = subprocess.CompletedProcess(['a'], 0)`, `CompletedProcess(args=['a'], returncode=0)`},
		{`result = subprocess.CompletedProcess(['a'], 1, None, 'e')`, `CompletedProcess(args=['a'], returncode=1, stderr='e')`},
		{`result = subprocess.CompletedProcess(['a'], 0, b'', None).check_returncode()`, `None`},
		{`result = (subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL)`, `(-1, -2, -3)`},
		{`result = subprocess.list2cmdline(['a b', 'c"d', '', 'e\\\\"', 'f\\g'])`, `'"a b" c\\"d "" e\\\\\\\\\\" f\\g'`},
		{`result = subprocess.list2cmdline(['a', 'b c', 'd\\', 'e\tf', 'g\\\\"h'])`, `'a "b c" d\\ "e\tf" g\\\\\\\\\\"h'`},
	}
	for _, tt := range tests {
		if got := mustExec(t, newState(t), tt.src); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
