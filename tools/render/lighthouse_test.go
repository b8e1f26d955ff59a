package render_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// lighthouseMinimum is the least score of each category of Lighthouse's
// that the pages must reach, in the order the report gives them
// (performance first).
var lighthouseMinimum = []struct {
	category string
	score    float64
}{
	{"performance", 0.95},
	{"accessibility", 1},
	{"best-practices", 1},
	{"seo", 1},
}

// The fixture's pages Lighthouse checks: the home page, a timeline, a
// bulletin, a threat actor and the search page, with a search run.
var lighthousePages = []string{
	"/en/", "/fr/",
	"/en/timelines/fixture/", "/fr/chronologies/chronologie-essai/",
	"/en/bulletins/fixture-bulletin/", "/fr/bulletins/bulletin-essai/",
	"/en/threat-actors/apt99/", "/fr/auteurs-de-menace/apt99/",
	"/en/search/?q=firewall", "/fr/recherche/?q=pare-feu",
}

// lighthouseReport is what the test reads of Lighthouse's JSON report.
type lighthouseReport struct {
	// Set when Lighthouse could not audit the page (it did not load).
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	Categories map[string]struct {
		Title     string  `json:"title"`
		Score     float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
			Group  string  `json:"group"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits      map[string]lighthouseAudit `json:"audits"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"`
	} `json:"environment"`
}

type lighthouseAudit struct {
	Title        string   `json:"title"`
	Score        *float64 `json:"score"` // null: not applicable, or informative
	DisplayValue string   `json:"displayValue"`
	Details      struct {
		// A list, for most audits; a few (the insights') have an
		// object instead, which items skips.
		Items json.RawMessage `json:"items"`
	} `json:"details"`
}

// lighthouseItem is what found reads of an item an audit found.
type lighthouseItem struct {
	URL         string `json:"url"`
	Description string `json:"description"`
	Node        struct {
		Selector string `json:"selector"`
		Snippet  string `json:"snippet"`
	} `json:"node"`
	Source struct {
		URL string `json:"url"`
	} `json:"sourceLocation"`
}

// items returns the list of what an audit found, if it is a list.
func (a lighthouseAudit) items() []lighthouseItem {
	var items []lighthouseItem
	if json.Unmarshal(a.Details.Items, &items) != nil {
		return nil
	}
	return items
}

// Lighthouse, as a release is checked: on a page of each kind, in both
// languages, at phone settings (its default: a mobile screen, simulated
// slow 4G and a slower processor), accessibility, best practices and SEO
// score 100 and performance at least 95, and the page asks nothing of
// another host. A failure names each audit that lost points, with what it
// found (the element, the address), so that a developer sees what to fix.
// The site is served as a static host serves it, compressed. The pages are
// audited one after the other, each in a Chromium of its own: on CI's two
// processors, runs side by side slow each other down, and the performance
// score with them.
func TestLighthouse(t *testing.T) {
	lighthouse := sitetest.NodeModule(t, ".bin/lighthouse")
	sitetest.Command(t, "node", "apt-get install nodejs")
	chromium := chromiumPath(t)
	server := httptest.NewServer(gzipped(staticHost(builtSite(t))))
	t.Cleanup(server.Close)
	for _, page := range lighthousePages {
		t.Run(strings.Trim(page, "/"), func(t *testing.T) {
			report := runLighthouse(t, lighthouse, chromium, server.URL+page)
			// Performance is the one score measured on this machine's
			// processor: when others keep it busy, Lighthouse's
			// simulation multiplies their delay. When it falls short, the
			// page is audited again and the better run counts (Lighthouse
			// advises several runs); a page that is slow is slow in both.
			if perf := report.Categories["performance"].Score; perf < lighthouseMinimum[0].score {
				if again := runLighthouse(t, lighthouse, chromium, server.URL+page); again.Categories["performance"].Score > perf {
					report = again
				}
			}
			var scores []string
			for _, minimum := range lighthouseMinimum {
				c, ok := report.Categories[minimum.category]
				if !ok {
					t.Errorf("%s: no %s score in the report", page, minimum.category)
					continue
				}
				scores = append(scores, fmt.Sprintf("%s %.0f", minimum.category, c.Score*100))
				if c.Score >= minimum.score {
					continue
				}
				t.Errorf("%s: %s %.0f, want at least %.0f", page, c.Title, c.Score*100, minimum.score*100)
				if minimum.category == "performance" {
					t.Errorf("  (the processor's benchmark index in this run, higher when faster: %.0f)", report.Environment.BenchmarkIndex)
				}
				for _, ref := range c.AuditRefs {
					a := report.Audits[ref.ID]
					// What counts in the score, and in performance the
					// diagnostics Lighthouse's report shows as failed
					// (what to do to better the metrics).
					lost := a.Score != nil && (ref.Weight > 0 && *a.Score < 1 || ref.Group == "diagnostics" && *a.Score < 0.9)
					if lost {
						t.Errorf("  %s (%s, score %.2f%s)%s", ref.ID, a.Title, *a.Score, withValue(a.DisplayValue), a.found())
					}
				}
			}
			t.Logf("%s: %s", page, strings.Join(scores, ", "))
			// Lighthouse's list of every request the page made: none to
			// another host.
			requests := report.Audits["network-requests"].items()
			if len(requests) == 0 {
				t.Errorf("%s: no list of the page's requests in the report", page)
			}
			for _, r := range requests {
				if !strings.HasPrefix(r.URL, server.URL+"/") && !strings.HasPrefix(r.URL, "data:") {
					t.Errorf("%s asked another host: %s", page, r.URL)
				}
			}
		})
	}
}

// gzipped compresses text as static hosts do (Netlify, Cloudflare Pages,
// nginx with gzip on): Lighthouse works out load times from the bytes
// sent, and would find the pages slower than they are.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		h.ServeHTTP(gw, r)
		if gw.gz != nil {
			gw.gz.Close()
		}
	})
}

// gzipWriter compresses a response whose type is text (HTML, CSS,
// JavaScript, JSON, SVG); Pagefind's index, compressed already, images,
// and responses without a body (304) go as they are.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (w *gzipWriter) WriteHeader(status int) {
	if !w.decided {
		w.decided = true
		h := w.Header()
		kind := h.Get("Content-Type")
		if status != http.StatusNotModified && (strings.HasPrefix(kind, "text/") || strings.Contains(kind, "javascript") || strings.Contains(kind, "json") || strings.Contains(kind, "svg")) {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			h.Add("Vary", "Accept-Encoding")
			w.gz = gzip.NewWriter(w.ResponseWriter)
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	if !w.decided {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	if w.gz != nil {
		return w.gz.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// runLighthouse runs Lighthouse's command on a page, with Debian's
// Chromium, headless and without any request of its own (updates,
// synchronization, error reports), and returns its report.
func runLighthouse(t *testing.T, lighthouse, chromium, url string) *lighthouseReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var categories []string
	for _, minimum := range lighthouseMinimum {
		categories = append(categories, minimum.category)
	}
	cmd := exec.CommandContext(ctx, lighthouse, url,
		"--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync",
		"--only-categories="+strings.Join(categories, ","),
		"--output=json", "--output-path=stdout", "--quiet", "--no-enable-error-reporting",
		// The screenshot of the whole page, for the report's viewer
		// alone, takes a second.
		"--disable-full-page-screenshot")
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("lighthouse %s: %v\n%s", url, err, stderr.String())
	}
	var report lighthouseReport
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("lighthouse %s: its report: %v", url, err)
	}
	if e := report.RuntimeError; e != nil {
		t.Fatalf("lighthouse could not audit %s: %s: %s", url, e.Code, e.Message)
	}
	return &report
}

// withValue is an audit's measure, as Lighthouse words it, after a comma.
func withValue(v string) string {
	if v == "" {
		return ""
	}
	return ", " + v
}

// found lists, one a line, the first things an audit found: the element
// (its selector and its markup), or the address, or the message.
func (a lighthouseAudit) found() string {
	var b strings.Builder
	items := a.items()
	for i, item := range items {
		if i == 5 {
			fmt.Fprintf(&b, "\n      and %d more", len(items)-i)
			break
		}
		what := item.Node.Selector
		if item.Node.Snippet != "" {
			what = strings.TrimSpace(what + " " + item.Node.Snippet)
		}
		for _, s := range []string{item.URL, item.Source.URL, item.Description} {
			if s != "" {
				what = strings.TrimSpace(what + " " + s)
			}
		}
		if what != "" {
			b.WriteString("\n      " + what)
		}
	}
	return b.String()
}
