package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/cyberpub/site/tools/project"
)

// pagefindBin is where npm installs Pagefind in a site, from its
// package.json and package-lock.json.
const pagefindBin = "node_modules/.bin/pagefind"

// NPMPackages installs the npm packages a build of the site at root needs
// with npm ci (the versions package-lock.json pins), when one is missing:
// on a fresh clone, the first build. out says what is happening.
func NPMPackages(root string, out func(string)) error {
	missing := false
	for _, f := range project.NPMPackages {
		if _, err := os.Stat(filepath.Join(root, "node_modules", f)); errors.Is(err, fs.ErrNotExist) {
			missing = true
		} else if err != nil {
			return err
		}
	}
	if !missing {
		return nil
	}
	// npm ci empties node_modules through a link, which would wipe the
	// packages of the project it points into (a copy of a project links
	// the project's): it is installed where it is.
	if info, err := os.Lstat(filepath.Join(root, "node_modules")); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := filepath.EvalSymlinks(filepath.Join(root, "node_modules"))
		return fmt.Errorf("the site's npm packages are not all installed, and %s is a link to %s: run npm ci in %s", filepath.Join(root, "node_modules"), target, filepath.Dir(target))
	}
	if _, err := os.Stat(filepath.Join(root, "package-lock.json")); err != nil {
		return fmt.Errorf("the site needs its npm packages (Pagefind, the GC Design System's tokens and fonts), and %s has no package-lock.json to install them from", root)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return errors.New("the site needs its npm packages (Pagefind for search, the GC Design System's tokens and fonts for its pages): install Node.js and npm, then run the command again")
	}
	out("installing the site's npm packages (npm ci): Pagefind, the GC Design System's tokens and fonts…")
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci could not install the site's npm packages: %v\n%s", err, b)
	}
	return nil
}

// Pagefind returns Pagefind's command in the site at root, installing the
// site's npm packages first when one is missing.
func Pagefind(root string, out func(string)) (string, error) {
	if err := NPMPackages(root, out); err != nil {
		return "", err
	}
	return filepath.Join(root, pagefindBin), nil
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
