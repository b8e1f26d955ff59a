package export_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ markdown, want string }{
		{"A *short* summary.", "A short summary."}, // markup is not text
		{"  padded  ", "padded"},
		// A line end in a paragraph is a space, as the page shows it;
		// a hard line break, a line end.
		{"Two\nlines", "Two lines"},
		{"Line one\\\nLine two", "Line one\nLine two"},
		// A lone CR, which Markdown does not end a line with, is a line
		// end all the same: nothing is lost of a text pasted with one.
		{"Line one\rLine two", "Line one\nLine two"},
		{"First.\n\nSecond.", "First.\n\nSecond."},
		{"- one\n- two\n\nAfter.", "- one\n- two\n\nAfter."},
		{"3. three\n4. four", "3. three\n4. four"},
		{"- [x] done\n- [ ] to do", "- [x] done\n- [ ] to do"},
		{"- outer\n  - inner", "- outer\n- inner"},
		{"[a link](https://example.org/) and <https://example.org/a>", "a link and https://example.org/a"},
		// Typographic quotes, as the page has them (Hugo's typographer).
		{`don't "quote" -- wait...`, "don’t “quote” – wait…"},
		{"`code *not emphasis* \"straight\"`", `code *not emphasis* "straight"`},
		{`\*escaped\* AT&amp;T &#233;`, "*escaped* AT&T é"},
		// Raw HTML and comments, which the pages leave out.
		{"Raw <b>HTML</b> left out", "Raw HTML left out"},
		{"<!-- hidden -->\n\nText", "Text"},
		{"<div>\nblock\n</div>\n\nText", "Text"},
		{"An image: ![a chart](/images/c.png).", "An image: a chart."},
		{"# Heading {#its-id}\n\nText", "Heading\n\nText"},
		{"Note[^1].\n\n[^1]: The note.", "Note[1].\n\n[1] The note."},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"},
		{"> quoted\n\ntext", "quoted\n\ntext"},
		{"    indented code\n", "indented code"},
		{"```\nfenced\ncode\n```", "fenced\ncode"},
		{"~~struck~~ ---", "struck —"},
		{"Term\n: Its definition.", "Term\nIts definition."},
		{"", ""},
	} {
		if got := export.PlainText(tc.markdown); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.markdown, got, tc.want)
		}
	}
}

func TestMarkdownWithoutImages(t *testing.T) {
	for _, tc := range []struct{ markdown, want string }{
		{"No image, *as written*  \n", "No image, *as written*  \n"},
		{"![a chart](/images/c.png)", "a chart"},
		{"Before ![a *chart*](/images/c.png \"Its title\") after.", "Before a *chart* after."},
		{"![a](</images/c d.png>) ![b](/images/c(1).png) ![c](/images/c.png 'single') ![d](/images/c.png (parens))", "a b c d"},
		{"![a \\] bracket](/images/c.png)", "a \\] bracket"},
		{"![a `]` in code](/images/c.png)", "a `]` in code"},
		{"![a [nested] bracket](/images/c.png)", "a [nested] bracket"},
		{"![]( /images/c.png )", ""},
		{"![multi\nline](/images/c.png\n\"title\")", "multi\nline"},
		// An image in a link's text, and in another's description.
		{"[![inner](/images/i.png)](https://example.org/)", "[inner](https://example.org/)"},
		{"![outer ![inner](/images/i.png) more](/images/o.png)", "outer inner more"},
		// An image by reference; its definition goes when only images use it.
		{"![a][chart] and ![chart][]\n\n[chart]: /images/c.png \"T\"\n", "a and chart\n\n"},
		{"![a][both] [b][both]\n\n[both]: /images/c.png\n", "a [b][both]\n\n[both]: /images/c.png\n"},
		{"- item ![a](/images/c.png)\n> ![b](/images/c.png)", "- item a\n> b"},
		// What is left out does not join a "!" to a "[", which would
		// make another image; an address may hold any character but a
		// space (the fuzzer's NUL).
		{"!![](/images/c.png)[x](/images/y.png)", "!\\[x](/images/y.png)"},
		{"!![[x]](/images/c.png)\n\n[x]: /y", "!\\[x]\n\n[x]: /y"},
		{"!![](\x00)000", "!000"},
		// Not images: code, an escaped !, a link.
		{"`![code](/images/c.png)` \\![no](x) [link](/x)", "`![code](/images/c.png)` \\![no](x) [link](/x)"},
	} {
		got := export.Markdown(tc.markdown)
		if got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.markdown, got, tc.want)
		}
		if images(got) > 0 {
			t.Errorf("Markdown(%q) still has an image: %q", tc.markdown, got)
		}
	}
}

// images counts the images of a text, as Hugo reads it.
func images(markdown string) int {
	n := 0
	_ = ast.Walk(content.ParseMarkdown([]byte(markdown)), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := node.(*ast.Image); ok && entering {
			n++
		}
		return ast.WalkContinue, nil
	})
	return n
}

// Whatever the text, Markdown leaves no image in it, and changes nothing
// of a text without one; PlainText never panics.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"![a](/images/c.png)", "[![a](/i.png)](/x)", "![a ![b](/i.png)](/o.png)", "![a][r]\n\n[r]: /i.png",
		"![`]`](/i.png)", "![a](<x y> \"t\")", "> - ![a](b)\n>   ![c](d)", "![a\\]](b)", "![[x]](y)", "![a](b(c)d)",
		"```\n![a](b)\n```", "![a]\n\n[a]: b", "* ![x](y) *z*", "![a](b 'c\\'d')", "![a](\n b\n 'c'\n)",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, markdown string) {
		got := export.Markdown(markdown)
		if images(markdown) == 0 && got != markdown {
			t.Errorf("Markdown(%q) = %q, with no image to replace", markdown, got)
		}
		if images(got) > 0 {
			t.Errorf("Markdown(%q) = %q, which still has an image", markdown, got)
		}
		_ = export.PlainText(markdown)
		if strings.Count(got, "") > strings.Count(markdown, "")+1 {
			t.Errorf("Markdown(%q) = %q, longer than the text", markdown, got)
		}
	})
}
