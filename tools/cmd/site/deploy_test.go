package main

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/deploy"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

// withTarget adds to the site's config.toml a folder as a deployment
// target, named test, and a matcher, as a publisher writes them, and
// returns the folder. (The builds of these tests read the section too: a
// build is not disturbed by it.)
func withTarget(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	config := sitetest.Read(t, root, "config.toml") + fmt.Sprintf(`
[[deployment.targets]]
name = "test"
url = "file://%s?metadata=skip"

[[deployment.matchers]]
pattern = "^fr/"
cacheControl = "public, max-age=60"
`, filepath.ToSlash(dir))
	sitetest.Write(t, root, map[string]string{"config.toml": config})
	return dir
}

// deployed reads the files the target holds, but the deploys' manifests.
func deployed(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := tree(t, dir)
	maps.DeleteFunc(files, func(name, _ string) bool { return strings.HasPrefix(name, deploy.ManifestDir) })
	return files
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if got[name] != want[name] {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s should not be there", what, name)
		}
	}
}

func TestDeployPublishesTheLastBuild(t *testing.T) {
	root := fixture(t)
	code, _, stderr := runSite(t, "deploy", "--source", root)
	if want := "site deploy: config.toml declares no deployment targets: add a [[deployment.targets]] with its name and url (docs/deploy.md)\n"; code != 1 || stderr != want {
		t.Errorf("no target: exit %d\n%s\nwant:\n%s", code, stderr, want)
	}
	dir := withTarget(t, root)
	public := filepath.Join(root, "public")
	code, _, stderr = runSite(t, "deploy", "--source", root)
	if want := fmt.Sprintf("site deploy: %s holds no build: it has no .site-build, which site build writes when it ends; run site build (--destination %s) first\n", public, public); code != 1 || stderr != want {
		t.Errorf("no build: exit %d\n%s\nwant:\n%s", code, stderr, want)
	}

	// The whole site, search index included: every kind of file a build
	// writes has its type.
	mustRun(t, "build", "--source", root)
	out := mustRun(t, "deploy", "--source", root, "--dry-run")
	if !strings.Contains(out, "dry run: nothing was changed\n") || len(deployed(t, dir)) > 0 {
		t.Errorf("the dry run:\n%s\nwrote %d files", out, len(deployed(t, dir)))
	}
	out = mustRun(t, "deploy", "--source", root)
	if !strings.HasSuffix(out, "deployed to test\n") {
		t.Errorf("site deploy printed:\n%s", out)
	}
	built := tree(t, public)
	if _, ok := built["pagefind/pagefind-entry.json"]; !ok {
		t.Fatal("the build has no search index")
	}
	sameTree(t, "the target", deployed(t, dir), built)
	out = mustRun(t, "deploy", "--source", root)
	if want := fmt.Sprintf("site: 0 to upload, 0 to delete, %d unchanged\n", len(built)); !strings.Contains(out, want) {
		t.Errorf("the same build deployed again:\n%s\nwant %s", out, want)
	}
}

// The docs' builds on several machines: each language's segment is built
// and deployed on a runner of its own, then the search index of the two
// merged; each deploy owns what its build wrote.
func TestSegmentsDeploySideBySide(t *testing.T) {
	root := fixture(t)
	dir := withTarget(t, root)
	en := build(t, root, "--search=false", "--segment", "en")
	fr := build(t, root, "--search=false", "--segment", "fr")
	for _, tc := range []struct {
		args []string
		want string
	}{
		// Deployed as the whole site, the English would delete the French.
		{[]string{"--destination", en},
			fmt.Sprintf(`site deploy: %s is the build of segment "en", a part of the site: deploy it with --segment en, which owns only what that segment wrote`, en)},
		{[]string{"--destination", en, "--segment", "fr"},
			fmt.Sprintf(`site deploy: %s is the build of segment "en", not of segment "fr": give --segment en, or the folder of segment fr's build`, en)},
		{[]string{"--destination", en, "--segment", "es"},
			`site deploy: unknown segment "es": config.toml declares en, fr, pages; give the one the build was made with`},
	} {
		code, _, stderr := runSite(t, append([]string{"deploy", "--source", root}, tc.args...)...)
		if code == 0 || !strings.HasPrefix(stderr, tc.want+"\n") {
			t.Errorf("site deploy %s: exit %d\n%s\nwant:\n%s", strings.Join(tc.args, " "), code, stderr, tc.want)
		}
	}
	if files := deployed(t, dir); len(files) > 0 {
		t.Fatalf("a refused deploy wrote %d files", len(files))
	}

	mustRun(t, "deploy", "--source", root, "--destination", en, "--segment", "en")
	mustRun(t, "deploy", "--source", root, "--destination", fr, "--segment", "fr")
	merged := filepath.Join(t.TempDir(), "merged")
	files := tree(t, en)
	maps.Copy(files, tree(t, fr))
	sitetest.Write(t, merged, files)
	if err := render.Index(root, merged); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "deploy", "--source", root, "--destination", merged, "--search-index")
	sameTree(t, "the target", deployed(t, dir), tree(t, merged))

	out := mustRun(t, "deploy", "--source", root, "--destination", en, "--segment", "en")
	if !strings.Contains(out, "segment-en: 0 to upload, 0 to delete") {
		t.Errorf("the English deployed again:\n%s", out)
	}
	sameTree(t, "the target after the English again", deployed(t, dir), tree(t, merged))
	if _, err := os.Stat(filepath.Join(dir, render.MarkerFile)); err == nil {
		t.Errorf("the build's %s was deployed", render.MarkerFile)
	}
}

// A deploy whose output is read by a program that stops reading
// (site deploy | head -1) goes on to the end: it died at its first line
// after that, holding the target's lock.
func TestADeployWhoseReaderIsGoneGoesOn(t *testing.T) {
	root := fixture(t)
	dir := withTarget(t, root)
	mustRun(t, "build", "--source", root)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "deploy", "--source", root)
	cmd.Env = append(os.Environ(), "SITE_TEST_AS_COMMAND=1")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	r.Close() // the reader is gone before the first line
	if err := cmd.Run(); err != nil {
		t.Errorf("the deploy: %v", err)
	}
	w.Close()
	if _, err := os.Stat(filepath.Join(dir, ".site-deploy", "lock")); !os.IsNotExist(err) {
		t.Errorf("the deploy left its lock: %v", err)
	}
	sameTree(t, "the target", deployed(t, dir), tree(t, filepath.Join(root, "public")))
}
