package render_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenPages are the files of the fixture site compared with
// testdata/golden: a page of each template, and a file of each format.
var goldenPages = []string{
	"index.html",
	"en/index.html",
	"fr/index.html",
	"en/timelines/index.html",
	"fr/chronologies/index.html",
	"en/timelines/fixture/index.html",
	"fr/chronologies/chronologie-essai/index.html",
	"en/bulletins/fixture-bulletin/index.html",
	"fr/bulletins/bulletin-essai/index.html",
	"en/reports/fixture-report/index.html",
	"fr/rapports/rapport-essai/index.html",
	"en/backgrounders/fixture-backgrounder/index.html",
	"fr/documents-information/document-information-essai/index.html",
	"en/guidance/use-mfa/index.html",
	"fr/conseils/utiliser-amf/index.html",
	"en/threat-actors/apt99/index.html",
	"fr/auteurs-de-menace/apt99/index.html",
	"en/glossary/index.html",
	"fr/glossaire/index.html",
	"en/glossary/privilege-escalation/index.html",
	"fr/glossaire/elevation-de-privileges/index.html",
	"en/search/index.html",
	"fr/csaf/index.html",
	"fr/csaf/2024/index.html",
	"404.html",
	"fr/404.html",
	// What readers' and security teams' tools read.
	"en/feed.xml",
	"fr/glossaire/feed.xml",
	"sitemap.xml",
	"fr/sitemap.xml",
	"robots.txt",
	"en/timelines/fixture/timeline.json",
	"fr/chronologies/chronologie-essai/timeline.csv",
	"fr/chronologies/chronologie-essai/timeline.ics",
	"en/threat-actors/apt99/stix.json",
	"fr/csaf/2024/fixture-bulletin-fr-ca.json",
	"fr/csaf/index.txt",
	"fr/csaf/changes.csv",
	".well-known/csaf/provider-metadata.json",
}

func TestBuildMatchesGoldenFiles(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	// The fixture is valid content: the golden files show what editors get.
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	if _, problems := content.Load(p); len(problems) > 0 {
		t.Fatalf("the fixture has problems:\n%v", problems)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	for _, page := range goldenPages {
		got, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Errorf("page not built: %v", err)
			continue
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./tools/render -update to write the golden files)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./tools/render -update and review the diff\n%s",
				page, golden, sitetest.FirstDiff(string(want), string(got)))
		}
	}
}

func TestFailedBuildLeavesOutputAsItWas(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	dest := filepath.Join(t.TempDir(), "public")
	sitetest.Write(t, dest, map[string]string{"index.html": "previous site", "old/page.html": "previous page"})
	if err := render.MarkOutput(dest); err != nil {
		t.Fatal(err)
	}
	// A template error fails the render after Hugo has started writing.
	sitetest.Write(t, root, map[string]string{"layouts/timelines/single.html": "{{ define \"main\" }}{{ .Nonexistent.Field }}{{ end }}"})

	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err == nil {
		t.Fatal("the build succeeded with a broken template")
	}
	for name, want := range map[string]string{"index.html": "previous site", "old/page.html": "previous page"} {
		if got, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(got) != want {
			t.Errorf("%s: got %q, %v; want %q", name, got, err, want)
		}
	}
	assertNoStagingLeft(t, filepath.Dir(dest))
}

// A build replaces what the previous build wrote, and keeps what the
// publisher put in the output on purpose, as plain Hugo does: a deploy
// repository's .git, a CNAME.
func TestBuildReplacesOutputWhole(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	dest := filepath.Join(t.TempDir(), "public")
	sitetest.Write(t, dest, map[string]string{"stale.html": "from a previous build", "en/stale.html": "from a previous build"})
	if err := render.MarkOutput(dest); err != nil {
		t.Fatal(err)
	}
	kept := map[string]string{"CNAME": "cyber.example.ca\n", ".git/HEAD": "ref: refs/heads/gh-pages\n", "en/.gitignore": "*.tmp\n"}
	sitetest.Write(t, dest, kept)
	for build := range 2 { // and the next build keeps them too
		if err := render.Build(root, dest, render.BuildOptions{Quiet: true, Minify: true}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"stale.html", "en/stale.html"} {
			if _, err := os.Stat(filepath.Join(dest, name)); !os.IsNotExist(err) {
				t.Errorf("build %d: %s, of the previous build, is still there (%v)", build, name, err)
			}
		}
		for name, want := range kept {
			if got, err := os.ReadFile(filepath.Join(dest, name)); string(got) != want {
				t.Errorf("build %d: the publisher's %s: %q, %v; want %q", build, name, got, err, want)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "en", "timelines", "fixture", "index.html")); err != nil {
		t.Error(err)
	}
	assertNoStagingLeft(t, filepath.Dir(dest))
}

func assertNoStagingLeft(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.lock" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// The preview shows a missing translation on the page, in the other
// language and marked as such, instead of failing (site build refuses it).
func TestMissingTranslationIsShownOnThePage(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "text.fr = \"Connu seulement par son mois.\"\n", "")
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "fr", "chronologies", "chronologie-essai", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<div class="translation-gap">`,
		"<strong class=\"translation-gap__label\">Traduction manquante\u00a0: ce texte est affiché dans une autre langue.</strong>",
		`<div lang="en-CA"><p>Known only by its month.</p>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the French page does not show the gap with %s", want)
		}
	}
}

// Two builds of the same sources give the same bytes, search index
// included: nothing in the output depends on the clock, the machine or the
// order of map iteration.
func TestBuildIsReproducible(t *testing.T) {
	root := sitetest.Root(t) // the real site, as it is published
	sitetest.NodeModule(t, ".bin/pagefind")
	var trees [2]map[string]string
	for i := range trees {
		dest := filepath.Join(t.TempDir(), "public")
		if err := render.Build(root, dest, render.BuildOptions{Quiet: true, Minify: true, Search: true}); err != nil {
			t.Fatal(err)
		}
		trees[i] = map[string]string{}
		err := filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(dest, path)
			trees[i][rel] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(trees[0]) < 7 {
		t.Fatalf("only %d files built", len(trees[0]))
	}
	if trees[0][filepath.Join("pagefind", "pagefind-entry.json")] == "" {
		t.Error("the build has no search index")
	}
	for name, content := range trees[0] {
		if trees[1][name] != content {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
}

// A publication dated after the build's moment is held back until then,
// whatever the day the build runs: the moment is the build's (Now, which
// site build takes from SOURCE_DATE_EPOCH or the clock), never the day's.
func TestFutureDatesAreHeldBackUntilTheBuildsMoment(t *testing.T) {
	files := sitetest.Files(sitetest.Fixture)
	future := map[string]string{}
	for _, name := range []string{"content/backgrounders/fixture-backgrounder.en.md", "content/backgrounders/fixture-backgrounder.fr.md"} {
		future[name] = strings.Replace(files[name], "date = 2021-07-19", "date = 2999-01-01", 1)
		if future[name] == files[name] {
			t.Fatalf("%s has no date to change", name)
		}
	}
	root := sitetest.New(t, sitetest.Fixture, sitetest.Archive(future))
	for _, tc := range []struct {
		now       time.Time
		published bool
	}{
		{time.Date(2998, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		dest := filepath.Join(t.TempDir(), "public")
		if err := render.Build(root, dest, render.BuildOptions{Quiet: true, Now: tc.now}); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"en/backgrounders/fixture-backgrounder/index.html", "fr/documents-information/document-information-essai/index.html"} {
			if _, err := os.Stat(filepath.Join(dest, page)); (err == nil) != tc.published {
				t.Errorf("as of %s, a page dated 2999-01-01: built %t, want %t", tc.now, err == nil, tc.published)
			}
		}
		if feed := sitetest.Read(t, dest, "en/feed.xml"); strings.Contains(feed, "fixture-backgrounder") != tc.published {
			t.Errorf("as of %s, a page dated 2999-01-01 in the feed: %t, want %t", tc.now, !tc.published, tc.published)
		}
	}
}

// A build reads views of its own: the project's prepared/ may hold the
// preview's (drafts included) or another build's, being written now.
func TestBuildReadsViewsOfItsOwn(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	preview := map[string]string{
		"prepared/.site-prepared":                  "Written by site.\n",
		"prepared/content/timelines/draft.en.md":   "{\"title\": \"A draft the preview shows\", \"view\": {\"kind\": \"timeline\"}}\n",
		"prepared/content/timelines/fixture.en.md": "{\"title\": \"The preview's title\", \"view\": {\"kind\": \"timeline\"}}\n",
	}
	sitetest.Write(t, root, preview)
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "en/timelines/draft/index.html")); err == nil {
		t.Error("the build published a page of the project's prepared/")
	}
	if page := sitetest.Read(t, dest, "en/timelines/fixture/index.html"); !strings.Contains(page, "<h1>Fixture timeline</h1>") {
		t.Error("the build's timeline is not its own")
	}
	for name, content := range preview {
		if sitetest.Read(t, root, name) != content {
			t.Errorf("the build changed %s", name)
		}
	}
}
