package starproc_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/starproc/starproc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMain lets the test binary serve as the starproc command: a test runs a
// script end to end by re-executing itself with STARPROC_AS_CLI=1, so that
// output, exit status and child processes are those of the real command.
func TestMain(m *testing.M) {
	if os.Getenv("STARPROC_AS_CLI") == "1" {
		os.Exit(starproc.Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// runCLI runs the starproc command on args in dir with the extra environment.
func runCLI(t *testing.T, dir string, env []string, stdin []byte, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "STARPROC_AS_CLI=1"), env...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), status
}

// TestGoldenScripts runs every testdata/**/NAME.py through the starproc
// command and compares stdout, stderr and exit status with NAME.golden.
// Optional sidecars: NAME.args (arguments, one per line), NAME.env
// (KEY=VALUE lines; {testdata} is the testdata directory, $PATH the current
// PATH), NAME.stdin, and NAME.normalize for output that varies from run to
// run (see normalize).
func TestGoldenScripts(t *testing.T) {
	root, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".star")) {
			scripts = append(scripts, path)
		}
		return nil
	})
	if len(scripts) == 0 {
		t.Fatal("no golden scripts found")
	}
	for _, script := range scripts {
		rel, _ := filepath.Rel(root, script)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			base := strings.TrimSuffix(script, filepath.Ext(script))
			dir := filepath.Dir(script)
			args := []string{filepath.Base(script)}
			if b, err := os.ReadFile(base + ".args"); err == nil {
				args = append(args, strings.Fields(string(b))...)
			}
			var env []string
			if b, err := os.ReadFile(base + ".env"); err == nil {
				for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
					line = strings.ReplaceAll(line, "{testdata}", root)
					line = strings.ReplaceAll(line, "$PATH", os.Getenv("PATH"))
					env = append(env, line)
				}
			}
			stdin, _ := os.ReadFile(base + ".stdin")
			stdout, stderr, status := runCLI(t, dir, env, stdin, args...)
			if rules, err := os.ReadFile(base + ".normalize"); err == nil {
				stdout, stderr = normalize(t, string(rules), stdout, stderr)
			}
			got := formatGolden(stdout, stderr, status, dir)
			golden := base + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file (run go test -update): %v", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", rel, diff)
			}
		})
	}
}

// normalize applies a NAME.normalize file to a run's output. Each line is
// one rule:
//
//	sort                 sort the lines of stdout (for concurrent processes)
//	sort-stderr          sort the lines of stderr
//	REGEXP => TEXT       replace each match of REGEXP by TEXT; a TEXT of PID
//	                     numbers the distinct matches PID1, PID2, ... in order
//	                     of first appearance (after sorting), so a golden file
//	                     checks which PIDs are equal without knowing them
//
// A regexp with a group replaces only the group.
func normalize(t *testing.T, rules, stdout, stderr string) (string, string) {
	t.Helper()
	sortLines := func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		sort.Strings(lines)
		return strings.Join(lines, "")
	}
	pids := map[string]string{}
	for _, rule := range strings.Split(strings.TrimSpace(rules), "\n") {
		rule = strings.TrimSpace(rule)
		switch {
		case rule == "" || strings.HasPrefix(rule, "#"):
		case rule == "sort":
			stdout = sortLines(stdout)
		case rule == "sort-stderr":
			stderr = sortLines(stderr)
		default:
			pattern, repl, ok := strings.Cut(rule, " => ")
			if !ok {
				t.Fatalf("bad normalize rule %q", rule)
			}
			re := regexp.MustCompile(pattern)
			apply := func(s string) string {
				return re.ReplaceAllStringFunc(s, func(m string) string {
					sub := re.FindStringSubmatchIndex(m)
					whole, lo, hi := m, 0, len(m)
					if len(sub) >= 4 && sub[2] >= 0 {
						lo, hi = sub[2], sub[3]
					}
					text := repl
					if repl == "PID" {
						key := whole[lo:hi]
						if pids[key] == "" {
							pids[key] = fmt.Sprintf("PID%d", len(pids)+1)
						}
						text = pids[key]
					}
					return whole[:lo] + text + whole[hi:]
				})
			}
			stdout, stderr = apply(stdout), apply(stderr)
		}
	}
	return stdout, stderr
}

// formatGolden lays out one run; the script's directory is shown as "." so
// that goldens do not depend on where the repository is.
func formatGolden(stdout, stderr string, status int, dir string) string {
	norm := func(s string) string { return strings.ReplaceAll(s, dir+"/", "") }
	return fmt.Sprintf("%s-- stderr --\n%s-- exit status %d --\n", norm(stdout), norm(stderr), status)
}
