package render_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// The checks of this file run the standard tools on the built fixture
// site: headless Chromium (driven with chromedp) with axe-core, Pagefind's
// own bundle, and the Nu Html Checker.

// browser starts headless Chromium on a built site, served from a local
// server as a static host serves it (its 404.html for an address that does
// not exist). It returns the server's address and a context to run
// chromedp actions in, which records every request the pages make.
func browser(t *testing.T, public string) (string, context.Context, func() []string) {
	t.Helper()
	chromium := chromiumPath(t)
	server := httptest.NewServer(staticHost(public))
	t.Cleanup(server.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocator, cancelAllocator := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocator)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAllocator() })

	var mu sync.Mutex
	var requests []string
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil { // chromedp enables the network events of a page itself
		t.Fatalf("starting %s: %v", chromium, err)
	}
	watchCSP := func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspViolations})
		return chromedp.Void{}, err
	}
	run(t, ctx, "watching the Content-Security-Policy", chromedp.Action[chromedp.Void](watchCSP))
	return server.URL, ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(requests)
	}
}

// chromiumPath returns Chromium's command, or stops the test when it is
// missing.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	sitetest.Missing(t, "Chromium", "apt-get install chromium")
	return ""
}

// staticHost serves a built site as static hosts do: a folder's
// index.html, and 404.html with status 404 for what does not exist.
// Every response carries the headers of the site's _headers file, as the
// hosts that read it (Netlify, Cloudflare Pages) send them.
func staticHost(public string) http.Handler {
	files := http.FileServer(http.Dir(public))
	headers := siteHeaders(public)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name, value := range headers {
			w.Header().Set(name, value)
		}
		name := filepath.Join(public, filepath.FromSlash(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, "index.html")
		}
		if _, err := os.Stat(name); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(public, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// siteHeaders reads the headers that _headers gives every file ("/*").
func siteHeaders(public string) map[string]string {
	src, _ := os.ReadFile(filepath.Join(public, "_headers"))
	headers := map[string]string{}
	every := false
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			every = line == "/*"
		case every:
			name, value, _ := strings.Cut(strings.TrimSpace(line), ":")
			headers[name] = strings.TrimSpace(value)
		}
	}
	return headers
}

// cspViolations gathers, from the start of each page, what its
// Content-Security-Policy refused; cspSeen returns them.
const (
	cspViolations = `window.cspViolations = []; document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " refused " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber))`
	cspSeen       = `window.cspViolations || ["the page was not watched"]`
)

// run runs a chromedp action, and stops the test when it fails.
func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// violations runs axe-core on the current page, and returns what it finds.
func violations(t *testing.T, ctx context.Context, axe, page string) []string {
	t.Helper()
	run(t, ctx, page, chromedp.Evaluate[chromedp.Void](axe))
	return run(t, ctx, page, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
}

// axeRun runs axe-core on the page for WCAG 2.2 A and AA (and the 2.0 and
// 2.1 rules they include), and returns its violations, each described on a
// line.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}})
  .then(r => r.violations.map(v => v.id + ": " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", ")))`

// Every page, in both languages, of the fixture (every template) and of the
// project's site (every text as published) has no WCAG 2.2 A or AA
// violation that axe-core finds, and asks nothing of any host but its own.
func TestPagesAreAccessibleInABrowser(t *testing.T) {
	axe := read(t, sitetest.NodeModule(t, "axe-core/axe.min.js"))
	for name, public := range builtSites(t) {
		t.Run(name, func(t *testing.T) {
			base, ctx, requests := browser(t, public)
			pages := htmlPages(t, public)
			pages = append(pages, "/en/no-such-page/") // a static host's 404
			if len(pages) < 45 {                       // every page of the fixture, both languages
				t.Fatalf("only %d pages", len(pages))
			}
			for _, page := range pages {
				run(t, ctx, page, chromedp.Navigate(base+page))
				for _, v := range run(t, ctx, page, chromedp.Evaluate[[]string](cspSeen)) {
					t.Errorf("%s: the Content-Security-Policy %s", page, v)
				}
				for _, v := range violations(t, ctx, axe, page) {
					t.Errorf("%s: %s", page, v)
				}
			}
			for _, r := range requests() {
				if !strings.HasPrefix(r, base+"/") && !strings.HasPrefix(r, "data:") {
					t.Errorf("a page asked another host: %s", r)
				}
			}
		})
	}
}

// Search, through the site's own Pagefind bundle, from the search page with
// the keyboard, on the fixture and on the project's site: in English it
// finds English pages only, in French French pages only (a threat actor, a
// glossary term); the status line, a live region, says how many were
// found; the page with its results has no accessibility violation.
// Excerpts keep a space between the words of adjacent blocks (a threat
// actor's facts, a definition list: "Also known as Fixture Panda", not
// "asFixture"). A French word is found after an elision (l’, d’…), which
// Pagefind reads as part of it. The link to the other language keeps the query, and the
// search page runs the query of its address on arrival (as the header's
// search box sends it).
func TestSearchInABrowser(t *testing.T) {
	axe := read(t, sitetest.NodeModule(t, "axe-core/axe.min.js"))
	searches := map[string][]searchCase{
		"fixture": {
			{"/en/search/", "APT99", "/en/threat-actors/apt99/", nil},
			{"/fr/recherche/", "APT99", "/fr/auteurs-de-menace/apt99/", nil},
			{"/en/search/", "Fixture Panda", "/en/threat-actors/apt99/", []string{"as Fixture Panda", "Typhoon Sponsor A fictional"}},
			{"/fr/recherche/", "Fixture Panda", "/fr/auteurs-de-menace/apt99/", []string{"Autres noms Fixture Panda", "Typhoon Commanditaire Un service"}},
			{"/en/search/", "privilege escalation", "/en/glossary/privilege-escalation/", nil},
			{"/fr/recherche/", "élévation de privilèges", "/fr/glossaire/elevation-de-privileges/", nil},
			{"/fr/recherche/", "pare-feu", "/fr/glossaire/pare-feu/", nil},
		},
		"site": {
			{"/en/search/", "APT40", "/en/threat-actors/apt40/", nil},
			{"/fr/recherche/", "APT31", "/fr/auteurs-de-menace/apt31/", nil},
			{"/en/search/", "Mudcarp", "/en/threat-actors/apt40/", []string{"as Kryptonite", "Mudcarp Sponsor Ministry"}},
			{"/fr/recherche/", "Kryptonite", "/fr/auteurs-de-menace/apt40/", []string{"Autres noms Kryptonite", "Mudcarp Commanditaire"}},
			{"/en/search/", "spear-phishing", "/en/glossary/spear-phishing/", nil},
			{"/fr/recherche/", "harponnage", "/fr/glossaire/harponnage/", nil},
			// A word the page writes only after an elision (« l’hameçonnage »).
			{"/fr/recherche/", "hameçonnage", "/fr/conseils/amf-resistante-hameconnage/", nil},
		},
	}
	for name, public := range builtSites(t) {
		t.Run(name, func(t *testing.T) {
			base, ctx, requests := browser(t, public)
			for _, tc := range searches[name] {
				search(t, ctx, axe, base, tc)
			}
			// The link to the other language carries the query to its
			// search page, which runs it on arrival.
			last := searches[name][0]
			search(t, ctx, axe, base, last)
			other := run(t, ctx, "the language link", chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[hreflang][rel~=alternate]")].map(a => a.href)`))
			if len(other) == 0 {
				t.Fatalf("%s: no link to the other language", last.page)
			}
			for _, href := range other {
				if q := run(t, ctx, "the language link", chromedp.Evaluate[string](`new URL(`+strconv.Quote(href)+`).searchParams.get("q") ?? ""`)); q != last.query {
					t.Errorf("%s after a search for %q: the link to the other language is %s, want the query with it", last.page, last.query, href)
				}
			}
			run(t, ctx, "the language link", chromedp.Navigate(other[0]))
			run(t, ctx, other[0], chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length > 0`, chromedp.WithPollingTimeout(20*time.Second)))
			arrived := run(t, ctx, other[0], chromedp.Evaluate[[]string](`[document.getElementById("search-query").value, document.getElementById("search-status").textContent]`))
			if arrived[0] != last.query || !strings.Contains(arrived[1], last.query) {
				t.Errorf("%s: the field and the status line say %q, want the query %q", other[0], arrived, last.query)
			}
			// Without JavaScript, the page says that search needs it, and
			// shows no form that would do nothing.
			scripts := func(disabled bool) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
					_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: disabled})
					return err
				})
			}
			run(t, ctx, "no JavaScript", scripts(true))
			run(t, ctx, "no JavaScript", chromedp.Navigate(base+"/fr/recherche/"))
			shown := run(t, ctx, "no JavaScript", chromedp.Evaluate[[]bool](`[".search__form", ".search__noscript"].map(s => { const e = document.querySelector(s); return e !== null && e.getClientRects().length > 0 })`))
			run(t, ctx, "no JavaScript", scripts(false))
			if !slices.Equal(shown, []bool{false, true}) {
				t.Errorf("without JavaScript, the form and the note are shown: %v, want [false true]", shown)
			}
			for _, r := range requests() {
				if !strings.HasPrefix(r, base+"/") && !strings.HasPrefix(r, "data:") {
					t.Errorf("the search asked another host: %s", r)
				}
			}
		})
	}
}

// searchCase is a query typed in a search page, a page it finds, and
// texts that the page's excerpt has.
type searchCase struct {
	page, query, want string
	excerpt           []string
}

// resultsSaid are the words of the status line after the number of results,
// for one result and for more, by language.
var resultsSaid = map[string][2]string{"en": {" result for", " results for"}, "fr": {" résultat pour", " résultats pour"}}

// search types a query in a search page and checks what it finds.
func search(t *testing.T, ctx context.Context, axe, base string, tc searchCase) {
	t.Helper()
	page, query, want := tc.page, tc.query, tc.want
	lang := strings.Split(page, "/")[1]
	what := page + " " + query
	run(t, ctx, what, chromedp.Navigate(base+page))
	run(t, ctx, what, chromedp.SendKeys(chromedp.CSS("#search-query"), query+kb.Enter))
	run(t, ctx, what, chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length > 0 || document.getElementById("search-status").textContent.includes("”")`, chromedp.WithPollingTimeout(20*time.Second)))
	found := run(t, ctx, what, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a")].map(a => new URL(a.href).pathname)`))
	// Each result says what it is, and its excerpt is its text, not the
	// page's furniture.
	first := run(t, ctx, what, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li:first-child :is(.search__type, .search__excerpt)")].map(e => e.textContent)`))
	status := run(t, ctx, what, chromedp.Text(chromedp.CSS("#search-status")))
	live := run(t, ctx, what, chromedp.AttributeValue(chromedp.CSS("#search-status"), "role")).Value
	// The keyboard goes from the field to the button, then to the first
	// result.
	run(t, ctx, what, chromedp.KeyEvent(kb.Tab))
	run(t, ctx, what, chromedp.KeyEvent(kb.Tab))
	focused := run(t, ctx, what, chromedp.Evaluate[string](`new URL(document.activeElement.href || location.href).pathname`))
	if len(first) != 2 || first[0] == "" || strings.Contains(first[1], first[0]) {
		t.Errorf("%s: the first result's type and excerpt: %q", what, first)
	}
	if !slices.Contains(found, want) {
		t.Errorf("%s found %v, want %s among them (status: %q)", what, found, want, status)
	}
	for _, f := range found {
		if !strings.HasPrefix(f, "/"+lang+"/") {
			t.Errorf("%s found %s, a page in another language", what, f)
		}
	}
	said := resultsSaid[lang][1]
	if len(found) == 1 {
		said = resultsSaid[lang][0]
	}
	// More than a page of results: the status says how many in all.
	count := strconv.Itoa(len(found))
	if run(t, ctx, what, chromedp.Evaluate[bool](`!document.getElementById("search-more").hidden`)) {
		n, _ := strconv.Atoi(strings.Fields(status)[0])
		if n <= len(found) {
			t.Errorf("%s: %d results shown, a button for more, and the status says %q", what, len(found), status)
		}
		count = strconv.Itoa(n)
	}
	if live != "status" || !strings.Contains(status, query) || !strings.HasPrefix(status, count+said) {
		t.Errorf("%s: the status line (role %q) says %q for %s results, want %q", what, live, status, count, count+said+"…")
	}
	if len(tc.excerpt) > 0 {
		excerpt := run(t, ctx, what, chromedp.Evaluate[string](`[...document.querySelectorAll("#search-results li")].find(li => new URL(li.querySelector("a").href).pathname === `+strconv.Quote(want)+`)?.querySelector(".search__excerpt").textContent ?? ""`))
		for _, words := range tc.excerpt {
			if !strings.Contains(excerpt, words) {
				t.Errorf("%s: the excerpt of %s is %q, want %q in it", what, want, excerpt, words)
			}
		}
	}
	if len(found) > 0 && focused != found[0] {
		t.Errorf("%s: two tabs from the field reach %s, want the first result %s", what, focused, found[0])
	}
	for _, v := range run(t, ctx, what, chromedp.Evaluate[[]string](cspSeen)) {
		t.Errorf("%s: the Content-Security-Policy %s", what, v)
	}
	for _, v := range violations(t, ctx, axe, what) {
		t.Errorf("%s with results: %s", what, v)
	}
}

// The Nu Html Checker (vnu) finds no error in any page of the fixture or of
// the project's site, nor in the stylesheet.
func TestPagesAreValidHTML(t *testing.T) {
	vnu := sitetest.NodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java := sitetest.Command(t, "java", "apt-get install default-jre-headless")
	for name, public := range builtSites(t) {
		t.Run(name, func(t *testing.T) {
			out, err := exec.Command(java, "-jar", vnu, "--errors-only", "--also-check-css", "--format", "json", "--skip-non-html", public).CombinedOutput()
			var report struct {
				Messages []struct {
					URL        string `json:"url"`
					Type       string `json:"type"`
					Message    string `json:"message"`
					LastLine   int    `json:"lastLine"`
					LastColumn int    `json:"lastColumn"`
					Extract    string `json:"extract"`
				} `json:"messages"`
			}
			if jsonErr := json.Unmarshal(out, &report); jsonErr != nil {
				t.Fatalf("vnu: %v, %v\n%s", err, jsonErr, out)
			}
			for _, m := range report.Messages {
				t.Errorf("%s:%d:%d: %s: %s (%q)", strings.TrimPrefix(m.URL, "file:"+public), m.LastLine, m.LastColumn, m.Type, m.Message, m.Extract)
			}
			if err != nil && len(report.Messages) == 0 {
				t.Fatalf("vnu: %v\n%s", err, out)
			}
		})
	}
}

// builtSites are the fixture and the project's site, built, by name.
func builtSites(t *testing.T) map[string]string {
	return map[string]string{"fixture": builtSite(t), "site": builtRealSite(t)}
}

// htmlPages returns the address of every HTML page of a built site.
func htmlPages(t *testing.T, public string) []string {
	var pages []string
	err := filepath.WalkDir(public, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(file) != ".html" {
			return err
		}
		page := "/" + filepath.ToSlash(strings.TrimPrefix(file, public+string(filepath.Separator)))
		pages = append(pages, strings.TrimSuffix(page, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
