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
	"github.com/yuin/goldmark/text"
)

// markdown parses texts as Hugo's renderer does (goldmark, with the
// extensions Hugo turns on), so that what it calls raw HTML is what Hugo
// would leave out of the page.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))

// safeSchemes are the only schemes a link may have: a link to anything else
// (javascript:, data:, vbscript:, file:) runs or opens something in the
// reader's browser instead of going to a page.
var safeSchemes = []string{"http", "https", "mailto"}

// checkMarkup reports what a text must not hold, in every language: raw
// HTML and HTML comments (editors write Markdown; Hugo would leave them out
// of the page and stop the build), links that are not to a web address, and
// invisible control characters that XML and iCalendar cannot carry. Each is
// an error at its line and column, so that the build stops before Hugo runs.
func (l *loader) checkMarkup() {
	for _, t := range l.site.Texts() {
		for _, lang := range l.p.Languages {
			s, ok := t.Values[lang.Code]
			if !ok {
				continue
			}
			where := fmt.Sprintf("%s: the %s text", t.name, lang)
			if r, i := badCharacter(s); i >= 0 && r == utf8.RuneError {
				l.addAt(t, lang.Code, i, where+" is not UTF-8 from here on",
					"the file must be saved as UTF-8: reopen it in its encoding (often Windows-1252 or Latin-1) and save it as UTF-8")
			} else if i >= 0 {
				l.addAt(t, lang.Code, i, fmt.Sprintf("%s holds the invisible control character %U", where, r),
					"delete it: retype the text around it if it came from a copy and paste")
			}
			for _, m := range markupProblems(s) {
				l.addAt(t, lang.Code, m.offset, where+" "+m.message, m.hint)
			}
		}
	}
}

// badCharacter returns the first character of s that is a control
// character other than a tab or a line end (bidirectional controls too:
// they make a text read otherwise than it is written), or a byte that is
// not UTF-8 (as utf8.RuneError), and its byte offset; or -1.
func badCharacter(s string) (rune, int) {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return r, i
		}
		if r != '\t' && r != '\n' && r != '\r' && (unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control)) {
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

// markupProblems finds the raw HTML and the unsafe links of a Markdown text.
func markupProblems(s string) []markupProblem {
	// Most texts have neither a tag nor a link: they are not parsed.
	if !strings.Contains(s, "<") && !strings.Contains(s, "](") && !strings.Contains(s, "]:") {
		return nil
	}
	src := []byte(s)
	var problems []markupProblem
	_ = ast.Walk(markdown.Parser().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			seg := n.Segments.At(0)
			problems = append(problems, rawHTML(seg.Start, string(seg.Value(src))))
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				problems = append(problems, rawHTML(seg.Start, strings.TrimSpace(string(seg.Value(src)))))
			}
		case *ast.Link:
			problems = append(problems, unsafeLink(src, n.Destination)...)
		case *ast.Image:
			problems = append(problems, unsafeLink(src, n.Destination)...)
		case *ast.AutoLink:
			problems = append(problems, unsafeLink(src, n.URL(src))...)
		}
		return ast.WalkContinue, nil
	})
	// A closing tag is the same mistake as its opening one: it is reported
	// only when it is the only one.
	if opening := slices.IndexFunc(problems, func(p markupProblem) bool { return !p.closing }); opening >= 0 {
		problems = slices.DeleteFunc(problems, func(p markupProblem) bool { return p.closing })
	}
	slices.SortStableFunc(problems, func(a, b markupProblem) int { return a.offset - b.offset })
	return problems
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

// unsafeLink reports a link whose scheme is not one of safeSchemes. The
// destination is found again in the text to say where it is.
func unsafeLink(src, destination []byte) []markupProblem {
	dest := strings.TrimSpace(string(destination))
	scheme, _, found := strings.Cut(dest, ":")
	if !found || strings.ContainsAny(scheme, "/?#") || slices.Contains(safeSchemes, strings.ToLower(scheme)) {
		return nil // an address on this site, or on the web
	}
	offset := max(0, strings.Index(string(src), dest))
	return []markupProblem{{offset: offset, message: fmt.Sprintf("links to %q, which is not a web address", shorten(dest)),
		hint: "link to a page with https://…, or to a page of this site with its path"}}
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
