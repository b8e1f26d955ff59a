package render_test

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/synthetic"
	"golang.org/x/net/html"
)

// Readers on phones and slow links get small pages: a page's HTML and its
// stylesheet, gzipped as a server sends them, weigh at most 20 KB at the
// median and 60 KB at the most (a tenth of the Government of Canada's
// 200 KB target), and the only script is the search page's, loaded there
// alone, fingerprinted and with its integrity hash.
const (
	medianWeight = 20_000
	maxWeight    = 60_000
)

func TestPageWeightOfTheRealSite(t *testing.T) {
	checkPageWeight(t, builtRealSite(t))
}

// A large archive stays as light: a section's menu and lists do not grow
// with it on every page.
func TestPageWeightOfA10000EventSite(t *testing.T) {
	root := t.TempDir()
	if err := synthetic.Write(sitetest.Root(t), root, synthetic.ScaleFor(10_000)); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true, Minify: true, Segment: "pages"}); err != nil {
		t.Fatal(err)
	}
	checkPageWeight(t, dest)
}

func checkPageWeight(t *testing.T, public string) {
	t.Helper()
	gzipped := map[string]int{} // by file, relative to public
	weigh := func(rel string) int {
		if n, ok := gzipped[rel]; ok {
			return n
		}
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		w, _ := gzip.NewWriterLevel(&out, gzip.DefaultCompression)
		w.Write(b)
		w.Close()
		gzipped[rel] = out.Len()
		return out.Len()
	}
	type page struct {
		path   string
		weight int
	}
	var pages []page
	err := filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") || strings.Contains(path, "/pagefind/") {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		rel = filepath.ToSlash(rel)
		weight := weigh(rel)
		sitetest.Elements(sitetest.ParseHTML(t, path), func(n *html.Node) {
			switch {
			case n.Data == "link" && sitetest.Attr(n, "rel") == "stylesheet":
				weight += weigh(localPath(t, rel, sitetest.Attr(n, "href")))
			case n.Data == "script" && sitetest.Attr(n, "type") != "application/ld+json": // JSON-LD is data, not a script
				src := sitetest.Attr(n, "src")
				if !strings.Contains(src, "/js/search.") || sitetest.Attr(n, "integrity") == "" {
					t.Errorf("%s loads a script other than search, or without its integrity hash: %q", rel, src)
				}
				if dir := strings.TrimSuffix(rel, "index.html"); !strings.HasSuffix(dir, "/search/") && !strings.HasSuffix(dir, "/recherche/") {
					t.Errorf("%s is not the search page but loads %s", rel, src)
				}
			}
		})
		pages = append(pages, page{rel, weight})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("no pages were built")
	}
	slices.SortFunc(pages, func(a, b page) int { return a.weight - b.weight })
	median, heaviest := pages[len(pages)/2], pages[len(pages)-1]
	t.Logf("%d pages, HTML and CSS gzipped: median %d bytes (%s), most %d bytes (%s)", len(pages), median.weight, median.path, heaviest.weight, heaviest.path)
	if median.weight > medianWeight {
		t.Errorf("the median page weighs %d bytes gzipped (%s), more than %d", median.weight, median.path, medianWeight)
	}
	for _, p := range pages {
		if p.weight > maxWeight {
			t.Errorf("%s weighs %d bytes gzipped, more than %d", p.path, p.weight, maxWeight)
		}
	}
}

// localPath is the file of public a page's link points to: an address on
// the site, relative to the page or to the site's root.
func localPath(t *testing.T, page, href string) string {
	t.Helper()
	if strings.Contains(href, "://") || strings.HasPrefix(href, "//") {
		t.Fatalf("%s links to another host: %s", page, href)
	}
	if strings.HasPrefix(href, "/") {
		return strings.TrimPrefix(href, "/")
	}
	return filepath.ToSlash(filepath.Join(filepath.Dir(page), href))
}
