// Package signals is the one table of Linux's signals that starproc's
// modules share: the signal module's constants and strsignal, and the names
// subprocess and multiprocessing print for a child killed by a signal.
package signals

// A Signal is one of Linux's standard signals.
type Signal struct {
	Name string // as Python's signal.Signals names it
	Num  int
	Text string // strsignal, as glibc words it
}

// Real-time signals as glibc numbers them: glibc keeps 32 and 33 for itself.
const (
	RTMin = 34
	RTMax = 64
)

// Table lists the standard signals; Table[n-1].Num == n.
var Table = []Signal{
	{"SIGHUP", 1, "Hangup"},
	{"SIGINT", 2, "Interrupt"},
	{"SIGQUIT", 3, "Quit"},
	{"SIGILL", 4, "Illegal instruction"},
	{"SIGTRAP", 5, "Trace/breakpoint trap"},
	{"SIGABRT", 6, "Aborted"},
	{"SIGBUS", 7, "Bus error"},
	{"SIGFPE", 8, "Floating point exception"},
	{"SIGKILL", 9, "Killed"},
	{"SIGUSR1", 10, "User defined signal 1"},
	{"SIGSEGV", 11, "Segmentation fault"},
	{"SIGUSR2", 12, "User defined signal 2"},
	{"SIGPIPE", 13, "Broken pipe"},
	{"SIGALRM", 14, "Alarm clock"},
	{"SIGTERM", 15, "Terminated"},
	{"SIGSTKFLT", 16, "Stack fault"},
	{"SIGCHLD", 17, "Child exited"},
	{"SIGCONT", 18, "Continued"},
	{"SIGSTOP", 19, "Stopped (signal)"},
	{"SIGTSTP", 20, "Stopped"},
	{"SIGTTIN", 21, "Stopped (tty input)"},
	{"SIGTTOU", 22, "Stopped (tty output)"},
	{"SIGURG", 23, "Urgent I/O condition"},
	{"SIGXCPU", 24, "CPU time limit exceeded"},
	{"SIGXFSZ", 25, "File size limit exceeded"},
	{"SIGVTALRM", 26, "Virtual timer expired"},
	{"SIGPROF", 27, "Profiling timer expired"},
	{"SIGWINCH", 28, "Window changed"},
	{"SIGIO", 29, "I/O possible"},
	{"SIGPWR", 30, "Power failure"},
	{"SIGSYS", 31, "Bad system call"},
}

// Name is the signal.Signals member name of signal n, or "" when it has none.
func Name(n int) string {
	switch {
	case n > 0 && n <= len(Table):
		return Table[n-1].Name
	case n == RTMin:
		return "SIGRTMIN"
	case n == RTMax:
		return "SIGRTMAX"
	}
	return ""
}
