package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/synthetic"
)

func TestMain(m *testing.M) {
	// site bench runs the command it is part of in processes of its own;
	// in these tests that command is this test program, acting as the
	// site command when asked.
	if os.Getenv("SITE_TEST_AS_COMMAND") == "1" {
		main()
	}
	// Checks keep their results in the user's cache folder: the tests'
	// own, for the tests.
	cache, err := os.MkdirTemp("", "site-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// The benchmark's synthetic site is a valid site: every check passes on
// it, as on the site editors write. The same size gives the same files.
func TestSyntheticSitesAreValid(t *testing.T) {
	root := t.TempDir()
	if err := synthetic.Write(sitetest.Root(t), root, synthetic.ScaleFor(300)); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "check", "--source", root); !strings.Contains(out, "no problems found") {
		t.Fatal(out)
	}
	again := t.TempDir()
	if err := synthetic.Write(sitetest.Root(t), again, synthetic.ScaleFor(300)); err != nil {
		t.Fatal(err)
	}
	first, second := sitetest.Snapshot(t, root), sitetest.Snapshot(t, again)
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, content := range first {
		if second[name] != content {
			t.Errorf("%s differs from one writing to the next", name)
		}
	}
}

// site bench builds both sites, and prints each measure with its ratio to
// plain Hugo.
func TestBenchComparesWithPlainHugo(t *testing.T) {
	sitetest.NodeModule(t, ".bin/pagefind")
	t.Setenv("SITE_TEST_AS_COMMAND", "1")
	out := mustRun(t, "bench", "--source", sitetest.Root(t), "--events", "100", "--runs", "1")
	if !strings.Contains(out, "100 events (2 timelines × 50)") {
		t.Errorf("no description of the site:\n%s", out)
	}
	for _, row := range []string{"plain Hugo", "site check", "site check, nothing changed", "site build, HTML pages only", "site build, without search"} {
		re := regexp.MustCompile(`(?m)^ *` + regexp.QuoteMeta(row) + `  +[0-9.]+ s +[0-9.]+ +[0-9.]+ MB +[0-9.]+`)
		if !re.MatchString(out) {
			t.Errorf("no time, ratio and memory for %q:\n%s", row, out)
		}
	}
	for _, row := range []string{"search index (Pagefind)", "site serve, an edit to its reload"} {
		if !regexp.MustCompile(`(?m)^ *` + regexp.QuoteMeta(row) + `  +[0-9.]+ s`).MatchString(out) {
			t.Errorf("no time for %q:\n%s", row, out)
		}
	}
	if !regexp.MustCompile(`site serve, an edit: checked in [0-9]+ ms, views written in [0-9]+ ms, rendered by Hugo in [0-9]+ ms`).MatchString(out) {
		t.Errorf("no account of where an edit's time goes:\n%s", out)
	}
}
