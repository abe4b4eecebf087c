package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// fileKind is what a file's name says it holds.
type fileKind int

const (
	kindIgnored fileKind = iota
	kindText
	kindJSONL
	kindJSONLGzip
)

// kindOf classifies a file by its name, ignoring case. For ignored files it
// also returns the extension they are counted under.
func kindOf(path string) (fileKind, string) {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".txt"):
		return kindText, ""
	case strings.HasSuffix(name, ".jsonl"):
		return kindJSONL, ""
	case strings.HasSuffix(name, ".jsonl.gz"):
		return kindJSONLGzip, ""
	}
	return kindIgnored, filepath.Ext(name)
}

// fileKey identifies a file or folder however it is reached: by device and
// inode where the system has them, else by its absolute real path.
type fileKey struct {
	dev, ino uint64
	path     string
}

func keyOf(path string, info fs.FileInfo) fileKey {
	if dev, ino, ok := fileID(info); ok {
		return fileKey{dev: dev, ino: ino}
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return fileKey{path: path}
}

// folderChain is a folder and the folders above it, up to its input. A
// symlink to any of them is a loop.
type folderChain struct {
	key    fileKey
	parent *folderChain
}

func (c *folderChain) contains(key fileKey) bool {
	for ; c != nil; c = c.parent {
		if c.key == key {
			return true
		}
	}
	return false
}

// pendingLink is a symlink met while walking, to follow once every real
// entry has been read.
type pendingLink struct {
	path   string
	folder *folderChain // where the link is
}

// walk reads every input, then follows the symlinks found on the way, and
// the symlinks found behind those, in the order they were met.
func (r *reader) walk(inputs []string) error {
	for _, in := range inputs {
		if err := r.visitInput(in); err != nil {
			return err
		}
	}
	for len(r.links) > 0 {
		link := r.links[0]
		r.links = r.links[1:]
		if err := r.followLink(link); err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) visitInput(path string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return r.rejectStat(path, "input", err)
	}
	if info.IsDir() {
		return r.walkFolder(path, keyOf(path, info), nil)
	}
	return r.visitFile(path, info.Mode())
}

func (r *reader) followLink(link pendingLink) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	info, err := os.Stat(link.path)
	if err != nil {
		return r.rejectStat(link.path, "symlink target", err)
	}
	if !info.IsDir() {
		return r.visitFile(link.path, info.Mode())
	}
	key := keyOf(link.path, info)
	if link.folder.contains(key) {
		return r.reject(link.path, RuleSymlinkLoop, "symlink leads back to a folder that contains it")
	}
	return r.walkFolder(link.path, key, link.folder)
}

// rejectStat turns the error of resolving path into the matching reject.
func (r *reader) rejectStat(path, what string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return r.reject(path, RuleNotFound, "%s does not exist", what)
	case errors.Is(err, syscall.ELOOP):
		return r.reject(path, RuleSymlinkLoop, "symlinks lead back to themselves: %v", err)
	}
	return r.reject(path, RuleUnreadable, "cannot read %s: %v", what, err)
}

// walkFolder reads a folder's files and subfolders in lexical order, unless
// the folder was read already, and queues its symlinks.
func (r *reader) walkFolder(path string, key fileKey, parent *folderChain) error {
	if r.seenPaths[key] {
		r.manifest.Aliases++
		return nil
	}
	r.seenPaths[key] = true
	here := &folderChain{key: key, parent: parent}

	entries, err := os.ReadDir(path)
	if err != nil {
		// ReadDir returns what it listed before failing; read that too.
		if err := r.reject(path, RuleUnreadable, "cannot list folder: %v", err); err != nil {
			return err
		}
	}
	for _, entry := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		child := filepath.Join(path, entry.Name())
		switch mode := entry.Type(); {
		case mode&fs.ModeSymlink != 0:
			r.links = append(r.links, pendingLink{path: child, folder: here})
		case mode.IsDir():
			info, err := entry.Info()
			if err != nil {
				err = r.rejectStat(child, "folder", err)
			} else {
				err = r.walkFolder(child, keyOf(child, info), here)
			}
			if err != nil {
				return err
			}
		default:
			if err := r.visitFile(child, mode); err != nil {
				return err
			}
		}
	}
	return nil
}

// visitFile reads one file, unless its name says it is not input or it was
// read already under another path.
func (r *reader) visitFile(path string, mode fs.FileMode) error {
	kind, ext := kindOf(path)
	if kind == kindIgnored {
		r.manifest.Ignored++
		r.manifest.IgnoredByExtension[ext]++
		return nil
	}
	if !mode.IsRegular() {
		// Opening a named pipe would block until someone writes to it.
		r.manifest.Files++
		return r.reject(path, RuleUnreadable, "not a regular file but a %s", modeName(mode))
	}
	f, err := os.Open(path)
	if err != nil {
		r.manifest.Files++
		return r.reject(path, RuleUnreadable, "cannot open: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		r.manifest.Files++
		return r.reject(path, RuleUnreadable, "cannot stat: %v", err)
	}
	key := keyOf(path, info)
	if r.seenPaths[key] {
		r.manifest.Aliases++
		return nil
	}
	r.seenPaths[key] = true
	r.manifest.Files++

	switch kind {
	case kindText:
		return r.readText(path, f, info.Size())
	case kindJSONL:
		return r.readJSONL(path, f)
	default:
		return r.readJSONLGzip(path, f)
	}
}

func modeName(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeCharDevice != 0:
		return "character device"
	case mode&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
