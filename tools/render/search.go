package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// pagefindBin is where npm installs Pagefind in a site, from its
// package.json and package-lock.json.
const pagefindBin = "node_modules/.bin/pagefind"

// Pagefind returns Pagefind's command in the site at root, installing it
// first with npm ci (the versions package-lock.json pins) when it is
// missing. out says what is happening.
func Pagefind(root string, out func(string)) (string, error) {
	bin := filepath.Join(root, pagefindBin)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(root, "package-lock.json")); err != nil {
		return "", fmt.Errorf("search needs Pagefind, and %s has no package-lock.json to install it from", root)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", errors.New("search needs Pagefind, installed with npm: install Node.js and npm, then run the command again")
	}
	out("installing Pagefind for search (npm ci)…")
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm ci could not install Pagefind: %v\n%s", err, b)
	}
	return bin, nil
}

// Index indexes the built site in dir for search, with the site's Pagefind.
func Index(root, dir string) error {
	bin, err := Pagefind(root, func(string) {})
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "--site", dir, "--silent")
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pagefind could not index the site: %v\n%s", err, stderr.Bytes())
	}
	return nil
}
