package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
)

// site build installs Pagefind with npm ci, from the lock file, when it is
// missing, and says so; when it is there, it runs nothing. npm here is a
// stand-in that records how it is run and installs the packages.
func TestPagefindIsInstalledWhenMissing(t *testing.T) {
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"package.json": "{}", "package-lock.json": "{}"})
	var install strings.Builder
	for _, f := range project.NPMPackages {
		f = filepath.Join("node_modules", f)
		install.WriteString("mkdir -p " + filepath.Dir(f) + " && touch " + f + "\n")
	}
	log := stubNPM(t, install.String())

	var said []string
	for range 2 {
		path, err := render.Pagefind(root, func(s string) { said = append(said, s) })
		if err != nil || path != filepath.Join(root, "node_modules", ".bin", "pagefind") {
			t.Fatalf("Pagefind: %q, %v", path, err)
		}
	}
	if calls := strings.Split(strings.TrimSpace(sitetest.Read(t, filepath.Dir(log), filepath.Base(log))), "\n"); len(calls) != 1 || !strings.HasPrefix(calls[0], root+" ci ") {
		t.Errorf("npm ran as %q, want once, npm ci in the site's root", calls)
	}
	if len(said) != 1 || !strings.Contains(said[0], "installing the site's npm packages") {
		t.Errorf("it said %q", said)
	}
}

// Without npm, the message says what to install.
func TestPagefindNeedsNpm(t *testing.T) {
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"package-lock.json": "{}"})
	t.Setenv("PATH", t.TempDir())
	_, err := render.Pagefind(root, func(string) {})
	if err == nil || !strings.Contains(err.Error(), "install Node.js and npm") {
		t.Errorf("got %v", err)
	}
}

// A copy of a project links the project's node_modules: npm ci would empty
// the project's packages through the link. Missing packages there are
// refused, with where to install them, and npm never runs.
func TestNPMPackagesAreNeverInstalledThroughALink(t *testing.T) {
	other := t.TempDir()
	sitetest.Write(t, other, map[string]string{"node_modules/.bin/pagefind": "", "node_modules/kept/package.json": "{}"})
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"package.json": "{}", "package-lock.json": "{}"})
	if err := os.Symlink(filepath.Join(other, "node_modules"), filepath.Join(root, "node_modules")); err != nil {
		t.Fatal(err)
	}
	log := stubNPM(t, "")
	err := render.NPMPackages(root, func(string) {})
	if err == nil || !strings.Contains(err.Error(), "is a link to") || !strings.Contains(err.Error(), "run npm ci in "+other) {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(log); err == nil {
		t.Error("npm ran through the link")
	}
	if _, err := os.Stat(filepath.Join(other, "node_modules", "kept", "package.json")); err != nil {
		t.Errorf("the project's packages: %v", err)
	}
}

// stubNPM puts first on the PATH an npm that records how it is run (in the
// file it returns), then runs the shell commands then.
func stubNPM(t *testing.T, then string) (log string) {
	t.Helper()
	bin := t.TempDir()
	log = filepath.Join(t.TempDir(), "npm.log")
	sitetest.Write(t, bin, map[string]string{"npm": "#!/bin/sh\necho \"$PWD $*\" >> " + log + "\n" + then})
	if err := os.Chmod(filepath.Join(bin, "npm"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log
}
