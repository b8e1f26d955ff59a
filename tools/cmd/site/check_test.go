package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// site check reads every file once: configuration, model, data, pages,
// catalogues, translation state, and the templates that use the
// catalogues.
func TestCheckReadsEachFileOnce(t *testing.T) {
	root := fixture(t)
	counting := sitetest.NewCountingFS(os.DirFS(root))
	defer func(f func(string) fs.FS) { siteFS = f }(siteFS)
	siteFS = func(string) fs.FS { return counting }
	if out := mustRun(t, "check", "--source", root); !strings.Contains(out, "no problems found") {
		t.Fatal(out)
	}
	for name, n := range counting.Opened {
		if n != 1 {
			t.Errorf("%s was opened %d times", name, n)
		}
	}
	for _, name := range []string{"config.toml", "data/model.toml", "data/timelines/fixture.toml", "content/reports/fixture-report.fr.md", "i18n/fr.toml", "layouts/baseof.html"} {
		if counting.Opened[name] != 1 {
			t.Errorf("%s was not read", name)
		}
	}
}

// One syntax error is one message, whatever the other files say of what
// the broken file holds.
func TestCheckReportsASyntaxErrorOnce(t *testing.T) {
	for _, file := range []string{"data/mitigations.toml", "i18n/fr.toml", "content/bulletins/fixture-bulletin.fr.md"} {
		src := sitetest.Files(sitetest.Fixture)[file]
		if src == "" {
			src = sitetest.Read(t, sitetest.Root(t), file)
		}
		src = strings.Replace(src, "\n", "\nbroken = \n", 1)
		root := fixture(t, sitetest.Archive(map[string]string{file: src}))
		code, _, stderr := runSite(t, "check", "--source", root)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], file+":") || lines[1] != "1 error, 0 warnings: fix the files above and run the command again" {
			t.Errorf("%s: exit %d, want one message:\n%s", file, code, stderr)
		}
	}
}

// site check lists every problem, in file order, and counts them.
func TestCheckReportsEveryProblem(t *testing.T) {
	root := fixture(t, sitetest.Archive(map[string]string{
		"data/timelines/second.toml": "title.en = \"T\"\nsummary = { en = \"S\", fr = \"S\" }\ndate = 2024-03-01\n\n[[events]]\nid = \"2021-02-30-impossible\"\ndate = \"2021-02-30\"\ntext.en = \"English only\"\n",
	}))
	code, _, stderr := runSite(t, "check", "--source", root)
	want := []string{
		`data/timelines/second.toml:1:13: title has no "fr" (Français) text; add title.fr = "…"`,
		`data/timelines/second.toml:7:9: event "2021-02-30-impossible": "2021-02-30" is not a date that exists`,
		`data/timelines/second.toml:8:12: event "2021-02-30-impossible": text has no "fr" (Français) text; add text.fr = "…"`,
		"3 errors, 0 warnings",
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || len(lines) != len(want) {
		t.Fatalf("exit %d, want %d lines:\n%s", code, len(want), stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %s\nwant %s…", i+1, lines[i], w)
		}
	}
}

// A check that finds nothing computes no position: the files are decoded,
// and where each key is written is looked for only to report a problem.
func TestCheckLocatesNothingWhenAllIsWell(t *testing.T) {
	root := fixture(t)
	ws, problems, err := load(root)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if problems := ws.Check(false); len(problems) > 0 {
		t.Fatal(problems)
	}
	for name, f := range ws.Site.Files {
		if f.TOML != nil && f.TOML.Located() {
			t.Errorf("the positions of %s were computed", name)
		}
	}
	for lang, c := range ws.Catalogues {
		if c.Doc.Located() {
			t.Errorf("the positions of the %s catalogue were computed", lang)
		}
	}
	// A problem locates its own file, and no other.
	sitetest.Edit(t, root, "data/glossary.toml", `forms.en = ["exploits"]`, `forms.en = ["exploits", "detection"]`)
	ws, problems, _ = load(root)
	if len(problems) != 1 {
		t.Fatal(problems)
	}
	for name, f := range ws.Site.Files {
		if f.TOML != nil && f.TOML.Located() != (name == "data/glossary.toml") {
			t.Errorf("%s: located %v", name, f.TOML.Located())
		}
	}
}

// A check of files that did not change since the last one reports the same
// problems without reading them again; a change of content is seen even
// when the file keeps its modification time.
func TestCheckReusesTheLastCheckUntilAFileChanges(t *testing.T) {
	root := fixture(t)
	mustRun(t, "check", "--source", root)
	counting := sitetest.NewCountingFS(os.DirFS(root))
	defer func(f func(string) fs.FS) { siteFS = f }(siteFS)
	siteFS = func(string) fs.FS { return counting }
	if out := mustRun(t, "check", "--source", root); !strings.Contains(out, "no problems found") {
		t.Fatal(out)
	}
	if len(counting.Opened) > 0 {
		t.Errorf("nothing changed, but the check read the files again: %v", counting.Opened)
	}

	file := filepath.Join(root, "data", "timelines", "fixture.toml")
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `actors  = ["`, `actors  = ["nobody", "`)
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runSite(t, "check", "--source", root)
	if code != 1 || !strings.Contains(stderr, `unknown organization "nobody"`) {
		t.Errorf("a changed file with its old modification time: exit %d\n%s", code, stderr)
	}
	if counting.Opened["data/timelines/fixture.toml"] != 1 {
		t.Errorf("the changed file was not read again")
	}
	// Asked not to, the check reads everything again.
	counting.Opened = map[string]int{}
	runSite(t, "check", "--source", root, "--cache=false")
	if counting.Opened["config.toml"] != 1 {
		t.Errorf("--cache=false did not check the files again: %v", counting.Opened)
	}
}

// The images' folder is an input of the check: an image removed after a
// check is missing at the next one, not hidden by the last one's result.
func TestCheckSeesAnImageRemoved(t *testing.T) {
	root := fixture(t)
	if out := mustRun(t, "check", "--source", root); !strings.Contains(out, "no problems found") {
		t.Fatal(out)
	}
	if err := os.Remove(filepath.Join(root, "assets", "images", "exploits-by-month.png")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runSite(t, "check", "--source", root)
	if code != 1 || !strings.Contains(stderr, `content/reports/fixture-report.en.md:13:1: body: the "en" (English) text shows the image "/images/exploits-by-month.png", which is not a file of assets/images/`) {
		t.Errorf("exit %d, want the missing image:\n%s", code, stderr)
	}
}
