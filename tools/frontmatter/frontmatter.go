// Package frontmatter splits a Markdown page into its TOML front matter,
// between +++ lines, and its body. It is the one reader of pages' front
// matter: the checks, the translation units and the writing back of
// translations all see the same parts, whether the lines end with LF or
// CRLF.
package frontmatter

import (
	"bytes"
	"fmt"
)

// Page is where the parts of a page are in its bytes.
type Page struct {
	Src []byte
	// FrontMatter is Src[Start:End], the TOML between the +++ lines.
	Start, End int
	// Body is where the text below the closing +++ line starts.
	Body int
}

// Problem is why a page cannot be split: what is wrong, on which line,
// and what to do.
type Problem struct {
	Line          int
	Message, Hint string
}

func (p *Problem) Error() string { return fmt.Sprintf("%d: %s; %s", p.Line, p.Message, p.Hint) }

const fixHint = "start the file with +++, the TOML front matter, and +++ again before the text"

// Split finds the front matter and the body of a page.
func Split(src []byte) (Page, *Problem) {
	// A byte-order mark, which some editors write, is not part of the page.
	first, rest, _ := cutLine(bytes.TrimPrefix(src, []byte("\uFEFF")))
	switch {
	case bytes.Equal(first, []byte("---")):
		return Page{}, &Problem{1, "the front matter is YAML (---); this site's pages use TOML front matter (+++)", fixHint}
	case !bytes.Equal(first, []byte("+++")):
		return Page{}, &Problem{1, "the file has no front matter", fixHint}
	}
	p := Page{Src: src, Start: len(src) - len(rest)}
	at := p.Start
	for at < len(src) {
		line, next, _ := cutLine(src[at:])
		if bytes.Equal(line, []byte("+++")) {
			p.End = at
			p.Body = len(src) - len(next)
			return p, nil
		}
		at = len(src) - len(next)
	}
	return Page{}, &Problem{1, "the front matter is not closed", "end it with a line of +++, before the text"}
}

// cutLine returns the first line of b without its line end, and what
// follows that line end.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest, found
}

// FrontMatter returns the TOML between the +++ lines.
func (p Page) FrontMatter() []byte { return p.Src[p.Start:p.End] }

// Text returns the body.
func (p Page) Text() []byte { return p.Src[p.Body:] }

// CRLF reports whether the page's lines end with CRLF.
func (p Page) CRLF() bool {
	i := bytes.IndexByte(p.Src, '\n')
	return i > 0 && p.Src[i-1] == '\r'
}
