package render_test

import (
	"bytes"
	"compress/gzip"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/synthetic"
	"golang.org/x/image/webp"
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

// A first visit also loads the fonts the stylesheet declares (the GC
// Design System's, served by the site and kept a year by the browser):
// the page, its stylesheet and its fonts weigh at most 150 KB, under the
// Government of Canada's 200 KB.
const maxFirstVisit = 150_000

// An image is budgeted on its own, as it is loaded after the page, and
// only at the width the reader's screen needs: each of the widths Hugo
// makes of it (its srcset, in WebP) weighs at most 200 KB, the widest
// too, and it has its width and height, so that the text does not move
// when it arrives.
const maxImageWeight = 200_000

func TestPageWeightOfTheFixture(t *testing.T) {
	if images := checkPageWeight(t, builtSite(t)); images == 0 {
		t.Error("no image was weighed: the fixture's report shows one")
	}
}

// Hugo makes the widths screens need, and never enlarges an image: one
// narrower than a phone is offered at its own width, one wider than a
// screen of twice the density at 1440 pixels at most, each file as wide as
// srcset says. Its width and height are its size in the text column (704
// pixels at most), in proportion. A text of the data shows an image as a
// page's body does.
func TestImageWidths(t *testing.T) {
	const report, timeline = "content/reports/fixture-report.en.md", "data/timelines/fixture.toml"
	root := sitetest.New(t, sitetest.Fixture)
	sitetest.Edit(t, root, report, "(/images/exploits-by-month.png)", "(/images/small.png)")
	sitetest.Edit(t, root, timeline, `text.en = "Known only by its year."`, `text.en = "Known only by its year. ![A photo](/images/large.jpg)"`)
	sitetest.Write(t, root, map[string]string{
		"assets/images/small.png": encodeImage(t, png.Encode, 300, 200),
		"assets/images/large.jpg": encodeImage(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) }, 2000, 1000),
	})
	public := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, public, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		page, alt     string
		widths        []int
		width, height string
	}{
		{"en/reports/fixture-report/index.html", "Exploits through firewalls, by month: from 20 in January to 40 in June", []int{300}, "300", "200"},
		{"en/timelines/fixture/index.html", "A photo", []int{480, 960, 1440}, "704", "352"},
	} {
		var img *html.Node
		sitetest.Elements(sitetest.ParseHTML(t, filepath.Join(public, tc.page)), func(n *html.Node) {
			if n.Data == "img" && sitetest.Attr(n, "alt") == tc.alt {
				img = n
			}
		})
		if img == nil {
			t.Errorf("%s has no image %q", tc.page, tc.alt)
			continue
		}
		var widths []int
		for candidate := range strings.SplitSeq(sitetest.Attr(img, "srcset"), ", ") {
			file, descriptor, _ := strings.Cut(candidate, " ")
			w, _ := strconv.Atoi(strings.TrimSuffix(descriptor, "w"))
			widths = append(widths, w)
			f, err := os.Open(filepath.Join(public, filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			config, err := webp.DecodeConfig(f)
			f.Close()
			if err != nil || config.Width != w {
				t.Errorf("%s: %s is %d pixels wide (%v), but srcset says %d", tc.page, file, config.Width, err, w)
			}
		}
		if !slices.Equal(widths, tc.widths) || sitetest.Attr(img, "width") != tc.width || sitetest.Attr(img, "height") != tc.height {
			t.Errorf("%s: widths %v, width %q, height %q; want %v, %q, %q", tc.page, widths, sitetest.Attr(img, "width"), sitetest.Attr(img, "height"), tc.widths, tc.width, tc.height)
		}
		if sitetest.Attr(img, "loading") != "lazy" || sitetest.Attr(img, "decoding") != "async" || sitetest.Attr(img, "style") != "" {
			t.Errorf("%s: the image is not lazy and asynchronous, or has a style: %v", tc.page, img.Attr)
		}
	}
}

// encodeImage returns an image of a size, in a format.
func encodeImage(t *testing.T, encode func(io.Writer, image.Image) error, width, height int) string {
	m := image.NewRGBA(image.Rect(0, 0, width, height))
	for x := range width {
		for y := range height {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

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

// checkPageWeight weighs every page of public, and every image they show;
// it returns how many images it weighed.
func checkPageWeight(t *testing.T, public string) (images int) {
	t.Helper()
	gzipped := map[string]int{} // by file, relative to public
	weighedImages := map[string]bool{}
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
	fonts := 0
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
				css := localPath(t, rel, sitetest.Attr(n, "href"))
				weight += weigh(css)
				fonts = max(fonts, fontsWeight(t, public, css))
			case n.Data == "script" && sitetest.Attr(n, "type") != "application/ld+json": // JSON-LD is data, not a script
				src := sitetest.Attr(n, "src")
				if !strings.Contains(src, "/js/search.") || sitetest.Attr(n, "integrity") == "" {
					t.Errorf("%s loads a script other than search, or without its integrity hash: %q", rel, src)
				}
				if dir := strings.TrimSuffix(rel, "index.html"); !strings.HasSuffix(dir, "/search/") && !strings.HasSuffix(dir, "/recherche/") {
					t.Errorf("%s is not the search page but loads %s", rel, src)
				}
			case n.Data == "img" && strings.HasSuffix(sitetest.Attr(n, "src"), ".svg"):
				// A drawing (the publisher's logo): one file for every
				// screen, part of the page.
				weight += weigh(localPath(t, rel, sitetest.Attr(n, "src")))
			case n.Data == "img":
				images++
				checkImage(t, public, rel, n, weighedImages)
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
	if fonts == 0 {
		t.Error("the stylesheet declares no font: the fonts were not weighed")
	}
	t.Logf("fonts %d bytes: a first visit to the heaviest page weighs %d bytes", fonts, heaviest.weight+fonts)
	if heaviest.weight+fonts > maxFirstVisit {
		t.Errorf("a first visit to %s weighs %d bytes with the fonts (%d), more than %d", heaviest.path, heaviest.weight+fonts, fonts, maxFirstVisit)
	}
	return images
}

// fontURL is a font a stylesheet declares.
var fontURL = regexp.MustCompile(`url\("?([^")]+\.woff2)"?\)`)

// fontsWeight is the weight of the fonts the stylesheet css (relative to
// public) declares, as they are sent (a WOFF2 file is compressed).
func fontsWeight(t *testing.T, public, css string) int {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(css)))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, m := range fontURL.FindAllStringSubmatch(string(src), -1) {
		info, err := os.Stat(filepath.Join(public, filepath.FromSlash(localPath(t, css, m[1]))))
		if err != nil {
			t.Errorf("%s declares the font %s: %v", css, m[1], err)
			continue
		}
		total += int(info.Size())
	}
	return total
}

// checkImage checks an image of a page: its width and height, and the
// weight and format of each file its srcset offers (each weighed once,
// in weighed).
func checkImage(t *testing.T, public, page string, img *html.Node, weighed map[string]bool) {
	t.Helper()
	src := sitetest.Attr(img, "src")
	for _, attr := range []string{"width", "height"} {
		if n, err := strconv.Atoi(sitetest.Attr(img, attr)); err != nil || n <= 0 {
			t.Errorf("%s: the image %s has no %s: the text moves when it arrives", page, src, attr)
		}
	}
	srcset := sitetest.Attr(img, "srcset")
	if srcset == "" || sitetest.Attr(img, "sizes") == "" {
		t.Errorf("%s: the image %s has no srcset or no sizes: every screen loads its one width", page, src)
	}
	for candidate := range strings.SplitSeq(srcset, ",") {
		file, _, _ := strings.Cut(strings.TrimSpace(candidate), " ")
		if weighed[file] {
			continue
		}
		weighed[file] = true
		if !strings.HasSuffix(file, ".webp") {
			t.Errorf("%s: the image %s offers %s, which is not WebP", page, src, file)
		}
		info, err := os.Stat(filepath.Join(public, filepath.FromSlash(localPath(t, page, file))))
		if err != nil {
			t.Errorf("%s: the image %s offers %s: %v", page, src, file, err)
		} else if info.Size() > maxImageWeight {
			t.Errorf("%s: the image %s offers %s, of %d bytes, more than %d: save its source with less detail (a chart with flat colours, a photo cropped to what matters)", page, src, file, info.Size(), maxImageWeight)
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
