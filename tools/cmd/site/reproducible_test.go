package main

import (
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/synthetic"
)

// buildIn runs site build in a process of its own (this test program,
// acting as the site command), with the environment's additions.
func buildIn(t *testing.T, root, dest string, env ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "build", "--source", root, "--destination", dest, "--search=false")
	cmd.Env = append(os.Environ(), append([]string{"SITE_TEST_AS_COMMAND=1"}, env...)...)
	return cmd
}

// The same commit builds the same bytes whatever the time zone, the clock
// (the files' modification times; the moment of publication is
// SOURCE_DATE_EPOCH's) and the order in which its files were written to
// disk, its CSAF advisories signed with the same key included.
func TestBuildsAreTheSameWhateverTheClockZoneAndFileOrder(t *testing.T) {
	files := sitetest.Snapshot(t, fixture(t))
	key := "SITE_CSAF_KEY=" + string(secretKey(t, ""))
	var trees [2]map[string]string
	for i, zone := range []string{"Pacific/Kiritimati", "America/Adak"} {
		root := t.TempDir()
		names := slices.Sorted(maps.Keys(files))
		if i == 1 {
			slices.Reverse(names)
		}
		for _, name := range names {
			sitetest.Write(t, root, map[string]string{name: files[name]})
			if i == 1 { // written now, dated in another century
				old := time.Date(2001, 9, 9, 1, 46, 40, 0, time.UTC)
				if err := os.Chtimes(filepath.Join(root, name), old, old); err != nil {
					t.Fatal(err)
				}
			}
		}
		// The npm packages, installed once (the build would install them).
		if err := os.Symlink(filepath.Join(sitetest.Root(t), "node_modules"), filepath.Join(root, "node_modules")); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		// Builds of one commit publish as of one moment, whatever the
		// clock says: SOURCE_DATE_EPOCH's.
		if out, err := buildIn(t, root, dest, "TZ="+zone, "SOURCE_DATE_EPOCH="+before2030, key).CombinedOutput(); err != nil {
			t.Fatalf("build in %s: %v\n%s", zone, err, out)
		}
		trees[i] = tree(t, dest)
	}
	if len(trees[0]) < 40 || trees[0]["en/csaf/2024/fixture-bulletin.json.asc"] == "" {
		t.Fatalf("only %d files built, or the advisories are not signed", len(trees[0]))
	}
	for name, content := range trees[0] {
		if trees[1][name] != content {
			t.Errorf("%s differs: %s", name, sitetest.FirstDiff(content, trees[1][name]))
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
	// And no template asks the time of the build.
	err := filepath.WalkDir(filepath.Join(sitetest.Root(t), "layouts"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(name)
		if regexp.MustCompile(`\{\{[^}]*\b(now|time\.Now)\b`).Match(src) {
			t.Errorf("%s uses the time of the build", name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A build killed while Hugo writes the site leaves the previous site as it
// was, and the next build cleans up after it.
func TestAKilledBuildLeavesTheSiteAsItWas(t *testing.T) {
	root := t.TempDir()
	if err := synthetic.Write(sitetest.Root(t), root, synthetic.ScaleFor(2000)); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	sitetest.Write(t, dest, map[string]string{"index.html": "the previous site", "en/page/index.html": "a previous page"})
	if err := render.MarkOutput(dest); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dest)

	cmd := buildIn(t, root, dest)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Killed once Hugo has written some pages into its staging folder.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		staged, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public-*", "*", "timelines", "*", "index.html"))
		if len(staged) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the build wrote no page in two minutes")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the build ended before it was killed: make the site larger")
	}
	if after := tree(t, dest); !maps.Equal(before, after) {
		t.Errorf("the killed build changed the site: %d files before, %d after", len(before), len(after))
	}

	if out, err := buildIn(t, root, dest).CombinedOutput(); err != nil {
		t.Fatalf("the next build: %v\n%s", err, out)
	}
	// Beside the site, its lock file alone.
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 2 || entries[0].Name() != ".public.lock" {
		t.Errorf("left beside the site: %v", entries)
	}
}
