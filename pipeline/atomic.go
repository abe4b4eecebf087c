package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock takes an exclusive lock in the output folder, so two builds into one
// folder never interleave. The kernel releases it when the process
// dies, so a killed build leaves no stale lock behind.
func lock(out string) (unlock func(), err error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	path := filepath.Join(out, ".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("build: lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("build: another build is writing %s (lock %s held); wait for it to finish", out, path)
		}
		return nil, fmt.Errorf("build: lock %s: %w", path, err)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// replace moves the finished staging folder into place. Files of out that
// the build does not produce (out/README.md, out/release/) are kept.
func replace(staging, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	entries, err := os.ReadDir(staging)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	for _, e := range entries {
		dst := filepath.Join(out, e.Name())
		old := dst + ".old"
		os.RemoveAll(old)
		if err := os.Rename(dst, old); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("build: %w", err)
		}
		if err := os.Rename(filepath.Join(staging, e.Name()), dst); err != nil {
			os.Rename(old, dst)
			return fmt.Errorf("build: %w", err)
		}
		os.RemoveAll(old)
	}
	return nil
}

// stagingPattern names the folders a build writes into before it moves its
// files into place; inside the output folder, so the moves are renames on
// one file system.
const stagingPattern = ".building-*"

// removeStaleStaging deletes the staging folders of builds that were killed.
// Only the holder of the lock calls it, so none of them is in use.
func removeStaleStaging(out string) {
	stale, _ := filepath.Glob(filepath.Join(out, stagingPattern))
	for _, dir := range stale {
		os.RemoveAll(dir)
	}
}
