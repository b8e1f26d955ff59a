package prepare

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/cyberpub/site/tools/content"
)

// glossary is what marks the first use of each term in a language's prose:
// the terms of the kinds whose items are terms with pages (the glossary),
// each form as its words, by its first word, so that each text is read
// once, a word at a time; and the names that are not uses of a term
// ("cyber security" in "Canadian Centre for Cyber Security"): the texts of
// the kinds without pages that content names (organizations).
type glossary struct {
	byFirst map[string][]termForm // longest first
	names   []string              // longest first
}

type glossaryTerm struct {
	item *content.Item
	path string
	def  *Text
}

// termForm is a form of a term, as its words in lower case.
type termForm struct {
	words []string
	term  *glossaryTerm
}

func (p *preparer) newGlossary(lang string) *glossary {
	g := &glossary{byFirst: map[string][]termForm{}}
	for _, it := range p.site.Items {
		switch {
		case it.Kind.Section == "":
			for _, t := range it.Texts {
				if s := t.Values[lang]; s != "" && !t.Field.Long {
					g.names = append(g.names, s)
				}
			}
		case it.Kind.Termbase && p.published(it):
			term := &glossaryTerm{item: it, path: pagePath(it), def: p.text(it.Text(it.Kind.Summary), lang, false)}
			for _, form := range it.Forms(lang) {
				if w := content.Words(strings.ToLower(form)); len(w) > 0 {
					g.byFirst[w[0]] = append(g.byFirst[w[0]], termForm{w, term})
				}
			}
		}
	}
	for _, forms := range g.byFirst {
		slices.SortStableFunc(forms, func(a, b termForm) int { return cmp.Compare(len(b.words), len(a.words)) })
	}
	slices.SortFunc(g.names, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return g
}

// span is a range of bytes of a text.
type span struct{ start, end int }

// mark links the first use of each term in a text read as prose (not in
// its headings, links, images or code, nor in a name), as a link that
// layouts/_markup/render-link.html renders with the term's definition,
// and returns the terms in the order of their first use. A term's own
// page does not link to itself.
func (g *glossary) mark(t *Text, self *content.Item) []Term {
	src := t.MD
	if len(g.byFirst) == 0 || src == "" {
		return nil
	}
	// The bytes of names, and of the terms marked: each byte once, so that
	// a text is marked in a time linear in its length.
	taken := make([]bool, len(src))
	take := func(s span) {
		for i := s.start; i < s.end; i++ {
			taken[i] = true
		}
	}
	for _, name := range g.names {
		for at := 0; ; {
			i := strings.Index(src[at:], name)
			if i < 0 {
				break
			}
			take(span{at + i, at + i + len(name)})
			at += i + len(name)
		}
	}
	used := map[*glossaryTerm]bool{}
	var terms []Term
	var b strings.Builder
	last := 0
	for _, f := range prose([]byte(src)) {
		text := src[f.start:f.end]
		words := content.WordSpans(text)
		lower := make([]string, len(words))
		for i, w := range words {
			lower[i] = strings.ToLower(text[w.Start:w.End])
		}
		for i := 0; i < len(words); i++ {
			for _, form := range g.byFirst[lower[i]] {
				n := len(form.words)
				if form.term.item == self || used[form.term] || i+n > len(words) || !slices.Equal(lower[i:i+n], form.words) || !joined(text, words[i:i+n]) {
					continue
				}
				s := span{f.start + words[i].Start, f.start + words[i+n-1].End}
				if slices.Contains(taken[s.start:s.end], true) || !standsAlone(src, s) {
					continue
				}
				take(s)
				used[form.term] = true
				b.WriteString(src[last:s.start])
				b.WriteString("[" + src[s.start:s.end] + "](term:" + form.term.path + ")")
				last = s.end
				terms = append(terms, Term{ID: form.term.item.ID, Path: form.term.path, Definition: form.term.def})
				i += n - 1
				break
			}
		}
	}
	if terms == nil {
		return nil
	}
	b.WriteString(src[last:])
	t.MD = b.String()
	return terms
}

// joined reports whether words follow each other with spaces alone
// between them: one use of a term of several words.
func joined(text string, words []content.Span) bool {
	for i := 1; i < len(words); i++ {
		if strings.TrimSpace(text[words[i-1].End:words[i].Start]) != "" {
			return false
		}
	}
	return true
}

// standsAlone reports whether a use of a term can be made a link as it is
// written: with a space, an opening mark or the start of the text before
// it, and a space, a closing mark or the end after it, emphasis included
// (*term*), but not inside a word's emphasis (a*term*b), nor after "!"
// (an image), "\" (an escape) or "]" (a reference), nor before "+"
// ("C" of "C++").
func standsAlone(src string, s span) bool {
	before, after := src[:s.start], src[s.end:]
	if r, _ := utf8.DecodeLastRuneInString(before); r == '*' || r == '_' {
		before = strings.TrimRight(before, "*_")
	}
	if r, _ := utf8.DecodeRuneInString(after); r == '*' || r == '_' {
		after = strings.TrimLeft(after, "*_")
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	if before != "" && !unicode.IsSpace(r) && !strings.ContainsRune("(«“\"'’‘", r) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(after)
	return after == "" || unicode.IsSpace(r) || strings.ContainsRune(".,;:!?)»”\"'’", r)
}

// prose returns the parts of Markdown that are running text, in order: not
// in a heading, a link, an image or code.
func prose(src []byte) []span {
	var free []span
	ast.Walk(content.ParseMarkdown(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			free = append(free, span{n.Segment.Start, n.Segment.Stop})
		}
		return ast.WalkContinue, nil
	})
	// Footnotes' definitions come after the text in the tree, as in the
	// page; their place in the source may be anywhere.
	slices.SortFunc(free, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	return free
}
