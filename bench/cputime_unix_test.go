//go:build unix

package bench

import (
	"syscall"
	"time"
)

// processCPU returns the user and system time the process has used, DuckDB's
// threads included.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
