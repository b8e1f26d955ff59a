package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/synthetic"
	"github.com/cyberpub/site/tools/translation"
)

const (
	bulletinEN = "content/bulletins/fixture-bulletin.en.md"
	bulletinFR = "content/bulletins/fixture-bulletin.fr.md"
	// The fixture's bulletin's front matter starts so in both languages.
	bulletinDate = "date = 2024-03-01\n"
	// 2026-12-01T00:00:00Z and 2030-01-02T00:00:00Z.
	before2030 = "1796083200"
	after2030  = "1893542400"
)

// heldBackSite is the fixture with its bulletin a draft and a measure
// scheduled for 2030 (the bulletin, which names it, held back too).
func heldBackSite(t *testing.T) string {
	t.Helper()
	root := fixture(t)
	for _, file := range []string{bulletinEN, bulletinFR} {
		sitetest.Edit(t, root, file, bulletinDate, bulletinDate+"draft = true\n")
	}
	sitetest.Edit(t, root, "data/mitigations.toml", "[use-mfa]\ndate = 2024-01-15\n", "[use-mfa]\ndate = 2024-01-15\npublishDate = 2030-01-01T09:00:00-05:00\n")
	return root
}

// buildAt runs site build with SOURCE_DATE_EPOCH set, in a process of its
// own, and returns its output and the built site.
func buildAt(t *testing.T, root, epoch string) (string, map[string]string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	out, err := buildIn(t, root, dest, "SOURCE_DATE_EPOCH="+epoch).CombinedOutput()
	if err != nil {
		t.Fatalf("site build: %v\n%s", err, out)
	}
	return string(out), tree(t, dest)
}

// A draft and an item scheduled later are nowhere in the built site: no
// page, and no mention in a list, a feed, a sitemap, the search index or
// an export; once its moment has come, the scheduled one is published.
// SOURCE_DATE_EPOCH decides, and the build says so.
func TestDraftsAndScheduledItemsAreHeldBack(t *testing.T) {
	root := heldBackSite(t)
	out, site := buildAt(t, root, before2030)
	if want := `publishing as of 2026-12-01T00:00:00Z (SOURCE_DATE_EPOCH), holding back 2 items (drafts, and items scheduled later): bulletin "fixture-bulletin", measure "use-mfa"`; !strings.Contains(out, want) {
		t.Errorf("site build says:\n%s\nwant %q", out, want)
	}
	for name, content := range site {
		for _, word := range []string{"fixture-bulletin", "bulletin-essai", "use-mfa", "utiliser-amf", "multi-factor", "multifacteur"} {
			if strings.Contains(name, word) || strings.Contains(content, word) {
				t.Errorf("%s holds %q, held back", name, word)
			}
		}
	}
	if len(site) < 40 {
		t.Fatalf("only %d files built", len(site))
	}
	// Built over a site that published them, the held-back pages leave no
	// empty folder (which would tell their addresses).
	dest := filepath.Join(t.TempDir(), "public")
	for i, r := range []string{fixture(t), root} {
		if out, err := buildIn(t, r, dest, "SOURCE_DATE_EPOCH="+before2030).CombinedOutput(); err != nil {
			t.Fatalf("site build %d: %v\n%s", i, err, out)
		}
	}
	filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if entries, _ := os.ReadDir(path); err == nil && d.IsDir() && len(entries) == 0 {
			t.Errorf("%s is an empty folder", path)
		}
		return err
	})
	_, site = buildAt(t, root, after2030)
	if _, ok := site["en/guidance/use-mfa/index.html"]; !ok {
		t.Error("the measure scheduled for 2030 is not published in 2030")
	}
	if _, ok := site["en/bulletins/fixture-bulletin/index.html"]; ok {
		t.Error("the draft is published")
	}
}

// A published page that names a held-back one would link to a page that
// is not there: an error at the reference, as of now, and not at a moment
// when both are published (site check --at).
func TestNamingAHeldBackItemIsAnError(t *testing.T) {
	root := fixture(t)
	sitetest.Edit(t, root, "data/mitigations.toml", "[use-mfa]\ndate = 2024-01-15\n", "[use-mfa]\ndate = 2024-01-15\npublishDate = 2030-01-01T09:00:00-05:00\n")
	code, _, stderr := runSite(t, "check", "--source", root, "--cache=false")
	for _, want := range []string{
		bulletinEN + `:6:23: measure "use-mfa" is scheduled for 2030-01-01 14:00 UTC: this bulletin, published, would name a page that is not; remove it from here until it is published, or hold this bulletin back as well (draft = true, or the same publishDate)`,
		bulletinFR + `:7:23: measure "use-mfa" is scheduled for 2030-01-01 14:00 UTC: this bulletin, published, would name a page that is not; remove it from here until it is published, or hold this bulletin back as well (draft = true, or the same publishDate)`,
	} {
		if code != 1 || !strings.Contains(stderr, want+"\n") {
			t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
		}
	}
	if out := mustRun(t, "check", "--source", root, "--at", "2030-01-01T14:00:00Z"); !strings.Contains(out, "no problems found") {
		t.Errorf("site check --at 2030-01-01T14:00:00Z: %s", out)
	}
	// The cache of the last check does not outlive the release between.
	if code, _, _ := runSite(t, "check", "--source", root, "--at", "2029-12-31"); code != 1 {
		t.Errorf("site check --at 2029-12-31, after a check in 2030: exit %d, want 1", code)
	}
}

// Draft and publishDate are facts of a page: one language's file alone
// would publish the page in the other only. A moment without its offset
// from UTC would lift an embargo at the hour of whichever machine builds.
func TestPublishingFieldsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name, file, old, new string
		want                 []string
	}{
		{"a draft in one language", bulletinFR, bulletinDate, bulletinDate + "draft = true\n",
			[]string{bulletinFR + ":6:9: draft is in " + bulletinFR + " and not in " + bulletinEN + ": the page would be published in some of its languages and not in others; a page's facts are the same in every language: write it in every language's file, or in none"}},
		{"an hour without its offset", "data/mitigations.toml", "[use-mfa]\ndate = 2024-01-15\n", "[use-mfa]\ndate = 2024-01-15\npublishDate = 2030-01-01T09:00:00\n",
			[]string{`data/mitigations.toml:4:15: measure "use-mfa": publishDate has an hour but no offset from UTC; add it: 2030-01-01T09:00:00-05:00 for Ottawa's winter time, -04:00 in summer, or Z for UTC`}},
		{"a draft in quotes", "data/mitigations.toml", "[use-mfa]\ndate = 2024-01-15\n", "[use-mfa]\ndate = 2024-01-15\ndraft = \"yes\"\n",
			[]string{`data/mitigations.toml:4:10: measure "use-mfa": draft must be true or false, without quotes, found a string; write draft = true`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			sitetest.Edit(t, root, tc.file, tc.old, tc.new)
			expectRefused(t, root, tc.want)
		})
	}
}

// The preview shows a draft and a scheduled item, each marked as such in
// its language.
func TestPreviewShowsHeldBackItemsMarked(t *testing.T) {
	root := heldBackSite(t)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, _ := content.Load(p)
	ws, _ := translation.Open(site)
	dest := buildPreview(t, root, ws)
	for file, want := range map[string]string{
		"en/bulletins/fixture-bulletin/index.html": "Draft: site build does not publish this page until draft = true is removed.",
		"fr/bulletins/bulletin-essai/index.html":   "Brouillon\u00a0: site build ne publie pas cette page tant que draft = true y figure.",
		"en/guidance/use-mfa/index.html":           "Scheduled: site build publishes this page from 2030-01-01 14:00 UTC on.",
		"fr/conseils/utiliser-amf/index.html":      "Publication prévue\u00a0: site build publie cette page à partir du 2030-01-01 14:00 UTC.",
	} {
		if page := sitetest.Read(t, dest, file); !strings.Contains(page, want) {
			t.Errorf("%s does not say %q", file, want)
		}
	}
}

// A link in a published text to a held-back page is the same mistake as
// naming it in a field: the link would lead nowhere.
func TestLinkToAHeldBackPageIsAnError(t *testing.T) {
	root := fixture(t)
	for _, file := range []string{"content/reports/fixture-report.en.md", "content/reports/fixture-report.fr.md"} {
		sitetest.Edit(t, root, file, "date = 2024-02-01\n", "date = 2024-02-01\ndraft = true\n")
	}
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.en.md", "A backgrounder, dated.", "A statement, dated; see [the report](/en/reports/fixture-report/), [by its path](/reports/fixture-report).")
	sitetest.Edit(t, root, "content/backgrounders/fixture-backgrounder.fr.md", "Un document d’information, daté.", "Une déclaration, datée\u00a0; voir [le rapport](/fr/rapports/rapport-essai/).")
	code, _, stderr := runSite(t, "check", "--source", root, "--cache=false")
	for _, want := range []string{
		`content/backgrounders/fixture-backgrounder.en.md:6:38: body: the "en" (English) text links to "/en/reports/fixture-report/", the page of report "fixture-report", which is a draft; remove the link until that page is published, or hold this backgrounder back as well (draft = true, or the same publishDate)`,
		// By Hugo's path of the page, which the link hook makes its address.
		`content/backgrounders/fixture-backgrounder.en.md:6:82: body: the "en" (English) text links to "/reports/fixture-report", the page of report "fixture-report", which is a draft; remove the link until that page is published, or hold this backgrounder back as well (draft = true, or the same publishDate)`,
		`content/backgrounders/fixture-backgrounder.fr.md:7:44: body: the "fr" (Français) text links to "/fr/rapports/rapport-essai/", the page of report "fixture-report", which is a draft; remove the link until that page is published, or hold this backgrounder back as well (draft = true, or the same publishDate)`,
	} {
		if code != 1 || !strings.Contains(stderr, want+"\n") {
			t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
		}
	}
}

// The publication the home page features (config.toml's params.featured)
// must be one a build publishes: a path that names nothing, or a draft,
// is an error at the setting, and the home page would feature nothing; a
// path written with a trailing slash is the same path.
func TestFeaturedPublicationIsPublished(t *testing.T) {
	for _, tc := range []struct{ name, featured, edit, want string }{
		{"a path that names nothing", "/timelines/fixtur", "",
			`params.featured is "/timelines/fixtur", which names no page of the site`},
		{"a draft", "/timelines/fixture", "draft",
			`params.featured is "/timelines/fixture", which is a draft`},
		{"a trailing slash", "timelines/fixture/", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := fixture(t)
			if err := synthetic.Feature(root, tc.featured); err != nil {
				t.Fatal(err)
			}
			if tc.edit == "draft" {
				sitetest.Edit(t, root, "data/timelines/fixture.toml", "\n[[events]]", "\ndraft = true\n\n[[events]]")
			}
			code, _, stderr := runSite(t, "check", "--source", root)
			if tc.want == "" && code != 0 || tc.want != "" && (code != 1 || !strings.Contains(stderr, "config.toml:") || !strings.Contains(stderr, tc.want)) {
				t.Errorf("site check: exit %d\n%s", code, stderr)
			}
		})
	}
}

// The publisher's identity files are checked: the logo, and for a federal
// institution the signature and the wordmark, each at its setting.
func TestIdentityFilesExist(t *testing.T) {
	root := fixture(t)
	sitetest.Edit(t, root, "config.toml", `logo = "images/identity/logo.svg"`, `logo = "images/identity/logo.png"`)
	sitetest.Edit(t, root, "config.toml", "federal = false", "federal = true")
	code, _, stderr := runSite(t, "check", "--source", root)
	for _, want := range []string{
		`params.publisher.logo is "images/identity/logo.png", which is no file of assets/`,
		"params.publisher.signature is not set", "params.publisher.wordmark is not set",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("site check: exit %d, want %q\n%s", code, want, stderr)
		}
	}
}
