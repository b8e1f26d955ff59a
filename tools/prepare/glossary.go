package prepare

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/model"
)

// glossary is what marks the first use of each term in a language's prose:
// the terms of the kinds whose items are terms with pages (the glossary),
// and the names that are not uses of a term ("cyber security" in
// "Canadian Centre for Cyber Security"): the texts of the kinds without
// pages that content names (organizations).
type glossary struct {
	terms []*glossaryTerm
	names []string // longest first
}

type glossaryTerm struct {
	item    *content.Item
	path    string
	forms   []string // in lower case
	pattern *regexp.Regexp
	def     *Text
}

func (p *preparer) newGlossary(lang string) *glossary {
	g := &glossary{}
	for _, it := range p.site.Items {
		switch {
		case it.Kind.Section == "":
			for _, t := range it.Texts {
				if s := t.Values[lang]; s != "" && !t.Field.Long {
					g.names = append(g.names, s)
				}
			}
		case it.Kind.Termbase && p.published(it):
			var forms []string
			if t := it.Text(it.Kind.Title); t != nil && t.Values[lang] != "" {
				forms = append(forms, t.Values[lang])
			}
			for _, f := range it.Kind.Fields {
				if f.Type == model.Words {
					w, _ := it.Values[f.Name].(map[string][]string)
					forms = append(forms, w[lang]...)
				}
			}
			forms = slices.Compact(forms)
			if len(forms) == 0 {
				continue
			}
			quoted := make([]string, len(forms))
			lower := make([]string, len(forms))
			for i, f := range forms {
				quoted[i] = regexp.QuoteMeta(f)
				lower[i] = strings.ToLower(f)
			}
			g.terms = append(g.terms, &glossaryTerm{item: it, path: pagePath(it), forms: lower,
				pattern: regexp.MustCompile(`(?i)(?:^|[\s(«“"'’])(` + strings.Join(quoted, "|") + `)(?:[\s.,;:!?)»”"]|$)`),
				def:     p.text(it.Text(it.Kind.Summary), lang, false)})
		}
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
	lower := strings.ToLower(src)
	var candidates []*glossaryTerm
	for _, term := range g.terms {
		if term.item != self && slices.ContainsFunc(term.forms, func(f string) bool { return strings.Contains(lower, f) }) {
			candidates = append(candidates, term)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	free := prose([]byte(src))
	var taken []span
	for _, name := range g.names {
		for at := 0; ; {
			i := strings.Index(src[at:], name)
			if i < 0 {
				break
			}
			taken = append(taken, span{at + i, at + i + len(name)})
			at += i + len(name)
		}
	}
	type use struct {
		span
		term *glossaryTerm
	}
	var uses []use
	for _, term := range candidates {
	search:
		for _, f := range free {
			for _, m := range term.pattern.FindAllStringSubmatchIndex(src[f.start:f.end], -1) {
				s := span{f.start + m[2], f.start + m[3]}
				if !slices.ContainsFunc(taken, s.overlaps) {
					uses = append(uses, use{s, term})
					taken = append(taken, s)
					break search
				}
			}
		}
	}
	slices.SortFunc(uses, func(a, b use) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	var terms []Term
	last := 0
	for _, u := range uses {
		b.WriteString(src[last:u.start])
		b.WriteString("[" + src[u.start:u.end] + "](term:" + u.term.path + ")")
		last = u.end
		terms = append(terms, Term{ID: u.term.item.ID, Path: u.term.path, Definition: u.term.def})
	}
	b.WriteString(src[last:])
	t.MD = b.String()
	return terms
}

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

// prose returns the parts of Markdown that are running text: not in a
// heading, a link, an image or code.
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
	return free
}
