package deploy_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/deploy"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"gocloud.dev/gcerrors"
	"golang.org/x/net/html"
)

var (
	oldCSS = "css/main.min." + strings.Repeat("a", 64) + ".css"
	newCSS = "css/main.min." + strings.Repeat("b", 64) + ".css"
	logo   = "images/logo." + strings.Repeat("c", 64) + ".svg"
)

func page(title, css string) string {
	return `<!doctype html><html lang="en"><head><title>` + title + `</title><link rel="stylesheet" href="/` + css + `"></head>` +
		`<body><img src="/` + logo + `" alt=""><h1>` + title + `</h1></body></html>`
}

// v1 is a small build: every kind of file, and pages that need their
// stylesheet and logo.
func v1() map[string]string {
	return map[string]string{
		oldCSS:                                 "body { color: black }",
		logo:                                   `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"index.html":                           page("Languages", oldCSS),
		"en/index.html":                        page("Home", oldCSS),
		"en/old/index.html":                    page("Old", oldCSS),
		"en/timelines/t/index.html":            page("Timeline", oldCSS),
		"en/timelines/t/timeline.json":         `{"events": 1}`,
		"en/feed.xml":                          "<feed>1</feed>",
		"fr/index.html":                        page("Accueil", oldCSS),
		"pagefind/pagefind-entry.json":         `{"languages":{"en":{"hash":"en_1234567"}}}`,
		"pagefind/pagefind.en_1234567.pf_meta": "meta",
		"_headers":                             "/*\n  X-Frame-Options: DENY\n",
	}
}

// v2 is v1 after a change of the stylesheet (a new name), the timeline and
// the feed: every page names the new stylesheet, and the old page is gone.
func v2() map[string]string {
	files := v1()
	delete(files, oldCSS)
	delete(files, "en/old/index.html")
	files[newCSS] = "body { color: navy }"
	for key, content := range files {
		files[key] = strings.ReplaceAll(content, oldCSS, newCSS)
	}
	files["en/timelines/t/timeline.json"] = `{"events": 2}`
	files["en/feed.xml"] = "<feed>2</feed>"
	return files
}

func run(t *testing.T, s *store, part deploy.Part, opts deploy.Options) (*deploy.Plan, string, error) {
	t.Helper()
	if opts.MaxDeletes == 0 {
		opts.MaxDeletes = deploy.DefaultMaxDeletes
	}
	var out bytes.Buffer
	plan, err := deploy.Deploy(context.Background(), s.target, part, opts, &out)
	return plan, out.String(), err
}

// mustDeploy deploys and returns what the deploy did, one action a line.
func mustDeploy(t *testing.T, s *store, part deploy.Part, opts deploy.Options) []string {
	t.Helper()
	plan, out, err := run(t, s, part, opts)
	if err != nil {
		t.Fatalf("%s: %v\n%s", s.name, err, out)
	}
	var actions []string
	for _, a := range plan.Actions {
		actions = append(actions, a.String())
	}
	return actions
}

func equal(t *testing.T, s *store, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: %s:\n%s\nwant:\n%s", s.name, what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func sameFiles(t *testing.T, s *store, want map[string]string) {
	t.Helper()
	got := s.siteFiles(t)
	if !maps.Equal(got, want) {
		t.Errorf("%s holds\n%v\nwant\n%v", s.name, got, want)
	}
}

func TestDeployUploadsOnlyWhatChanged(t *testing.T) {
	for _, s := range stores(t) {
		var uploaded []string
		for _, a := range mustDeploy(t, s, build(t, "site", v1()), deploy.Options{}) {
			key, isNew := strings.CutSuffix(strings.TrimPrefix(a, "upload "), " (new)")
			if !isNew || !strings.HasPrefix(a, "upload ") {
				t.Errorf("%s: the first deploy did %q", s.name, a)
			}
			uploaded = append(uploaded, key)
		}
		slices.Sort(uploaded)
		equal(t, s, "the first deploy's uploads", uploaded, slices.Sorted(maps.Keys(v1())))
		sameFiles(t, s, v1())

		plan, out, err := run(t, s, build(t, "site", v1()), deploy.Options{})
		if err != nil || len(plan.Actions) != 0 || plan.Summary() != "0 to upload, 0 to delete, 12 unchanged" {
			t.Errorf("%s: the same build deployed again: %v\n%s", s.name, err, out)
		}

		changed := v1()
		changed["en/index.html"] = page("Home, changed", oldCSS)
		equal(t, s, "a changed page", mustDeploy(t, s, build(t, "site", changed), deploy.Options{}), []string{"upload en/index.html (changed)"})

		delete(changed, "en/old/index.html")
		equal(t, s, "a removed page", mustDeploy(t, s, build(t, "site", changed), deploy.Options{}), []string{"delete en/old/index.html (gone from the build)"})
		sameFiles(t, s, changed)
		// In a folder, its folder goes too: a web server would answer
		// 403 there, not the site's 404.
		if s.dir != "" {
			if _, err := os.Stat(filepath.Join(s.dir, "en", "old")); !os.IsNotExist(err) {
				t.Errorf("%s: the removed page's folder is still there: %v", s.name, err)
			}
			if _, err := os.Stat(filepath.Join(s.dir, "en")); err != nil {
				t.Errorf("%s: the folder of the pages that stay: %v", s.name, err)
			}
		}
	}
}

// The order is the store's record of the requests it got: the S3 server's.
func TestDeployUploadsAssetsThenFilesThenPagesThenListingsThenDeletes(t *testing.T) {
	s := s3Store(t)
	mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
	s.s3.requests()
	mustDeploy(t, s, build(t, "site", v2()), deploy.Options{})
	groups := [][]string{
		{"PUT .site-deploy/lock"},      // no other deploy into the target meanwhile
		{"PUT .site-deploy/site.json"}, // what the deploy is about to write, before it does
		{"PUT " + newCSS},
		{"PUT en/timelines/t/timeline.json"},
		{"PUT en/index.html", "PUT en/timelines/t/index.html", "PUT fr/index.html", "PUT index.html"},
		{"PUT en/feed.xml"},
		{"DELETE " + oldCSS, "DELETE en/old/index.html"},
		{"PUT .site-deploy/site.json"},
		{"DELETE .site-deploy/lock"},
	}
	log := s.s3.requests()
	if h := s.s3.headers[".site-deploy/lock"].Get("If-None-Match"); h != "*" {
		t.Errorf("the lock was written with If-None-Match %q, want * (only if no other deploy holds it)", h)
	}
	var got [][]string
	for _, g := range groups {
		if len(log) < len(g) {
			t.Fatalf("the store got %d requests fewer than expected: %v", len(g)-len(log), log)
		}
		got = append(got, slices.Sorted(slices.Values(log[:len(g)])))
		log = log[len(g):]
	}
	for i := range groups {
		slices.Sort(groups[i])
		if !slices.Equal(got[i], groups[i]) {
			t.Errorf("requests %d: %v, want %v (in any order)", i, got[i], groups[i])
		}
	}
	if len(log) > 0 {
		t.Errorf("more requests than expected: %v", log)
	}
}

func TestDeploySetsTypesAndCaching(t *testing.T) {
	const (
		year   = "public, max-age=31536000, immutable"
		hour   = "public, max-age=3600"
		minute = "public, max-age=300"
	)
	want := map[string]deploy.Headers{
		oldCSS:                                 {"text/css; charset=utf-8", year},
		logo:                                   {"image/svg+xml", year},
		"pagefind/pagefind.en_1234567.pf_meta": {"application/octet-stream", year},
		"en/timelines/t/timeline.json":         {"application/json", hour},
		"_headers":                             {"text/plain; charset=utf-8", hour},
		"en/index.html":                        {"text/html; charset=utf-8", minute},
		"en/feed.xml":                          {"application/atom+xml", minute},
		"pagefind/pagefind-entry.json":         {"application/json", minute},
		// The matcher's.
		"fr/index.html": {"text/html; charset=utf-8", "public, max-age=60"},
	}
	matchers := []deploy.Matcher{{Pattern: regexp.MustCompile(`^fr/`), CacheControl: "public, max-age=60"}}
	for _, s := range stores(t) {
		mustDeploy(t, s, build(t, "site", v1()), deploy.Options{Matchers: matchers})
		for key, h := range want {
			if got := s.headers(t, key); got != h {
				t.Errorf("%s: %s has %+v, want %+v", s.name, key, got, h)
			}
		}
		// New headers are uploaded again, the same content.
		matchers := []deploy.Matcher{{Pattern: regexp.MustCompile(`^fr/`), CacheControl: "public, max-age=30"}}
		equal(t, s, "a matcher changed", mustDeploy(t, s, build(t, "site", v1()), deploy.Options{Matchers: matchers}), []string{"upload fr/index.html (new headers)"})
		if got := s.headers(t, "fr/index.html").CacheControl; got != "public, max-age=30" {
			t.Errorf("%s: fr/index.html has Cache-Control %q after the matcher changed", s.name, got)
		}
	}
}

// Every kind of file a build writes has its type and caching; a file of
// an unknown type is refused, with what to do.
func TestHeadersOfEveryKindOfFile(t *testing.T) {
	const (
		year   = "public, max-age=31536000, immutable"
		hour   = "public, max-age=3600"
		minute = "public, max-age=300"
	)
	for key, want := range map[string]deploy.Headers{
		"en/timelines/t/timeline.csv":                                     {"text/csv; charset=utf-8", hour},
		"en/timelines/t/timeline.ics":                                     {"text/calendar; charset=utf-8", hour},
		"en/threat-actors/apt40/stix.json":                                {"application/json", hour},
		"en/sitemap.xml":                                                  {"application/xml", minute},
		"sitemap.xml":                                                     {"application/xml", minute},
		"robots.txt":                                                      {"text/plain; charset=utf-8", minute},
		".well-known/security.txt":                                        {"text/plain; charset=utf-8", minute},
		".well-known/csaf/provider-metadata.json":                         {"application/json", minute},
		".well-known/csaf/service.json":                                   {"application/json", minute},
		"en/csaf/feed-tlp-white.json":                                     {"application/json", minute},
		"en/csaf/index.txt":                                               {"text/plain; charset=utf-8", minute},
		"en/csaf/changes.csv":                                             {"text/csv; charset=utf-8", minute},
		"en/csaf/index.html":                                              {"text/html; charset=utf-8", minute},
		"en/csaf/2026/advisory.json":                                      {"application/json", hour},
		"en/csaf/2026/advisory.json.asc":                                  {"text/plain; charset=utf-8", hour},
		"en/csaf/2026/advisory.json.sha256":                               {"text/plain; charset=utf-8", hour},
		"en/csaf/2026/advisory.json.sha512":                               {"text/plain; charset=utf-8", hour},
		".well-known/csaf/openpgp/0123ABCD.asc":                           {"text/plain; charset=utf-8", hour},
		"pagefind/pagefind.js":                                            {"text/javascript; charset=utf-8", hour},
		"pagefind/wasm.en-ca.pagefind":                                    {"application/octet-stream", hour},
		"pagefind/pagefind-entry.json":                                    {"application/json", minute},
		"pagefind/index/en-ca_70ce40b.pf_index":                           {"application/octet-stream", year},
		"pagefind/fragment/en-ca_8b3c723.pf_fragment":                     {"application/octet-stream", year},
		"search.wasm":                                                     {"application/wasm", hour},
		"images/chart_hu_26dd55834f89f97f.webp":                           {"image/webp", year},
		"gcds/fonts/lato/gcds-lato." + strings.Repeat("d", 64) + ".woff2": {"font/woff2", year},
		"js/search." + strings.Repeat("e", 64) + ".js":                    {"text/javascript; charset=utf-8", year},
	} {
		h, err := deploy.HeadersOf(key, nil)
		if err != nil || h != want {
			t.Errorf("%s: %+v, %v; want %+v", key, h, err, want)
		}
	}
	_, err := deploy.HeadersOf("downloads/data.parquet", nil)
	want := `downloads/data.parquet: site deploy does not know the type of a ".parquet" file; add a [[deployment.matchers]] to config.toml with a pattern that matches it and its contentType`
	if err == nil || err.Error() != want {
		t.Errorf("an unknown type: %v, want %s", err, want)
	}
	h, err := deploy.HeadersOf("downloads/data.parquet", []deploy.Matcher{{Pattern: regexp.MustCompile(`\.parquet$`), ContentType: "application/vnd.apache.parquet"}})
	if err != nil || h != (deploy.Headers{ContentType: "application/vnd.apache.parquet", CacheControl: "public, max-age=3600"}) {
		t.Errorf("a matcher's type: %+v, %v", h, err)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	for _, s := range stores(t) {
		mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
		before := s.contents(t)
		if s.s3 != nil {
			s.s3.requests()
		}
		_, out, err := run(t, s, build(t, "site", v2()), deploy.Options{DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range []string{"site: 7 to upload, 2 to delete, 4 unchanged\n", "  upload " + newCSS + " (new)\n", "  upload en/feed.xml (changed)\n", "  delete en/old/index.html (gone from the build)\n"} {
			if !strings.Contains(out, line) {
				t.Errorf("%s: the dry run does not print %q:\n%s", s.name, line, out)
			}
		}
		if !maps.Equal(s.contents(t), before) {
			t.Errorf("%s: the dry run changed the target", s.name)
		}
		if s.s3 != nil {
			if log := s.s3.requests(); len(log) > 0 {
				t.Errorf("the dry run wrote or deleted: %v", log)
			}
		}
	}
}

func TestDeployRefusesToDeleteMoreThanItMay(t *testing.T) {
	for _, s := range stores(t) {
		mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
		before := s.contents(t)
		want := "this deploy would delete 2 files from the target, more than the 1 it may (--max-deletes): look at what it would delete with --dry-run, and if that is right, run it again with --max-deletes 2"
		for _, dryRun := range []bool{true, false} {
			_, out, err := run(t, s, build(t, "site", v2()), deploy.Options{MaxDeletes: 1, DryRun: dryRun})
			if err == nil || err.Error() != want {
				t.Errorf("%s (dry run %v): %v, want %s", s.name, dryRun, err, want)
			}
			if !strings.Contains(out, "  delete "+oldCSS+" (gone from the build)\n  delete en/old/index.html (gone from the build)\n") {
				t.Errorf("%s: the plan does not show what the deploy would delete:\n%s", s.name, out)
			}
		}
		if !maps.Equal(s.contents(t), before) {
			t.Errorf("%s: the refused deploy changed the target", s.name)
		}
		mustDeploy(t, s, build(t, "site", v2()), deploy.Options{MaxDeletes: 2})
		sameFiles(t, s, v2())
	}
}

func TestInterruptedDeployLeavesTheSiteReadableAndTheNextFinishesIt(t *testing.T) {
	for _, s := range stores(t) {
		mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
		// The store fails in the middle of the pages: after the new
		// stylesheet, the timeline's JSON and one page (S3), or at the
		// timeline's page (a folder where its metadata goes).
		var repair func()
		if s.s3 != nil {
			s.s3.mu.Lock()
			s.s3.failAfter = s.s3.writes + 3
			s.s3.mu.Unlock()
			repair = func() { s.s3.mu.Lock(); s.s3.failAfter = 0; s.s3.mu.Unlock() }
		} else {
			attrs := filepath.Join(s.dir, "en", "timelines", "t", "index.html.attrs")
			if err := os.Remove(attrs); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(attrs, 0o755); err != nil {
				t.Fatal(err)
			}
			repair = func() { os.Remove(attrs) }
		}
		_, out, err := run(t, s, build(t, "site", v2()), deploy.Options{})
		if err == nil || !strings.Contains(err.Error(), "deploy again to finish it") {
			t.Fatalf("%s: the failing store: %v\n%s", s.name, err, out)
		}
		// The folder's sabotage only keeps its metadata from being written.
		repair()
		files := s.siteFiles(t)
		readable(t, s, files)
		for _, key := range []string{newCSS, oldCSS, "en/old/index.html"} {
			if _, ok := files[key]; !ok {
				t.Errorf("%s: the interrupted deploy left no %s", s.name, key)
			}
		}
		if files["en/feed.xml"] != v1()["en/feed.xml"] {
			t.Errorf("%s: the feed, which names the pages, changed before them", s.name)
		}

		actions := mustDeploy(t, s, build(t, "site", v2()), deploy.Options{})
		if !slices.Contains(actions, "delete en/old/index.html (gone from the build)") || !slices.Contains(actions, "upload en/timelines/t/index.html (left unfinished by an interrupted deploy)") {
			t.Errorf("%s: the next deploy did:\n%s", s.name, strings.Join(actions, "\n"))
		}
		sameFiles(t, s, v2())
		equal(t, s, "a deploy after the one that finished", mustDeploy(t, s, build(t, "site", v2()), deploy.Options{}), nil)
	}
}

// A file that an interrupted deploy uploaded is the site's from then on:
// the next deploy, of a build without it, deletes it.
func TestFilesOfAnInterruptedDeployAreTheSites(t *testing.T) {
	s := s3Store(t)
	mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
	s.s3.mu.Lock()
	s.s3.failAfter = s.s3.writes + 1 // the new stylesheet, and nothing after it
	s.s3.mu.Unlock()
	if _, out, err := run(t, s, build(t, "site", v2()), deploy.Options{}); err == nil {
		t.Fatalf("the failing store: no error\n%s", out)
	}
	if _, ok := s.siteFiles(t)[newCSS]; !ok {
		t.Fatal("the interrupted deploy did not upload the new stylesheet")
	}
	s.s3.mu.Lock()
	s.s3.failAfter = 0
	s.s3.mu.Unlock()
	actions := mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
	if !slices.Contains(actions, "delete "+newCSS+" (gone from the build)") {
		t.Errorf("the deploy of the previous build did:\n%s", strings.Join(actions, "\n"))
	}
	sameFiles(t, s, v1())
}

// readable fails the test for each page of files whose stylesheet or
// images are not among files.
func readable(t *testing.T, s *store, files map[string]string) {
	t.Helper()
	pages := 0
	for key, content := range files {
		if !strings.HasSuffix(key, ".html") {
			continue
		}
		pages++
		doc, err := html.Parse(strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		base := &url.URL{Path: "/" + key}
		sitetest.Elements(doc, func(n *html.Node) {
			ref := sitetest.Attr(n, "src")
			if n.Data == "link" {
				ref = sitetest.Attr(n, "href")
			}
			if ref == "" {
				return
			}
			u, err := url.Parse(ref)
			if err != nil {
				t.Fatal(err)
			}
			if asset := strings.TrimPrefix(base.ResolveReference(u).Path, "/"); files[asset] == "" {
				t.Errorf("%s: %s needs %s, which the target does not hold", s.name, key, asset)
			}
		})
	}
	if pages == 0 {
		t.Errorf("%s holds no page", s.name)
	}
}

// The segments of the docs' builds on several machines: each owns what its
// build wrote, and a file both wrote (the stylesheet) goes when neither
// has it any longer.
func TestSegmentsDeploySideBySide(t *testing.T) {
	for _, s := range stores(t) {
		en := map[string]string{oldCSS: "old", "index.html": page("Languages", oldCSS), "en/index.html": page("Home", oldCSS), "en/old/index.html": page("Old", oldCSS)}
		fr := map[string]string{oldCSS: "old", "fr/index.html": page("Accueil", oldCSS)}
		mustDeploy(t, s, build(t, "segment-en", en), deploy.Options{})
		equal(t, s, "fr after en", mustDeploy(t, s, build(t, "segment-fr", fr), deploy.Options{}), []string{"upload fr/index.html (new)"})

		en2 := map[string]string{newCSS: "new", "index.html": page("Languages", newCSS), "en/index.html": page("Home", newCSS)}
		equal(t, s, "en, changed", mustDeploy(t, s, build(t, "segment-en", en2), deploy.Options{}), []string{
			"upload " + newCSS + " (new)", "upload en/index.html (changed)", "upload index.html (changed)", "delete en/old/index.html (gone from the build)",
		})
		want := maps.Clone(en2)
		maps.Copy(want, fr)
		sameFiles(t, s, want)
		equal(t, s, "fr again", mustDeploy(t, s, build(t, "segment-fr", fr), deploy.Options{}), nil)

		fr2 := map[string]string{newCSS: "new", "fr/index.html": page("Accueil", newCSS)}
		equal(t, s, "fr, changed", mustDeploy(t, s, build(t, "segment-fr", fr2), deploy.Options{}), []string{
			"upload fr/index.html (changed)", "delete " + oldCSS + " (gone from the build)",
		})
		want = maps.Clone(en2)
		maps.Copy(want, fr2)
		sameFiles(t, s, want)
	}
}

func TestObjectsTheSiteDidNotPutThereSurvive(t *testing.T) {
	for _, s := range stores(t) {
		s.put(t, "reports/annual.pdf", "the publisher's")
		s.put(t, "en/index.html", "someone else's page")
		s.put(t, logo, v1()[logo]) // the same as the build's
		before := s.contents(t)
		_, _, err := run(t, s, build(t, "site", v1()), deploy.Options{})
		want := "the target holds 1 object at addresses of the build that no site deploy put there, with other content: en/index.html; they are not the site's to replace: remove them from the target, or deploy with --adopt to replace them"
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", s.name, err, want)
		}
		if !maps.Equal(s.contents(t), before) {
			t.Errorf("%s: the refused deploy changed the target", s.name)
		}
		actions := mustDeploy(t, s, build(t, "site", v1()), deploy.Options{Adopt: true})
		if !slices.Contains(actions, "upload en/index.html (replaces an object no site deploy put there)") {
			t.Errorf("%s: with --adopt:\n%s", s.name, strings.Join(actions, "\n"))
		}
		s.put(t, "en/notes.txt", "put there after the deploy")
		// Changed by someone since the deploy, at the same size: a page
		// the build still has is put back; one it no longer has is
		// left, theirs now.
		edited := strings.Replace(v1()["en/old/index.html"], "Old", "Odd", 1)
		s.put(t, "en/old/index.html", edited)
		s.put(t, "pagefind/pagefind.en_1234567.pf_meta", "mEta")
		plan, out, err := run(t, s, build(t, "site", v2()), deploy.Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", s.name, err, out)
		}
		if !slices.Contains(plan.Left, "en/old/index.html") || slices.ContainsFunc(plan.Actions, func(a deploy.Action) bool { return a.Key == "en/old/index.html" }) ||
			!strings.Contains(out, "leave en/old/index.html (gone from the build, but changed in the target since it was deployed: no longer the site's to delete)") ||
			!strings.Contains(out, "upload pagefind/pagefind.en_1234567.pf_meta (changed in the target since it was deployed)") {
			t.Errorf("%s: a deploy after files were changed in the target:\n%s", s.name, out)
		}
		want2 := v2()
		want2["reports/annual.pdf"] = "the publisher's"
		want2["en/notes.txt"] = "put there after the deploy"
		want2["en/old/index.html"] = edited
		sameFiles(t, s, want2)
		// No longer the site's: the next deploy leaves it without a word.
		if actions := mustDeploy(t, s, build(t, "site", v2()), deploy.Options{}); len(actions) > 0 {
			t.Errorf("%s: a deploy after that: %v", s.name, actions)
		}
	}
}

// A build made without the publisher's key, deployed over signed
// advisories, would delete their signatures and leave them unsigned: it is
// refused, the target unchanged, unless the deploy says it means it.
func TestDeployRefusesToUnsignAdvisories(t *testing.T) {
	signed := map[string]string{
		"en/csaf/2024/a.json":     `{"document":{}}`,
		"en/csaf/2024/a.json.asc": "-----BEGIN PGP SIGNATURE-----\n",
		"en/index.html":           page("Home", ""),
	}
	unsigned := maps.Clone(signed)
	delete(unsigned, "en/csaf/2024/a.json.asc")
	for _, s := range stores(t) {
		mustDeploy(t, s, build(t, "site", signed), deploy.Options{})
		before := s.contents(t)
		_, _, err := run(t, s, build(t, "site", unsigned), deploy.Options{})
		if err == nil || !strings.Contains(err.Error(), "this build's CSAF advisories are not signed and the target's are: the deploy would delete 1 signature (en/csaf/2024/a.json.asc)") {
			t.Errorf("%s: %v, want the unsigned build refused", s.name, err)
		}
		if !maps.Equal(s.contents(t), before) {
			t.Errorf("%s: the refused deploy changed the target", s.name)
		}
		mustDeploy(t, s, build(t, "site", unsigned), deploy.Options{Unsigned: true})
		sameFiles(t, s, unsigned)
	}
}

// Two deploys into one target run one after the other: each plans from
// the other parts' manifests. Run at once, the English segment deleted
// the stylesheet its new build no longer had while the French one, whose
// new build has it, counted on the English manifest's copy: French pages
// without their stylesheet.
func TestDeploysIntoOneTargetRunOneAfterTheOther(t *testing.T) {
	const held = `{"part": "segment-fr", "host": "runner-2", "pid": 4242, "since": "2026-12-04T07:00:00Z"}`
	const holder = "segment-fr, from runner-2 (process 4242) since 2026-12-04T07:00:00Z"
	for _, s := range stores(t) {
		en := map[string]string{oldCSS: "old", "en/index.html": page("Home", oldCSS)}
		s.put(t, ".site-deploy/lock", held)
		_, out, err := run(t, s, build(t, "segment-en", en), deploy.Options{})
		if err == nil || !strings.Contains(err.Error(), "another deploy into the target has not ended ("+holder+")") || len(s.siteFiles(t)) > 0 {
			t.Errorf("%s: a deploy while another holds the target: %v, the target holds %v\n%s", s.name, err, s.siteFiles(t), out)
		}
		// Given time, it waits for the other to end.
		go func() {
			time.Sleep(300 * time.Millisecond)
			s.bucket.Delete(context.Background(), ".site-deploy/lock")
		}()
		_, out, err = run(t, s, build(t, "segment-en", en), deploy.Options{Wait: time.Minute})
		if err != nil || !strings.Contains(out, "segment-en: waiting for another deploy into the target to end ("+holder+")") {
			t.Errorf("%s: a deploy waiting for another: %v\n%s", s.name, err, out)
		}
		if _, err := s.bucket.Attributes(context.Background(), ".site-deploy/lock"); gcerrors.Code(err) != gcerrors.NotFound {
			t.Errorf("%s: the lock is still there after the deploy: %v", s.name, err)
		}

		en2 := map[string]string{newCSS: "new", "en/index.html": page("Home", newCSS)}
		fr2 := map[string]string{oldCSS: "old", "fr/index.html": page("Accueil", oldCSS)}
		var wg sync.WaitGroup
		for _, b := range []deploy.Part{build(t, "segment-en", en2), build(t, "segment-fr", fr2)} {
			wg.Go(func() {
				if _, out, err := run(t, s, b, deploy.Options{Wait: time.Minute}); err != nil {
					t.Errorf("%s: %s: %v\n%s", s.name, b.Name, err, out)
				}
			})
		}
		wg.Wait()
		want := maps.Clone(en2)
		maps.Copy(want, fr2)
		sameFiles(t, s, want)
	}
}

// A lock is anyone's object in the target: what it says is printed in
// printable characters, and only its first kilobytes are read. A lock of
// this machine whose deploy no longer runs (killed) is said so at once.
func TestALockIsReadWithCare(t *testing.T) {
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	for _, s := range stores(t) {
		part := build(t, "site", v1())
		hostile := `{"part": "whole\u001b[2J\u001b]0;pwned\u0007\r", "host": "ci\u001b[8m", "pid": 7, "since": "2026-12-04T07:00:00Z"}` + strings.Repeat(" ", 1<<20)
		s.put(t, ".site-deploy/lock", hostile)
		_, out, err := run(t, s, part, deploy.Options{})
		if want := "(whole[2J]0;pwned, from ci[8m (process 7) since 2026-12-04T07:00:00Z)"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: a hostile lock: %v, want it printed as %s\n%s", s.name, err, want, out)
		}
		s.put(t, ".site-deploy/lock", "not JSON")
		if _, _, err := run(t, s, part, deploy.Options{}); err == nil || !strings.Contains(err.Error(), "(its lock says nothing readable of it)") {
			t.Errorf("%s: an unreadable lock: %v", s.name, err)
		}
		s.put(t, ".site-deploy/lock", fmt.Sprintf(`{"part": "site", "host": %q, "pid": %d, "since": "2026-12-04T07:00:00Z"}`, host, ended.Process.Pid))
		start := time.Now()
		_, _, err = run(t, s, part, deploy.Options{Wait: time.Minute})
		if err == nil || !strings.Contains(err.Error(), "the target's lock is held by a deploy of this machine that no longer runs") || time.Since(start) > 30*time.Second {
			t.Errorf("%s: the lock of a killed deploy: %v, after %v", s.name, err, time.Since(start))
		}
		if len(s.siteFiles(t)) > 0 {
			t.Errorf("%s: a deploy refused for the lock wrote files", s.name)
		}
	}
}

// Interrupted (Ctrl-C, SIGTERM), a deploy says so and what to do, gives
// the target's lock back, and the next deploy finishes it; a folder
// target that does not exist is named, with what to do.
func TestAnInterruptedDeploySaysSo(t *testing.T) {
	s := s3Store(t)
	mustDeploy(t, s, build(t, "site", v1()), deploy.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	writes := 0
	s.s3.mu.Lock()
	s.s3.onWrite = func() {
		if writes++; writes == 2 {
			cancel()
		}
	}
	s.s3.mu.Unlock()
	var out bytes.Buffer
	_, err := deploy.Deploy(ctx, s.target, build(t, "site", v2()), deploy.Options{MaxDeletes: deploy.DefaultMaxDeletes}, &out)
	if want := "the deploy was interrupted: the target still has every file the pages it holds need; deploy again to finish it"; err == nil || err.Error() != want {
		t.Errorf("an interrupted deploy: %v, want %s\n%s", err, want, out.String())
	}
	s.s3.mu.Lock()
	s.s3.onWrite = nil
	s.s3.mu.Unlock()
	mustDeploy(t, s, build(t, "site", v2()), deploy.Options{})
	sameFiles(t, s, v2())

	missing := filepath.Join(t.TempDir(), "bucket")
	target := deploy.Target{Name: "folder", URL: "file://" + filepath.ToSlash(missing)}
	_, err = deploy.Deploy(context.Background(), target, build(t, "site", v1()), deploy.Options{}, &out)
	if want := fmt.Sprintf(`the target "folder" is the folder %s, which does not exist: create it (mkdir -p %s), or correct its url in config.toml`, missing, missing); err == nil || err.Error() != want {
		t.Errorf("a folder that does not exist: %v, want %s", err, want)
	}
}
