//go:build linux

package time

import (
	"syscall"
	"unsafe"
)

// Clock ids of clock_gettime(2).
const (
	clockMonotonic      = 1
	clockProcessCPUTime = 2
)

// clockNanos reads a POSIX clock as CPython does: the absolute
// CLOCK_MONOTONIC is shared by every process on the machine, so a value
// taken before a fork and one taken in the child compare sensibly.
func clockNanos(id int) (int64, error) {
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, uintptr(id), uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0, e
	}
	return ts.Nano(), nil
}
