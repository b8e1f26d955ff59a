package render_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

// pageTemplate is what the page template puts on a page, read in the
// browser: the publisher's identity, the link to the other language in the
// top right corner of the header, the search box (a form sending q to the
// search page), the breadcrumb, "Date modified" and the footer's bands;
// the menu's rows; the header's height.
const pageTemplate = `(async () => {
  await document.fonts.ready;
  const header = document.querySelector("body > header.site-header");
  const language = header?.querySelector(".language-link a[hreflang]");
  const search = header?.querySelector("form[role=search] input[name=q]");
  const box = header?.getBoundingClientRect();
  const lang = language?.getBoundingClientRect();
  const menu = [...document.querySelectorAll(".site-menu__link")].filter(a => a.checkVisibility()).map(a => Math.round(a.getBoundingClientRect().top));
  // The section's menu and previous/next follow one order.
  const series = [...document.querySelectorAll(".section-menu li:not(.section-menu__all) a")].map(a => a.getAttribute("href"));
  const at = series.indexOf(document.querySelector(".section-menu [aria-current=page]")?.getAttribute("href"));
  const prev = document.querySelector(".prev-next__prev a")?.getAttribute("href") ?? null;
  const next = document.querySelector(".prev-next__next a")?.getAttribute("href") ?? null;
  const order = at < 0 || (prev === (series[at - 1] ?? null) && (at + 1 >= series.length || next === series[at + 1]));
  return {
    order,
    identity: !!header?.querySelector("a.identity .identity__name")?.textContent.trim(),
    language: !!language && lang.right > box.right - 40 && lang.top < box.top + 40,
    search: !!search && new URL(search.form.action).pathname.length > 1,
    breadcrumb: !!document.querySelector("nav.breadcrumbs li a"),
    modified: /^\d{4}-\d{2}-\d{2}$/.test(document.querySelector(".date-modified time")?.textContent ?? ""),
    footer: document.querySelectorAll("footer .site-footer__main a, footer .site-footer__sub a").length >= 4,
    menuRows: new Set(menu.filter(t => t > 0)).size,
    headerHeight: Math.round(box.height),
  };
})()`

type templateSeen struct {
	Order, Identity, Language, Search, Breadcrumb, Modified, Footer bool
	MenuRows, HeaderHeight                                          int
}

// Every page of the fixture, in both languages, carries the page template
// of Canada.ca: identity, language at the top right, search box,
// breadcrumb (the home page aside), "Date modified" and the footer, and
// its previous and next pages are those of its section's menu; at
// 1280 × 900 the main menu is one row; on a phone 390 wide the header is
// at most 120 pixels high, its menu folded into a button.
func TestEveryPageHasThePageTemplate(t *testing.T) {
	public := builtSite(t)
	base, ctx, _ := browser(t, public)
	for _, size := range []struct {
		width, height int64
		rows          int // the menu's rows of links shown
		maxHeader     int
	}{{1280, 900, 1, 200}, {390, 844, 0, 120}} {
		run(t, ctx, "the window's size", chromedp.EmulateViewport(size.width, size.height))
		for _, page := range htmlPages(t, public) {
			if strings.HasSuffix(page, "/404.html") || page == "/" {
				continue // the root's language page and the 404 pages have their own
			}
			run(t, ctx, page, chromedp.Navigate(base+page))
			got := run(t, ctx, page, chromedp.Evaluate[templateSeen](pageTemplate, chromedp.EvalAwaitPromise))
			home := page == "/en/" || page == "/fr/"
			for what, ok := range map[string]bool{
				"the identity": got.Identity, "the language link at the top right": got.Language,
				"the search box": got.Search, "the breadcrumb": got.Breadcrumb || home,
				"Date modified": got.Modified, "the footer's links": got.Footer,
				"previous and next in the order of the section's menu": got.Order,
			} {
				if !ok {
					t.Errorf("%d px: %s has no %s", size.width, page, what)
				}
			}
			if got.MenuRows != size.rows {
				t.Errorf("%d px: %s shows the menu on %d rows, want %d", size.width, page, got.MenuRows, size.rows)
			}
			if got.HeaderHeight > size.maxHeader {
				t.Errorf("%d px: %s has a header %d px high, want %d at most", size.width, page, got.HeaderHeight, size.maxHeader)
			}
		}
	}
}

// What the reader came for is on the first screen at 1280 × 900: a
// timeline's first event, a bulletin's recommended measures.
func TestFirstScreen(t *testing.T) {
	public := builtRealSite(t)
	base, ctx, _ := browser(t, public)
	run(t, ctx, "the window's size", chromedp.EmulateViewport(1280, 900))
	for page, what := range map[string]string{
		"/en/timelines/parliamentarians-email-tracking-2021/":        ".event",
		"/fr/chronologies/parlementaires-liens-de-suivi-2021/":       ".event",
		"/en/bulletins/prc-activity-against-canadian-governments/":   ".measures-brief li",
		"/fr/bulletins/activite-rpc-contre-gouvernements-canadiens/": ".measures-brief li",
	} {
		run(t, ctx, page, chromedp.Navigate(base+page))
		top := run(t, ctx, page, chromedp.Evaluate[float64](`document.fonts.ready.then(() => document.querySelector(`+"`"+what+"`"+`)?.getBoundingClientRect().top ?? 1e9)`, chromedp.EvalAwaitPromise))
		if top > 900-40 {
			t.Errorf("%s: the first %s starts %.0f px down, below the first screen", page, what, top)
		}
	}
}

// A bulletin and a timeline print, on Letter as on A4, without the
// header's menu, search and language link or the footer, and with the
// address of each link of the text written after it.
func TestPagesPrint(t *testing.T) {
	public := builtSite(t)
	base, ctx, _ := browser(t, public)
	run(t, ctx, "print", chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	const printed = `(() => {
  const shown = s => [...document.querySelectorAll(s)].some(e => e.checkVisibility());
  const link = [...document.querySelectorAll("main a[href]")].find(a => !a.getAttribute("href").startsWith("#") && !a.classList.contains("term"));
  return {
    furniture: ["body > header .site-menu", "body > header .site-search", "body > header .language-link", "body > footer", ".breadcrumbs"].filter(shown),
    address: link ? getComputedStyle(link, "::after").content : "",
    href: link?.getAttribute("href") ?? "",
  };
})()`
	for _, page := range []string{"/en/bulletins/fixture-bulletin/", "/fr/chronologies/chronologie-essai/"} {
		run(t, ctx, page, chromedp.Navigate(base+page))
		got := run(t, ctx, page, chromedp.Evaluate[struct {
			Furniture     []string
			Address, Href string
		}](printed))
		if len(got.Furniture) > 0 {
			t.Errorf("%s prints %v", page, got.Furniture)
		}
		if got.Href == "" || !strings.Contains(got.Address, got.Href) {
			t.Errorf("%s prints its link to %q as %s", page, got.Href, got.Address)
		}
		for _, paper := range []struct {
			name          string
			width, height float64 // inches
		}{{"Letter", 8.5, 11}, {"A4", 8.27, 11.69}} {
			pdf := run(t, ctx, page, chromedp.Action[[]byte](func(ctx context.Context, target *chromedp.Target) ([]byte, error) {
				r, err := cdp.Call(ctx, target, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PaperWidth: paper.width, PaperHeight: paper.height})
				if err != nil {
					return nil, err
				}
				return r.Data, nil
			}))
			if !strings.HasPrefix(string(pdf), "%PDF") || len(pdf) < 5000 {
				t.Errorf("%s on %s: no PDF (%d bytes)", page, paper.name, len(pdf))
			}
		}
	}
}

// A federal institution's pages show the Government of Canada's signature
// in the page's language instead of the publisher's logo, and the Canada
// wordmark in the footer; the files are the institution's, and a build
// without them fails.
func TestFederalIdentity(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	sitetest.Edit(t, root, "config.toml", "federal = false", `federal = true
signature = "images/identity/signature.svg"
wordmark = "images/identity/wordmark.svg"`)
	public := filepath.Join(t.TempDir(), "public")
	err := render.Build(root, public, render.BuildOptions{Quiet: true})
	if err == nil {
		// Hugo's log (standard error) says which setting.
		t.Fatal("a build without the signature's file succeeded")
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 1"><rect width="10" height="1"/></svg>`
	sitetest.Write(t, root, map[string]string{"assets/images/identity/signature.svg": svg, "assets/images/identity/wordmark.svg": svg})
	if err := render.Build(root, public, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{"en/index.html": "Government of Canada", "fr/index.html": "Gouvernement du Canada"} {
		var signature, logo, wordmark bool
		sitetest.Elements(sitetest.ParseHTML(t, filepath.Join(public, page)), func(n *html.Node) {
			switch {
			case sitetest.HasClass(n, "identity__signature"):
				signature = sitetest.Attr(n, "alt") == want
			case sitetest.HasClass(n, "identity__logo"):
				logo = true
			case sitetest.HasClass(n, "site-footer__wordmark"):
				wordmark = sitetest.Attr(n, "alt") != ""
			}
		})
		if !signature || logo || !wordmark {
			t.Errorf("%s: signature %q %v, logo %v, wordmark %v", page, want, signature, logo, wordmark)
		}
	}
}
