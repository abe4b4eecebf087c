//go:build unix

package ingest

import (
	"os"
	"strings"
	"syscall"
	"testing"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestReadSymlinks(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{
		"corpus/a/story.txt":   []byte(plainText),
		"corpus/b/other.txt":   []byte(plainText),
		"outside/linked.txt":   []byte(plainText),
		"outside/folder/f.txt": []byte(plainText),
	})
	symlink(t, "..", "corpus/a/up")                          // loop: back to a folder above
	symlink(t, ".", "corpus/b/self")                         // loop: the folder itself
	symlink(t, "twin", "corpus/twin")                        // loop: a link to itself
	symlink(t, "../b", "corpus/a/to-b")                      // a folder also reached directly
	symlink(t, "story.txt", "corpus/a/again.txt")            // a file also reached directly
	symlink(t, "nothing.txt", "corpus/dangling.txt")         // a target that does not exist
	symlink(t, "../../outside/linked.txt", "corpus/a/l.txt") // a file reached only through the link
	symlink(t, "../outside/folder", "corpus/ext")            // a folder reached only through the link

	items, m := readAll(t, Options{}, "corpus")
	sameLines(t, describeAll(items), []string{
		// Real entries first, so files are read under their real paths ...
		"unit corpus/a/story.txt story",
		"unit corpus/b/other.txt other",
		// ... then links, in the order they were met.
		"unit corpus/a/l.txt l",
		"reject corpus/a/up symlink_loop",
		"reject corpus/b/self symlink_loop",
		"reject corpus/dangling.txt not_found",
		"unit corpus/ext/f.txt f",
		"reject corpus/twin symlink_loop",
	})
	if m.Aliases != 2 || m.Files != 4 {
		t.Errorf("manifest %+v, want 2 aliases (again.txt, to-b) and 4 files", m)
	}
}

func TestReadSymlinkInputs(t *testing.T) {
	inTempDir(t)
	writeTree(t, map[string][]byte{"real/a.txt": []byte(plainText)})
	symlink(t, "real", "link")
	symlink(t, "loop", "loop")
	items, _ := readAll(t, Options{}, "link", "loop", "real")
	sameLines(t, describeAll(items), []string{
		"unit link/a.txt a",
		"reject loop symlink_loop",
	})
}

func TestReadUnreadable(t *testing.T) {
	t.Run("named pipe", func(t *testing.T) {
		// Opening a pipe with no writer would block forever.
		inTempDir(t)
		if err := syscall.Mkfifo("pipe.txt", 0o644); err != nil {
			t.Fatal(err)
		}
		writeTree(t, map[string][]byte{"ok.txt": []byte(plainText)})
		items, _ := readAll(t, Options{}, ".")
		sameLines(t, describeAll(items), []string{"unit ok.txt ok", "reject pipe.txt unreadable"})
		if msg := items[1].Reject.Message; !strings.Contains(msg, "named pipe") {
			t.Errorf("message %q should say what the file is", msg)
		}
	})
	t.Run("permission denied", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads files whatever their permissions; the named pipe case covers unreadable files")
		}
		inTempDir(t)
		writeTree(t, map[string][]byte{"secret.txt": []byte(plainText), "locked/a.txt": []byte(plainText)})
		for _, path := range []string{"secret.txt", "locked"} {
			if err := os.Chmod(path, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(path, 0o755) })
		}
		items, _ := readAll(t, Options{}, ".")
		sameLines(t, describeAll(items), []string{"reject locked unreadable", "reject secret.txt unreadable"})
	})
}
