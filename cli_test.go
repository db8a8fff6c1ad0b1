package starproc_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIErrorsInPythonsWords checks the command's own messages and statuses.
func TestCLIErrorsInPythonsWords(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.py"), []byte("print('\xe4')\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.py"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "args.py"), []byte("import sys\nprint(sys.argv)\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "pkg"), 0o755)
	for _, tc := range []struct {
		args       []string
		stdout     string
		stderr     string
		status     int
		stdoutPart string
	}{
		{args: []string{"x.py"}, stderr: "starproc: can't open file 'x.py': [Errno 2] No such file or directory\n", status: 2},
		{args: []string{"pkg"}, stderr: "starproc: can't find '__main__' module in 'pkg'\n", status: 2},
		{args: []string{"bad.py"}, stderr: "SyntaxError: Non-UTF-8 code starting with '\\xe4' in file {dir}/bad.py on line 1, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n", status: 1},
		{args: []string{"empty.py"}},
		{args: []string{"args.py", "a", "b c"}, stdout: "['args.py', 'a', 'b c']\n"},
		{args: []string{"-u", "args.py"}, stdout: "['args.py']\n"},
		{args: []string{"-c", "import sys; print(sys.argv)", "x"}, stdout: "['-c', 'x']\n"},
		{args: []string{"--version"}, stdoutPart: "starproc "},
		{args: []string{"--help"}, stdoutPart: "usage: starproc"},
		{args: []string{"--bogus"}, status: 2, stdoutPart: ""},
	} {
		stdout, stderr, status := runCLI(t, dir, nil, nil, tc.args...)
		tc.stderr = strings.ReplaceAll(tc.stderr, "{dir}", dir)
		if status != tc.status {
			t.Errorf("%q: status %d, want %d (stderr %q)", tc.args, status, tc.status, stderr)
		}
		if tc.stdoutPart != "" {
			if !strings.Contains(stdout, tc.stdoutPart) {
				t.Errorf("%q: stdout %q, want it to contain %q", tc.args, stdout, tc.stdoutPart)
			}
			continue
		}
		if tc.status == 2 && tc.stderr == "" {
			continue
		}
		if stdout != tc.stdout || stderr != tc.stderr {
			t.Errorf("%q:\nstdout %q, want %q\nstderr %q, want %q", tc.args, stdout, tc.stdout, stderr, tc.stderr)
		}
	}
}
