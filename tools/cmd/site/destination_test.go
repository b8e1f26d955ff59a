package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/synthetic"
)

// A destination the build would have to destroy something to replace is
// refused, with why and what to do, and nothing at all changes on disk:
// each case guards a folder that an earlier version deleted.
func TestBuildRefusesDestinationsThatAreNotItsOwn(t *testing.T) {
	sandbox := t.TempDir()
	root := filepath.Join(sandbox, "site")
	if err := os.CopyFS(root, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, sandbox, map[string]string{
		"notes.txt":             "a file of the user's",
		"photos/holiday.jpg":    "a folder of the user's",
		"copied/.site-build":    "not the tool's marker",
		"empty-target/.keep/.x": "",
	})
	if err := os.Symlink(filepath.Join(sandbox, "empty-target"), filepath.Join(sandbox, "link")); err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, sandbox, map[string]string{"built/en/index.html": "an earlier build's page", "linked-marker/index.html": "a page"})
	if err := render.MarkOutput(filepath.Join(sandbox, "built")); err != nil {
		t.Fatal(err)
	}
	// static/, a link to a folder outside the project; a link to content/;
	// a marker that is a link to another's.
	if err := os.Rename(filepath.Join(root, "static"), filepath.Join(sandbox, "shared-static")); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		filepath.Join(root, "static"):                          filepath.Join(sandbox, "shared-static"),
		filepath.Join(sandbox, "content-link"):                 filepath.Join(root, "content"),
		filepath.Join(sandbox, "linked-marker", ".site-build"): filepath.Join(sandbox, "built", ".site-build"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	const ownFolder = "build into a folder of its own, such as public/ (the default)"
	for _, tc := range []struct {
		name, dest, want string
	}{
		{"the project itself (--destination .)", root,
			"it is the project's folder, which the build would replace with the site; " + ownFolder},
		{"a folder above the project (--destination ..)", sandbox,
			"it is a folder that holds the project, which the build would replace with the site; " + ownFolder},
		{"an input folder (--destination content)", filepath.Join(root, "content"),
			"it is in content/, which the site is made from; " + ownFolder},
		{"a new folder inside an input folder, static/", filepath.Join(root, "static", "site"),
			"it is in static/, which the site is made from; " + ownFolder},
		{"the project's git repository", filepath.Join(root, ".git"),
			"it is in .git/, which the site is made from; " + ownFolder},
		{"a file (--destination README.md)", filepath.Join(sandbox, "notes.txt"),
			"it is a file, not a folder; give a folder: a new one, an empty one, or an earlier build's output"},
		{"a folder of someone else's", filepath.Join(sandbox, "photos"),
			"it holds files that no site build wrote (holiday.jpg, among others) and no .site-build; build into a new or empty folder; if this is the output of an earlier version of the tool, delete it and build again"},
		{"a marker the tool did not write", filepath.Join(sandbox, "copied"),
			"its .site-build was not written by site build; remove .site-build from it, or build into a new folder"},
		// Said to hold files no build wrote: they were an earlier build's.
		{"a folder inside an earlier build's output", filepath.Join(sandbox, "built", "en"),
			"it is inside " + filepath.Join(sandbox, "built") + ", the output of an earlier build, which the next build there replaces whole; build into a folder of its own, beside it"},
		// Was lstat's raw "not a directory".
		{"a path through a file", filepath.Join(sandbox, "notes.txt", "site"),
			"a file, not a folder, is on its path; give a folder: a new one, an empty one, or an earlier build's output"},
		// Accepted: the project got a hugo.toml/ folder, and every build
		// failed after.
		{"a setting of the project (--destination hugo.toml)", filepath.Join(root, "hugo.toml"),
			"hugo.toml is a setting of the project; " + ownFolder},
		// Accepted: staging inside static/, which Hugo copied into itself.
		{"an input folder that is a link to a folder elsewhere", filepath.Join(root, "static", "out"),
			"it is in static/, which the site is made from; " + ownFolder},
		// Refused, but only after content/newdir/ was made.
		{"a new folder behind a link to an input folder", filepath.Join(sandbox, "content-link", "newdir", "out"),
			"it is in content/, which the site is made from; " + ownFolder},
		// Its marker was written through the link, over another's.
		{"a marker that is a link", filepath.Join(sandbox, "linked-marker"),
			"its .site-build is not a file of site build's (a link, or a folder); remove .site-build from it, or build into a new folder"},
		{"a symbolic link", filepath.Join(sandbox, "link"),
			"it is a symbolic link, and a build replaces its destination whole: the link would be replaced, not the folder it points to; give the folder itself (--destination " + filepath.Join(sandbox, "empty-target") + ")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := everything(t, sandbox)
			code, _, stderr := runSite(t, "build", "--source", root, "--destination", tc.dest)
			if want := "site build: cannot build into " + tc.dest + ": " + tc.want + "\n"; code != 1 || stderr != want {
				t.Errorf("exit status %d, stderr:\n%s\nwant 1 and:\n%s", code, stderr, want)
			}
			if after := everything(t, sandbox); !maps.Equal(before, after) {
				t.Errorf("the refused build changed the disk: %d entries before, %d after", len(before), len(after))
			}
		})
	}
	// A mount point cannot be replaced by a rename: /proc is one on every
	// Linux machine.
	if info, err := os.Stat("/proc/self"); err == nil && info.IsDir() {
		code, _, stderr := runSite(t, "build", "--source", root, "--destination", "/proc")
		if want := "site build: cannot build into /proc: it is a mount point, and a build replaces its destination whole, which cannot be done to a mount point; build into a folder inside it (--destination /proc/site)\n"; code != 1 || stderr != want {
			t.Errorf("exit status %d, stderr:\n%s\nwant 1 and:\n%s", code, stderr, want)
		}
	}
}

// everything reads every file, folder and link under dir.
func everything(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case d.IsDir():
			entries[rel] = "folder"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			entries[rel] = "link to " + target
			return err
		default:
			b, err := os.ReadFile(path)
			entries[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// A build into an empty folder takes it, and the next build replaces its
// own output there; a staging folder left by a stopped build is removed,
// and only those: a folder that merely looks like one stays.
func TestBuildTakesAnEmptyFolderAndRemovesOnlyItsOwnLeftovers(t *testing.T) {
	root := fixture(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	sitetest.Write(t, dir, map[string]string{
		".public-1234/" + render.MarkerFile: `{"about":"Written by site build: a build in progress, or one that was stopped before its end. The next build into the same destination removes this folder.","staging":true,"dest":"public"}`,
		// Another destination's build in progress: public-en's, not public's.
		".public-en-5678/" + render.MarkerFile: `{"about":"Written by site build: a build in progress, or one that was stopped before its end. The next build into the same destination removes this folder.","staging":true,"dest":"public-en"}`,
		".public-1234/en/index.html":           "half a site",
		".public-mine/notes.txt":               "the user's, named like a staging folder",
	})
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		mustRun(t, "build", "--source", root, "--destination", dest, "--search=false")
		if _, err := os.Stat(filepath.Join(dest, "en", "timelines", "fixture", "index.html")); err != nil {
			t.Error(err)
		}
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".public-en-5678 .public-mine .public.lock public" {
		t.Errorf("beside the site: %s, want the user's folder, the lock and the site", got)
	}
}

// Two builds into one destination at once: the second waits for the
// first, and says so; both succeed, and the site is whole, with nothing
// left beside it but the lock.
func TestTwoBuildsAtOnceLeaveACompleteSite(t *testing.T) {
	root := t.TempDir()
	if err := synthetic.Write(sitetest.Root(t), root, synthetic.ScaleFor(2000)); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	// One publication moment for every build, as for builds of one commit
	// (the processes inherit it).
	t.Setenv("SOURCE_DATE_EPOCH", "1796947200")
	first, second := buildIn(t, root, dest), buildIn(t, root, dest)
	var firstOut, secondOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	second.Stdout, second.Stderr = &secondOut, &secondOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// The second starts once the first is writing.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if staged, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public-*", "en")); len(staged) > 0 {
			break
		}
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatal("the first build wrote nothing in two minutes")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	if err := first.Wait(); err != nil {
		t.Errorf("first build: %v\n%s", err, firstOut.Bytes())
	}
	if err := second.Wait(); err != nil {
		t.Errorf("second build: %v\n%s", err, secondOut.Bytes())
	}
	if want := "site build: another build is writing " + dest + "; waiting for it to end\n"; !strings.Contains(secondOut.String(), want) {
		t.Errorf("the second build did not say it waited:\n%s", secondOut.Bytes())
	}
	whole := tree(t, build(t, root, "--search=false"))
	got := tree(t, dest)
	if len(got) != len(whole) {
		t.Errorf("%d files after two builds at once, %d in one build", len(got), len(whole))
	}
	for name, content := range whole {
		if got[name] != content {
			t.Errorf("%s differs from one build's", name)
			break
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 2 {
		t.Errorf("beside the site: %v", entries)
	}
}
