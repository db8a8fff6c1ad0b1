package starproc

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

const usage = `usage: starproc [option] ... [-c cmd | file] [arg] ...
Runs a Python teaching script (os.fork, multiprocessing, subprocess) on go.starlark.net,
as CPython on Linux would run it.

Options:
  -c cmd     program passed in as string (terminates option list)
  -u         unbuffered output (always the case: each print is one write)
  --max-procs N  at most N processes in the run at once (default 256)
  -h, --help print this help message and exit
  --version  print the starproc version and exit

Arguments:
  file       program read from script file (.py or .star)
  arg ...    arguments passed to program in sys.argv[1:]
`

// Main is the starproc command: it parses the command line
// `starproc [-u] [-c CODE] SCRIPT [ARGS...]`, runs the script and returns
// the exit status. cmd/starproc and the tests' re-executed binaries call it.
func Main(args []string) int {
	if os.Getenv(envChild) != "" {
		return runChild()
	}
	cfg := &Config{}
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "-h" || a == "--help":
			fmt.Print(usage)
			return 0
		case a == "--version" || a == "-V":
			fmt.Printf("starproc %s (Python 3.11 semantics)\n", Version)
			return 0
		case a == "-u":
			args = args[1:]
			continue
		case a == "--max-procs" || strings.HasPrefix(a, "--max-procs="):
			v := strings.TrimPrefix(a, "--max-procs=")
			if a == "--max-procs" {
				if len(args) < 2 {
					fmt.Fprintf(os.Stderr, "starproc: --max-procs needs a number\n")
					return 2
				}
				v, args = args[1], args[1:]
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				fmt.Fprintf(os.Stderr, "starproc: --max-procs needs a positive number, not %q\n", v)
				return 2
			}
			cfg.MaxProcs = n
			args = args[1:]
			continue
		case a == "-c":
			if len(args) < 2 {
				fmt.Fprintf(os.Stderr, "Argument expected for the -c option\n%s", usage)
				return 2
			}
			cfg.Script = "<string>"
			cfg.Source = []byte(args[1])
			cfg.Argv0 = "-c"
			cfg.Args = args[2:]
			return Run(cfg)
		case a == "--":
			args = args[1:]
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(os.Stderr, "unknown option %s\n%s", a, usage)
			return 2
		}
		break
	}
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	cfg.Script = args[0]
	cfg.Args = args[1:]
	return Run(cfg)
}
