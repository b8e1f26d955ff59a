package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// A check's problems depend only on the files it reads and on the program
// that checks them. The last check of each site is kept with a key made of
// both: the hash of every file the check can read (their content, never
// their modification times alone), and this program's own file. When the
// key is the same, the problems are the same, and are not worked out again.

// checkInputs are the files and folders whose content a check reads.
var checkInputs = []string{project.ConfigFile, project.StateFile, project.DataDir, project.ContentDir, project.I18nDir, project.LayoutsDir, content.ImagesDir}

type cachedCheck struct {
	Key      string
	Problems diag.List
	// HeldBack are the items held back (see content.Site.HeldBack), by
	// kind; they and the problems hold from Since to Until, the releases
	// of scheduled items before and after the moment of the check (zero:
	// none).
	HeldBack     map[string][]string
	Since, Until time.Time
}

// checkCacheFile is where the last check of the site at root is kept:
// in the user's cache folder, by the site's absolute path.
func checkCacheFile(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "cyberpub-site", "check", hex.EncodeToString(sum[:12])+".json"), nil
}

// checkKey hashes what a check of the site at root depends on; variant
// tells the checks apart that report differently (strict, preview).
func checkKey(root, variant string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", variant)
	if err := hashProgram(h); err != nil {
		return "", err
	}
	for _, input := range checkInputs {
		err := filepath.WalkDir(filepath.Join(root, input), func(path string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			n, err := io.Copy(h, f)
			fmt.Fprintf(h, "\x00%d\x00", n)
			return err
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashProgram adds this program to the key: its path, size and time of
// change, so that a rebuilt program (new checks) checks again.
func hashProgram(h hash.Hash) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	info, err := os.Stat(self)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", self, info.Size(), info.ModTime().UnixNano())
	return nil
}

// readCheckCache returns the last check of the site at root if its key is
// key and no item was released between its moment and now.
func readCheckCache(root, key string, now time.Time) (cachedCheck, bool) {
	file, err := checkCacheFile(root)
	if err != nil {
		return cachedCheck{}, false
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return cachedCheck{}, false
	}
	var c cachedCheck
	if json.Unmarshal(b, &c) != nil || c.Key != key || now.Before(c.Since) || !c.Until.IsZero() && !now.Before(c.Until) {
		return cachedCheck{}, false
	}
	return c, true
}

// writeCheckCache keeps the problems of a check. A cache that cannot be
// written only makes the next check slower: it is not an error.
func writeCheckCache(root string, c cachedCheck) {
	file, err := checkCacheFile(root)
	if err != nil {
		return
	}
	b, err := json.Marshal(c)
	if err == nil {
		project.WriteFile(file, b)
	}
}
