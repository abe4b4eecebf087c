//go:build !unix

package ingest

import "io/fs"

// fileID reports that this system gives no inode numbers; keyOf falls back to
// real paths.
func fileID(fs.FileInfo) (dev, ino uint64, ok bool) { return 0, 0, false }
