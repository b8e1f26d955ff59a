package content

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cyberpub/site/tools/model"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// An id names one element of a page: a link to page#id goes there, and
// the skip link to #main. Two elements with one id break the second's
// links, and a heading that takes the id of the page's own parts takes
// their links. The ids of a page are those of its layout, the anchors of
// its records (a timeline's events) and its texts' headings.

// layoutIDs are the ids the layouts give parts of pages as they are
// written; the layouts also make ids from a value: a year's heading
// (year-2021), a glossary term's definition (term-exploit), a language's
// words for a missing page (not-found-fr). TestLayoutIDs reads the layouts
// and fails on an id not known here.
var layoutIDs = []string{"main", "search-more", "search-query", "search-results", "search-status",
	"downloads-heading", "events-heading", "footnotes-heading", "home-sections-heading", "measures-heading",
	"naming-events-heading", "naming-pages-heading", "recommended-by-heading", "references-heading",
	"section-menu-heading", "sources-heading", "terms-used-heading", "whats-new-heading",
	// refs/default.html's, {{ $class }}-heading, with each class it is given
	"refs-heading", "named-actors-heading", "refs-brief-heading",
	// the header's search box, the top of a long publication, a timeline's
	// years and the rest of its summary, a measure's actions, the home page
	"site-search-q", "summary-heading", "toc-heading", "measures-brief-heading", "year-nav",
	"timeline-more-heading", "actions-heading", "featured-heading"}

var yearID = regexp.MustCompile(`^year-[0-9]{4}$`)

// layoutID reports whether the layouts may give id to a part of a page:
// one of layoutIDs, a year's, a glossary term's, a language's.
func (s *Site) layoutID(id string) bool {
	term, isTerm := strings.CutPrefix(id, "term-")
	lang, isLang := strings.CutPrefix(id, "not-found-")
	return slices.Contains(layoutIDs, id) || yearID.MatchString(id) ||
		isTerm && s.Item("term", term) != nil || isLang && slices.Contains(s.Project.Codes(), lang)
}

// heading is a heading of a text, with the id Hugo gives it.
type heading struct {
	offset int    // in the text: the start of its line
	text   string // as Hugo's plain text of it
	id     string
	idAt   int // where its own id is written ({#id}), or -1 when Hugo makes it from its text
}

// textHeadings are the headings of a text in one language.
type textHeadings struct {
	text     *Text
	headings []heading
}

// readHeading reads a heading's text and attributes, and gives it its id as
// Hugo does. It reports the attributes Hugo would write into the heading
// but a heading does not take: anything but an id and classes (a style, an
// event handler), and an id that is not an anchor.
func readHeading(src []byte, n *ast.Heading, ids autoIDs) (heading, []markupProblem) {
	h := heading{offset: headingLine(src, n), text: plainText(n, src), idAt: -1}
	attrs := h.offset
	if n.Lines().Len() > 0 { // the attributes follow the heading's last line
		stop := n.Lines().At(n.Lines().Len() - 1).Stop
		if i := strings.IndexByte(string(src[stop:]), '{'); i >= 0 {
			attrs = stop + i
		}
	}
	// find returns where one of the ways of writing an attribute is, after
	// a space or the brace: "#main", "id" (not data-id).
	find := func(written ...string) int {
		end := len(src)
		if i := strings.IndexByte(string(src[attrs:]), '\n'); i >= 0 {
			end = attrs + i
		}
		for _, w := range written {
			for i := attrs; i < end; i++ {
				if strings.HasPrefix(string(src[i:end]), w) && i > attrs && (src[i-1] == ' ' || src[i-1] == '{') {
					return i
				}
			}
		}
		return attrs
	}
	var problems []markupProblem
	for _, a := range n.Attributes() {
		value := attributeValue(a.Value)
		switch name := string(a.Name); strings.ToLower(name) {
		case "class":
		case "id":
			h.id, h.idAt = value, find("#"+value, "id")
			if !model.ValidID(value) {
				problems = append(problems, markupProblem{offset: h.idAt, message: fmt.Sprintf("gives the heading %q the id %q, which cannot be an anchor", shorten(h.text), shorten(value)), hint: model.IDHint})
			}
			ids[value] = true
		default:
			problems = append(problems, markupProblem{offset: find(name), message: fmt.Sprintf("gives the heading %q the attribute %s=%q, but a heading takes only an id, {#…}, and classes, {.…}", shorten(h.text), name, shorten(value)),
				hint: "remove it: the site's stylesheet gives every heading its look"})
		}
	}
	if h.idAt < 0 {
		lines := strings.Split(h.text, "\n") // a heading of several lines: Hugo makes its id from the last
		h.id = ids.generate(lines[len(lines)-1])
	}
	return h, problems
}

func attributeValue(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// headingLine returns where a heading's line starts.
func headingLine(src []byte, n *ast.Heading) int {
	if n.Lines().Len() == 0 { // an empty heading: its "#" after what precedes it
		from := 0
		for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
			if end := blockEnd(p); end >= 0 {
				from = end
				break
			}
		}
		if i := strings.IndexByte(string(src[from:]), '#'); i >= 0 {
			return from + i
		}
		return from
	}
	return strings.LastIndexByte(string(src[:n.Lines().At(0).Start]), '\n') + 1
}

// blockEnd returns where the last line of a block ends, or -1.
func blockEnd(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(n.Lines().Len() - 1).Stop
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if end := blockEnd(c); end >= 0 {
			return end
		}
	}
	return lastSegment(n)
}

// plainText is a heading's text as Hugo's render.TextPlain makes it, which
// its id is made from: typographic quotes and dashes included, and of a
// node's children only the first (as Hugo does).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	var write func(c ast.Node)
	write = func(c ast.Node) {
		switch c := c.(type) {
		case nil:
		case *ast.String:
			b.Write(c.Value)
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.HardLineBreak() || c.SoftLineBreak() {
				b.WriteByte('\n')
			}
		default:
			write(c.FirstChild())
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		write(c)
	}
	return string(util.ResolveEntityNames([]byte(b.String())))
}

// autoIDs are the ids of one text's headings, as Hugo gives them
// (markup/goldmark/autoid.go, with its default "github" ids): in order, an
// id a heading has of its own kept, the others made from their text, with
// "-1", "-2" after one already taken. Each text rendered is given its own.
type autoIDs map[string]bool

func newAutoIDs() autoIDs { return autoIDs{} }

func (ids autoIDs) generate(text string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(text) {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	id := cmp.Or(b.String(), "heading")
	if ids[id] {
		for i := 1; ; i++ {
			if next := id + "-" + strconv.Itoa(i); !ids[next] {
				id = next
				break
			}
		}
	}
	ids[id] = true
	return id
}

// checkPageIDs reports a heading whose id the page already has: its
// layout's, a record's anchor, another heading's (each text is rendered on
// its own, so two texts of a page can give two headings one id). The
// headings are by item, each item's by language, in the order of its texts.
func (l *loader) checkPageIDs(pages map[*Item]map[string][]textHeadings) {
	for _, it := range l.site.Items {
		for _, lang := range l.p.Codes() {
			texts := pages[it][lang]
			if len(texts) == 0 {
				continue
			}
			taken := l.anchors(it)
			for _, th := range texts {
				for _, h := range th.headings {
					if h.idAt >= 0 && !model.ValidID(h.id) {
						continue // reported as no anchor
					}
					what := taken[h.id]
					if l.site.layoutID(h.id) {
						what = "which the page's layout already uses"
					}
					if what == "" {
						taken[h.id] = fmt.Sprintf("already the id of the heading %q in %s", shorten(h.text), th.text.place())
						continue
					}
					where := fmt.Sprintf("%s: the %s text", th.text.name, langName(l.p, lang))
					message, at := fmt.Sprintf("has the heading %q, which Hugo gives the id %q, %s", shorten(h.text), h.id, what), h.offset
					if h.idAt >= 0 {
						message, at = fmt.Sprintf("gives the heading %q the id %q, %s", shorten(h.text), h.id, what), h.idAt
					}
					l.addAt(th.text, lang, at, where+" "+message, "give the heading an id of its own, written {#…} at the end of its line")
				}
			}
		}
	}
}

// anchors are the ids an item's page gives its records (a timeline's
// events), and a section's page the items it lists (the glossary's terms),
// each with what has it, for problems.
func (l *loader) anchors(it *Item) map[string]string {
	taken := map[string]string{}
	for _, f := range it.Kind.Fields {
		if f.Key == "" {
			continue
		}
		for _, r := range it.Records(f.Name) {
			if id := r.String(f.Key); id != "" {
				taken[id] = fmt.Sprintf("already the anchor of %s %q", f.Record.Name, id)
			}
		}
	}
	if it.Kind == model.Sections {
		if k := l.p.Model.KindOfSection(it.ID); k != nil {
			for _, id := range l.site.IDs(k.Name) {
				taken[id] = fmt.Sprintf("already the anchor of %s %q in the section's list", k.Noun(), id)
			}
		}
	}
	return taken
}

// place names a text for problems: "summary", `event "x": text`.
func (t *Text) place() string {
	if t.subject != "" {
		return t.subject + ": " + t.name
	}
	return t.name
}
