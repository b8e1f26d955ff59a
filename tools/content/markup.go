package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// markdown parses texts as Hugo's renderer does: goldmark with the
// extensions Hugo turns on by default, which config.toml keeps (GFM's
// tables, strikethrough, autolinks and task lists, footnotes, definition
// lists, typographic quotes), and attributes after a heading ({#id
// .class}, Hugo's markup.goldmark.parser.attribute.title), so that what it
// calls raw HTML is what Hugo would leave out of the page, and a heading's
// attributes are what Hugo would write into it.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// safeSchemes are the only schemes a link may have: a link to anything else
// (javascript:, data:, vbscript:, file:) runs or opens something in the
// reader's browser instead of going to a page.
var safeSchemes = []string{"http", "https", "mailto"}

// checkMarkup reports what a text must not hold, in every language: raw
// HTML and HTML comments (editors write Markdown; Hugo would leave them out
// of the page and stop the build), links that are not to a web address,
// images from another site, heading attributes that are not ids or
// classes, shortcodes the site does not declare, two elements of a page
// with one id, and invisible control characters that XML and iCalendar
// cannot carry. Each is an error at its line and column, so that the build
// stops before Hugo runs.
func (l *loader) checkMarkup() {
	shortcodes := l.shortcodes()
	pages := map[*Item]map[string][]textHeadings{} // by item, then language
	var images textImages
	links := &siteLinks{headings: pages}
	for _, t := range l.site.Texts() {
		// Every text: Hugo runs shortcodes in the data's texts too
		// (RenderString), not only in pages' bodies.
		for i, tm := range l.readText(t, shortcodes) {
			if tm == nil {
				continue // not in that language
			}
			lang := l.p.Languages[i]
			// Written only for a problem: most texts have none.
			where := func() string { return fmt.Sprintf("%s: the %s text", t.name, lang) }
			if r, i := tm.bad, tm.badAt; i >= 0 && r == utf8.RuneError {
				l.addAt(t, lang.Code, i, where()+" is not UTF-8 from here on",
					"the file must be saved as UTF-8: reopen it in its encoding (often Windows-1252 or Latin-1) and save it as UTF-8")
			} else if i >= 0 {
				l.addAt(t, lang.Code, i, fmt.Sprintf("%s holds the invisible control character %U", where(), r),
					"delete it: retype the text around it if it came from a copy and paste")
			}
			m := tm.m
			for _, p := range m.problems {
				l.addAt(t, lang.Code, p.offset, where()+" "+p.message, p.hint)
			}
			if len(m.headings) > 0 {
				if pages[t.Item] == nil {
					pages[t.Item] = map[string][]textHeadings{}
				}
				pages[t.Item][lang.Code] = append(pages[t.Item][lang.Code], textHeadings{t, m.headings})
			}
			images.add(t, lang.Code, m.images)
			links.add(t, lang.Code, m.links)
		}
	}
	l.site.links = links
	l.checkPageIDs(pages)
	l.checkImages(images)
}

// BadCharacter returns the first character of s that is invisible and
// no space, and its byte offset; or -1. That is a control character other
// than a tab or a line end (a carriage return alone is none), a format
// character (bidirectional controls, which make a text read otherwise
// than it is written; zero-width spaces and joiners; the tag characters
// that can hide a whole text), a line or paragraph separator, or a byte
// that is not UTF-8 (as utf8.RuneError).
func BadCharacter(s string) (rune, int) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"),
			r == '\r' && !strings.HasPrefix(s[i+1:], "\n"),
			r != '\t' && r != '\n' && r != '\r' && unicode.IsControl(r),
			unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
			return r, i
		}
	}
	return 0, -1
}

type markupProblem struct {
	offset  int    // in the text, in bytes
	message string // what is wrong, after the text's name: "holds raw HTML, …"
	hint    string
	closing bool // a closing tag
}

// markup is what the checks read of a Markdown text: its problems, and its
// headings with the ids Hugo gives them.
type markup struct {
	problems []markupProblem
	headings []heading
	images   []shownImage // the site's own (images.go)
	links    []link       // checked once the catalogues are read (links.go)
}

// readMarkup finds the raw HTML, the unsafe links, the images from other
// sites and the heading attributes of a Markdown text, and its headings.
func readMarkup(s string) markup {
	// Most texts have neither a tag, a link, an image nor a heading: they
	// are not parsed.
	if !strings.ContainsAny(s, "<[#{") && !strings.Contains(s, "\n=") && !strings.Contains(s, "\n-") {
		return markup{}
	}
	src := []byte(s)
	var m markup
	ids := newAutoIDs()
	_ = ast.Walk(markdown.Parser().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			seg := n.Segments.At(0)
			m.problems = append(m.problems, rawHTML(seg.Start, string(seg.Value(src))))
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				m.problems = append(m.problems, rawHTML(seg.Start, strings.TrimSpace(string(seg.Value(src)))))
			}
		case *ast.Link:
			m.problems = append(m.problems, unsafeLink(src, inlineStart(src, n, "["), n.Destination, true)...)
			m.links = append(m.links, readLink(src, n))
		case *ast.Image:
			if p := unsafeLink(src, inlineStart(src, n, "!["), n.Destination, false); len(p) > 0 {
				m.problems = append(m.problems, p...)
			} else if p, ok := foreignImage(src, n); ok {
				m.problems = append(m.problems, p)
			} else {
				m.images = append(m.images, readImage(src, n))
			}
		case *ast.AutoLink:
			m.problems = append(m.problems, unsafeLink(src, 0, n.URL(src), true)...)
			m.links = append(m.links, readLink(src, n))
		case *ast.Heading:
			h, problems := readHeading(src, n, ids)
			m.headings = append(m.headings, h)
			m.problems = append(m.problems, problems...)
		}
		return ast.WalkContinue, nil
	})
	// A closing tag is the same mistake as its opening one: it is reported
	// only when it is the only one.
	if opening := slices.IndexFunc(m.problems, func(p markupProblem) bool { return !p.closing }); opening >= 0 {
		m.problems = slices.DeleteFunc(m.problems, func(p markupProblem) bool { return p.closing })
	}
	slices.SortStableFunc(m.problems, func(a, b markupProblem) int { return a.offset - b.offset })
	return m
}

func rawHTML(offset int, html string) markupProblem {
	html = shorten(html)
	if strings.HasPrefix(html, "<!--") {
		return markupProblem{offset: offset, message: fmt.Sprintf("holds an HTML comment, %q", html),
			hint: "delete it: a page has no hidden notes (a note for editors goes in a # comment of the TOML)"}
	}
	return markupProblem{offset: offset, closing: strings.HasPrefix(html, "</"),
		message: fmt.Sprintf("holds raw HTML, %q, but texts are Markdown", html),
		hint:    fmt.Sprintf("write it in Markdown (**bold**, *italics*, [a link](https://…)); to show markup as it is written, put it between backticks: `%s`", html)}
}

// unsafeLink reports a link whose scheme is not one of safeSchemes and,
// with hostOnly, a link to another site without its scheme ("//host/…",
// which Hugo's link hook took for a page of this site). The destination is
// found again in the text, from the link's start, to say where it is.
func unsafeLink(src []byte, from int, destination []byte, withHost bool) []markupProblem {
	dest := strings.TrimSpace(string(destination))
	offset := func() int {
		if i := strings.Index(string(src[from:]), dest); i >= 0 {
			return from + i
		}
		return max(0, strings.Index(string(src), dest)) // a reference's, defined before
	}
	if host, ok := hostOnly(dest); ok && withHost {
		return []markupProblem{{offset: offset(), message: fmt.Sprintf("links to %q, an address of another site without its https:", shorten(dest)),
			hint: fmt.Sprintf("write the whole address, https://%s, or link to a page of this site with its path", shorten(host))}}
	}
	scheme, _, found := strings.Cut(dest, ":")
	if !found || strings.ContainsAny(scheme, "/?#") || slices.Contains(safeSchemes, strings.ToLower(scheme)) {
		return nil // an address on this site, or on the web
	}
	return []markupProblem{{offset: offset(), message: fmt.Sprintf("links to %q, which is not a web address", shorten(dest)),
		hint: "link to a page with https://…, or to a page of this site with its path"}}
}

// hostOnly returns the rest of an address that starts with its host, as
// "//host/…" does (or "/\host/…", which browsers read the same way).
func hostOnly(dest string) (string, bool) {
	d := strings.ReplaceAll(dest, "\\", "/")
	if !strings.HasPrefix(d, "//") {
		return "", false
	}
	return strings.TrimLeft(d, "/"), true
}

// foreignImage reports an image that is not on this site: the page would
// ask another site for it (a tracker, something that changes after the
// page is published), which the Content-Security-Policy of
// static/_headers refuses, and hosts that do not send it do not.
func foreignImage(src []byte, n *ast.Image) (markupProblem, bool) {
	dest := strings.TrimSpace(string(n.Destination))
	scheme, _, hasScheme := strings.Cut(dest, ":")
	if _, ok := hostOnly(dest); !ok && (!hasScheme || strings.ContainsAny(scheme, "/?#")) {
		return markupProblem{}, false // a path on this site
	}
	return markupProblem{offset: inlineStart(src, n, "!["), message: fmt.Sprintf("shows the image %q, from another site", shorten(dest)),
		hint: "a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)"}, true
}

// inlineStart returns the offset in src of an inline node that starts
// with marker ("![", "["): before its first text when it has one, or
// else after what precedes it in its block.
func inlineStart(src []byte, n ast.Node, marker string) int {
	if first := firstSegment(n); first >= 0 {
		if i := strings.LastIndex(string(src[:first]), marker); i >= 0 {
			return i
		}
	}
	from := 0
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if last := lastSegment(p); last >= 0 {
			from = last
			break
		}
	}
	if from == 0 {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				from = b.Lines().At(0).Start
				break
			}
		}
	}
	if i := strings.Index(string(src[from:]), marker); i >= 0 {
		return from + i
	}
	return from
}

// firstSegment and lastSegment return where the first text under n starts,
// and where the last ends, or -1.
func firstSegment(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if i := firstSegment(c); i >= 0 {
			return i
		}
	}
	return -1
}

func lastSegment(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Stop
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if i := lastSegment(c); i >= 0 {
			return i
		}
	}
	return -1
}

func shorten(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// addAt records a problem at a byte offset of a text.
func (l *loader) addAt(t *Text, lang string, offset int, message, hint string) {
	l.add(diag.Invalid, t.At[lang].Within(t.Values[lang], offset), t.subject, message, hint)
}

// Within returns the place, in the file, of the text s at a byte offset:
// the line and column of what is there, found again in the file from where
// the text starts (a text is written as it is read, but for its escapes and
// line ends), or the start of the text when it cannot be found.
func (p Place) Within(s string, offset int) Place {
	if p.File == nil || p.File.TOML == nil {
		return p
	}
	start := -1
	switch {
	case p.Body:
		start = p.File.Page.Body
	case p.Key != nil:
		start = p.File.TOML.Offset(p.Key...)
	}
	snippet, _, _ := strings.Cut(s[offset:], "\n")
	snippet = strings.ToValidUTF8(snippet[:min(len(snippet), 40)], "")
	if start < 0 || snippet == "" {
		return p
	}
	src := string(p.File.Src[start:])
	at := 0
	for range strings.Count(s[:offset], snippet) + 1 {
		i := strings.Index(src[at:], snippet)
		if i < 0 {
			return p
		}
		at += i + len(snippet)
	}
	return Place{File: p.File, Offset: start + at - len(snippet) + 1}
}
