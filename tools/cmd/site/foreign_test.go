package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"golang.org/x/net/html"
)

// foreignMarkdown is each way a page's Markdown asked another site for
// something, wrote an inline style or an attribute of its own, or sent a
// link elsewhere than it says, in the English fixture bulletin's body.
const foreignMarkdown = `## Why {style="position:fixed" id="main"}

![A chart](https://evil.example/a.png) and ![a map](//evil.example/b.png) and ![a pixel][p], [a link](//evil.example) and [another](https://example.org/).

[p]: https://evil.example/c.gif
`

// foreignShortcodes embed another site's page and fetch an image.
const foreignShortcodes = `
{{< youtube 0RKpf3rK57I >}}

{{< figure src="https://evil.example/f.png" >}}
`

// Their French, block for block, with none of it.
const (
	frenchMarkdown = `## Pourquoi

Un graphique, une carte, un pixel, [un lien][p] et [un autre](https://example.org/).

[p]: /fr/
`
	frenchShortcodes = `
Une vidéo.

Une image.
`
)

// withBodies is the fixture with the bulletin's body replaced in each
// language.
func withBodies(t *testing.T, en, fr string) string {
	t.Helper()
	files := map[string]string{}
	for lang, body := range map[string]string{"en": en, "fr": fr} {
		file := "content/bulletins/fixture-bulletin." + lang + ".md"
		src := sitetest.Files(sitetest.Fixture)[file]
		end := strings.Index(src, "+++\n## ")
		if end < 0 {
			t.Fatalf("the fixture's %s has changed: update the test", file)
		}
		files[file] = src[:end+4] + body
	}
	return fixture(t, sitetest.Archive(files))
}

// TestNothingForeignReachesThePage: site build refuses each of them, at
// its place, and writes nothing.
func TestNothingForeignReachesThePage(t *testing.T) {
	const at = "content/bulletins/fixture-bulletin.en.md:"
	const image = `, from another site; a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)`
	const shortcode = `, which this site does not have; this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)`
	expectRefused(t, withBodies(t, foreignMarkdown+foreignShortcodes, frenchMarkdown+frenchShortcodes), []string{
		at + `15:9: body: the "en" (English) text gives the heading "Why" the attribute style="position:fixed", but a heading takes only an id, {#…}, and classes, {.…}; remove it: the site's stylesheet gives every heading its look`,
		at + `15:32: body: the "en" (English) text gives the heading "Why" the id "main", which the page's layout already uses; give the heading an id of its own, written {#…} at the end of its line`,
		at + `17:1: body: the "en" (English) text shows the image "https://evil.example/a.png"` + image,
		at + `17:44: body: the "en" (English) text shows the image "//evil.example/b.png"` + image,
		at + `17:79: body: the "en" (English) text shows the image "https://evil.example/c.gif"` + image,
		at + `17:103: body: the "en" (English) text links to "//evil.example", an address of another site without its https:; write the whole address, https://evil.example, or link to a page of this site with its path`,
		at + `21:1: body: the "en" (English) text holds the shortcode {{< youtube >}}` + shortcode,
		at + `23:1: body: the "en" (English) text holds the shortcode {{< figure >}}` + shortcode,
	})
}

// TestMarkdownIsHarmlessWithoutTheCheck builds the same Markdown with Hugo
// alone, as go tool hugo server does without the check: the render hooks
// of layouts/_markup keep the page to its policy all the same. An image
// from another site is its description, a heading has no style, and a
// link to //host stays one (Hugo's own hook made it a link to /en/). Only
// the check stops Hugo's built-in shortcodes, which are left out here.
func TestMarkdownIsHarmlessWithoutTheCheck(t *testing.T) {
	// Hugo's players of other sites are turned off in config.toml; code
	// is highlighted with classes, and a table's alignment is a class
	// (both gave inline styles).
	// (The layout's id="main" given to a heading is refused by the build
	// itself, as an id two elements have: TestADuplicateIDOnABuiltPage….)
	root := withBodies(t, strings.Replace(foreignMarkdown, `id="main"`, `id="why"`, 1)+"\n{{< youtube 0RKpf3rK57I >}}\n\n{{< vimeo 146022717 >}}\n\n```go\nfmt.Println(\"x\")\n```\n\n| Step | When |\n|:--|--:|\n| Patch | First |\n", frenchMarkdown)
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	page := sitetest.ParseHTML(t, filepath.Join(dest, "en", "bulletins", "fixture-bulletin", "index.html"))
	var links []string
	sitetest.Elements(page, func(e *html.Node) {
		for _, a := range e.Attr {
			switch {
			case a.Key == "style":
				t.Errorf("<%s> has an inline style, %q", e.Data, a.Val)
			case a.Key == "src" && (strings.Contains(a.Val, ":") || strings.HasPrefix(a.Val, "//")):
				t.Errorf("<%s src=%q> asks another site", e.Data, a.Val)
			case a.Key == "href" && e.Data == "a":
				links = append(links, a.Val)
			}
		}
		if e.Data == "style" || e.Data == "iframe" {
			t.Errorf("the page has a <%s>", e.Data)
		}
	})
	body := sitetest.Text(page)
	for _, words := range []string{"A chart and a map and a pixel", "a link and another"} {
		if !strings.Contains(body, words) {
			t.Errorf("the page does not read %q: an image from another site is its description", words)
		}
	}
	if !strings.Contains(sitetest.Read(t, dest, "en/bulletins/fixture-bulletin/index.html"), `<td class="table__cell--right">First</td>`) {
		t.Error("the table's alignment is not its class")
	}
	if !slices.Contains(links, "//evil.example") {
		t.Errorf("the link to //evil.example is not kept as it is written: %q", links)
	}
}
