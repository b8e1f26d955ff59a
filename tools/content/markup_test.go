package content_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

const bulletin = "content/bulletins/fixture-bulletin.en.md"

// body is an archive with the English fixture bulletin's text replaced by
// body, which starts on line 15 of its file.
func body(t *testing.T, text string) string {
	t.Helper()
	src := sitetest.Files(sitetest.Fixture)[bulletin]
	end := strings.Index(src, "+++\n## ")
	if end < 0 {
		t.Fatalf("the fixture's %s has changed: update the test", bulletin)
	}
	return add(bulletin, src[:end+4]+text)
}

// TestMarkupProblems: what a text holds that would make a page ask another
// site for something, write an inline style or an element's attribute, or
// give two elements of a page one id. Each is reported once, at its place,
// with every word of its message; the cases with no problem show what is
// still allowed.
func TestMarkupProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files func(t *testing.T) []string
		want  []string // every problem, as printed
	}{
		// Images: only the site's own.
		{
			// ![x](https://…) reached the page as <img src="https://…">:
			// the page asked another host, which only the CSP stopped.
			name: "an image from another site",
			files: func(t *testing.T) []string {
				return []string{body(t, "A chart: ![Chart](https://evil.example/a.png).\n")}
			},
			want: []string{bulletin + `:15:10: body: the "en" (English) text shows the image "https://evil.example/a.png", from another site; a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)`},
		},
		{
			// "//host/a.png" has no scheme: it is another site all the same.
			name:  "an image from another site without its scheme",
			files: func(t *testing.T) []string { return []string{body(t, "Text.\n\n![](//evil.example/a.png)\n")} },
			want:  []string{bulletin + `:17:1: body: the "en" (English) text shows the image "//evil.example/a.png", from another site; a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)`},
		},
		{
			// A reference-style image, whose address is written below it,
			// after a link to the same address: reported at the image,
			// not at the link, which is allowed.
			name: "a reference-style image",
			files: func(t *testing.T) []string {
				return []string{body(t, "See [the chart](https://evil.example/a.png), or here: ![the chart][c].\n\n[c]: https://evil.example/a.png\n")}
			},
			want: []string{bulletin + `:15:55: body: the "en" (English) text shows the image "https://evil.example/a.png", from another site; a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)`},
		},
		{
			// A data: image is not a web address: reported as that, once.
			name:  "an image that is not a web address",
			files: func(t *testing.T) []string { return []string{body(t, "An ![image](data:image/png;base64,AAAA).\n")} },
			want:  []string{bulletin + `:15:13: body: the "en" (English) text links to "data:image/png;base64,AAAA", which is not a web address; link to a page with https://…, or to a page of this site with its path`},
		},
		{
			name: "an image of the site, and links to other sites, are allowed",
			files: func(t *testing.T) []string {
				return []string{body(t, "![Chart](/images/exploits-by-month.png) [a page](https://example.org/) <https://example.org/> www.example.org\n"),
					edit(t, "content/bulletins/fixture-bulletin.fr.md", "occurrence est liée.\n", "occurrence est liée.\n\n![Graphique](/images/exploits-by-month.png)\n")}
			},
		},
		// Links to another site without a scheme.
		{
			// [x](//evil.example) became a link to /en/: Hugo's link hook
			// took it for a page of the site, with an empty path.
			name: "a link without its scheme",
			files: func(t *testing.T) []string {
				return []string{body(t, "A [link](https://evil.example/) and a [link](//evil.example), and [another](/\\evil.example/).\n")}
			},
			want: []string{
				bulletin + `:15:46: body: the "en" (English) text links to "//evil.example", an address of another site without its https:; write the whole address, https://evil.example, or link to a page of this site with its path`,
				bulletin + `:15:77: body: the "en" (English) text links to "/\\evil.example/", an address of another site without its https:; write the whole address, https://evil.example/, or link to a page of this site with its path`,
			},
		},
		// Shortcodes: none but the site's.
		{
			// {{< youtube >}} wrote a third-party iframe with an inline
			// style; {{< figure src="https://…" >}} a remote image; {{% %}}
			// the same with Markdown inside. Written {{</* … */>}}, a
			// shortcode is shown as it is written: allowed.
			name: "Hugo's shortcodes",
			files: func(t *testing.T) []string {
				return []string{body(t, "A video:\n\n{{< youtube 0RKpf3rK57I >}}\n\n{{< figure src=\"https://evil.example/f.png\" >}}\n\n{{% details summary=\"More\" %}}Text{{% /details %}}\n\nWritten as it is: `{{</* youtube id */>}}`.\n")}
			},
			want: []string{
				bulletin + `:17:1: body: the "en" (English) text holds the shortcode {{< youtube >}}, which this site does not have; this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)`,
				bulletin + `:19:1: body: the "en" (English) text holds the shortcode {{< figure >}}, which this site does not have; this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)`,
				bulletin + `:21:1: body: the "en" (English) text holds the shortcode {{% details %}}, which this site does not have; this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)`,
			},
		},
		{
			// Hugo reads shortcodes inside code too, and stops the build
			// on one it cannot read.
			name:  "a shortcode Hugo cannot read",
			files: func(t *testing.T) []string { return []string{body(t, "Code: `{{< youtube`.\n")} },
			want:  []string{bulletin + ":15:8: body: the \"en\" (English) text holds \"{{< youtube`.\", which Hugo reads as a shortcode, and cannot: unterminated raw string in shortcode parameter-argument: '.'; to show double braces as they are written, write {{</* … */>}}"},
		},
		{
			// The site's own shortcodes are allowed, and the others'
			// hint names them.
			name: "the site's own shortcodes",
			files: func(t *testing.T) []string {
				return []string{add("layouts/_shortcodes/note.html", "<aside class=\"note\">{{ .Inner }}</aside>\n"), body(t, "{{< note >}}A note.{{< /note >}}\n\n{{< vimeo 55073825 >}}\n")}
			},
			want: []string{bulletin + `:17:1: body: the "en" (English) text holds the shortcode {{< vimeo >}}, which this site does not have; the site's shortcodes are note (layouts/_shortcodes/); for anything else, write Markdown, or link to what it would show, [its title](https://…)`},
		},
		{
			// Hugo runs shortcodes in a text of the data too (RenderString):
			// an event's {{< figure >}} put another site's image on the
			// timeline page.
			name: "a shortcode in a text of the data",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `"Known only by its year."`, `"Known only by its year: {{< youtube x >}}."`)}
			},
			want: []string{`data/timelines/fixture.toml:52:36: event "2020-year-only": text: the "en" (English) text holds the shortcode {{< youtube >}}, which this site does not have; this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)`},
		},
		// Heading attributes: an id and classes.
		{
			// ## H {style="position:fixed" id="main"} wrote an inline
			// style, and a second id="main" beside the layout's <main>.
			name: "a style and the layout's id on a heading",
			files: func(t *testing.T) []string {
				return []string{body(t, "## Why {style=\"position:fixed\" data-id=\"x\" id=\"main\" .note onclick=\"alert(1)\"}\n\nText.\n")}
			},
			want: []string{
				bulletin + `:15:9: body: the "en" (English) text gives the heading "Why" the attribute style="position:fixed", but a heading takes only an id, {#…}, and classes, {.…}; remove it: the site's stylesheet gives every heading its look`,
				bulletin + `:15:32: body: the "en" (English) text gives the heading "Why" the attribute data-id="x", but a heading takes only an id, {#…}, and classes, {.…}; remove it: the site's stylesheet gives every heading its look`,
				bulletin + `:15:44: body: the "en" (English) text gives the heading "Why" the id "main", which the page's layout already uses; give the heading an id of its own, written {#…} at the end of its line`,
				bulletin + `:15:60: body: the "en" (English) text gives the heading "Why" the attribute onclick="alert(1)", but a heading takes only an id, {#…}, and classes, {.…}; remove it: the site's stylesheet gives every heading its look`,
			},
		},
		{
			// Setext headings take attributes too.
			name:  "an attribute on an underlined heading",
			files: func(t *testing.T) []string { return []string{body(t, "Why {data-x=1}\n===\n\nText.\n")} },
			want:  []string{bulletin + `:15:6: body: the "en" (English) text gives the heading "Why" the attribute data-x="1", but a heading takes only an id, {#…}, and classes, {.…}; remove it: the site's stylesheet gives every heading its look`},
		},
		{
			name:  "an id that is not an anchor",
			files: func(t *testing.T) []string { return []string{body(t, "## Why {#Why_Not}\n")} },
			want:  []string{bulletin + `:15:9: body: the "en" (English) text gives the heading "Why" the id "Why_Not", which cannot be an anchor; use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`},
		},
		// One id, one element of the page.
		{
			// Two headings with one id: the second's links go to the first.
			// A heading whose text makes a layout's id ("Main" is main) is
			// the same mistake; Hugo numbers the ids it makes itself
			// (intro, intro-1), which are allowed, and skips those taken
			// above (main-points-1).
			name: "two headings with one id",
			files: func(t *testing.T) []string {
				return []string{body(t, "## Intro\n\n## Intro\n\n## Main\n\n## A {#main-points .wide}\n\n## Main points\n\n## Why {#why}\n\n## Why again {#why}\n")}
			},
			want: []string{
				bulletin + `:19:1: body: the "en" (English) text has the heading "Main", which Hugo gives the id "main", which the page's layout already uses; give the heading an id of its own, written {#…} at the end of its line`,
				bulletin + `:27:15: body: the "en" (English) text gives the heading "Why again" the id "why", already the id of the heading "Why" in body; give the heading an id of its own, written {#…} at the end of its line`,
			},
		},
		{
			// Each text is rendered on its own: two of a page's texts can
			// give two headings one id. An event's anchor is an id too.
			name: "headings of two texts of a page, and an event's anchor",
			files: func(t *testing.T) []string {
				src := sitetest.Files(sitetest.Fixture)[timeline]
				src = strings.Replace(src, "A second paragraph.\n", "## Context\n\n## Later {#2022-07-14-later}\n", 1)
				src = strings.Replace(src, `text.en = "Known only by its year."`, `text.en = "## Context\n\nKnown only by its year."`, 1)
				return []string{add(timeline, src)}
			},
			want: []string{
				timeline + `:14:11: summary: the "en" (English) text gives the heading "Later" the id "2022-07-14-later", already the anchor of event "2022-07-14-later"; give the heading an id of its own, written {#…} at the end of its line`,
				timeline + `:54:12: event "2020-year-only": text: the "en" (English) text has the heading "Context", which Hugo gives the id "context", already the id of the heading "Context" in summary; give the heading an id of its own, written {#…} at the end of its line`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := load(t, tc.files(t)...)
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestBadCharacter: a text may hold no character a reader cannot see that
// is no space; tabs, line ends (a carriage return before a line feed
// too) and the no-break spaces French needs are text.
func TestBadCharacter(t *testing.T) {
	for _, tc := range []struct {
		text string
		bad  rune
		at   int
	}{
		{"Un texte\u202f; une ligne\r\nune autre\tet\u00a0fin", 0, -1},
		{"ab\u202ecd", '\u202e', 2},                   // a bidirectional control
		{"ab\u200bcd", '\u200b', 2},                   // a zero-width space
		{"ab\U000E0069\U000E0067cd", '\U000E0069', 2}, // a tag character: a hidden text
		{"ab\u2028cd", '\u2028', 2},                   // a line separator
		{"ab\rcd", '\r', 2},                           // a carriage return alone: a terminal goes back over the line
		{"ab\x1b[2Jcd", '\x1b', 2},                    // an escape
		{"ab\xffcd", utf8.RuneError, 2},               // not UTF-8
		{"ab\ufffdcd", 0, -1},                         // the replacement character itself is text
	} {
		if r, at := content.BadCharacter(tc.text); r != tc.bad || at != tc.at {
			t.Errorf("BadCharacter(%+q) = %U at %d, want %U at %d", tc.text, r, at, tc.bad, tc.at)
		}
	}
}
