package export

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/cyberpub/site/tools/content"
)

// Texts are Markdown. The formats that carry them as written (JSON, CSAF's
// notes) get them as Markdown; the others (CSV, iCalendar, STIX) as plain
// text, read from the same tree of the text as the pages are rendered
// from (content.ParseMarkdown). In both, an image is its description: the
// path a text gives an image (/images/NAME.png) is not an address the site
// publishes (Hugo publishes resized copies under names of its own), and an
// image from another site is never shown.

// PlainText returns a text's Markdown as plain text: its words as the page
// shows them, typographic quotes included; an image as its description; a
// link as its text; each block apart from the next by a blank line, each
// list item on a line of its own after "- " or its number; a footnote as
// [N], its text at the end. Raw HTML, which pages leave out, is left out.
// Line ends are LF.
func PlainText(markdown string) string {
	src := []byte(markdown)
	w := &plainWriter{src: src}
	w.block(content.ParseMarkdown(src))
	return strings.TrimSpace(lineEnds.Replace(w.b.String()))
}

// lineEnds are the line ends a text may still hold inside a line of
// Markdown (a lone CR, which Markdown does not end a line with), as LF.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// plainWriter writes the plain text of a Markdown tree.
type plainWriter struct {
	src     []byte
	b       strings.Builder
	pending string // what separates the next text from the last one
}

// write writes text, after what separates it from the text before.
func (w *plainWriter) write(s []byte) {
	if len(s) == 0 {
		return
	}
	if w.b.Len() > 0 {
		w.b.WriteString(w.pending)
	}
	w.pending = ""
	w.b.Write(s)
}

func (w *plainWriter) writeString(s string) { w.write([]byte(s)) }

// separate asks for sep before the next text: the widest asked wins, a
// blank line over a line end over a space.
func (w *plainWriter) separate(sep string) {
	rank := func(s string) int { return 10*strings.Count(s, "\n") + len(s) }
	if rank(sep) > rank(w.pending) {
		w.pending = sep
	}
}

// children writes each child block of n, sep between them.
func (w *plainWriter) children(n ast.Node, sep string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c)
		w.separate(sep)
	}
}

func (w *plainWriter) block(n ast.Node) {
	if n.Type() == ast.TypeInline {
		w.inline(n)
		return
	}
	switch n := n.(type) {
	case *ast.HTMLBlock, *ast.ThematicBreak:
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var code []byte
		lines := n.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			code = append(code, line.Value(w.src)...)
		}
		w.write(bytes.TrimRight(code, "\n"))
	case *ast.List:
		number := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if n.IsOrdered() {
				w.writeString(fmt.Sprintf("%d. ", number))
				number++
			} else {
				w.writeString("- ")
			}
			w.children(item, "\n")
			w.separate("\n")
		}
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			if f, ok := fn.(*east.Footnote); ok {
				w.writeString(fmt.Sprintf("[%d] ", f.Index))
			}
			w.children(fn, "\n")
			w.separate("\n")
		}
	case *east.Table, *east.DefinitionList:
		w.children(n, "\n")
	case *east.TableHeader, *east.TableRow:
		w.children(n, " | ")
	default:
		// A paragraph, a heading, a cell: a block of inline text.
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			w.inlines(n)
			return
		}
		w.children(n, "\n\n") // the text, a quote, a definition
	}
}

func (w *plainWriter) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

func (w *plainWriter) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		value := n.Segment.Value(w.src)
		if !n.IsRaw() {
			value = unescape(value)
		}
		w.write(value)
		switch {
		case n.HardLineBreak():
			w.writeString("\n")
		case n.SoftLineBreak():
			w.writeString(" ")
		}
	case *ast.String:
		if n.IsCode() { // a typographic quote, as an entity: &rsquo;
			w.writeString(html.UnescapeString(string(n.Value)))
		} else {
			w.write(n.Value)
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				value := t.Segment.Value(w.src)
				if v, ok := bytes.CutSuffix(value, []byte("\n")); ok { // a line end in code is a space
					value = append(v[:len(v):len(v)], ' ')
				}
				w.write(value)
			}
		}
	case *ast.AutoLink:
		w.write(n.Label(w.src))
	case *ast.RawHTML, *east.FootnoteBacklink:
	case *east.FootnoteLink:
		w.writeString(fmt.Sprintf("[%d]", n.Index))
	case *east.TaskCheckBox:
		if n.IsChecked {
			w.writeString("[x] ")
		} else {
			w.writeString("[ ] ")
		}
	default: // emphasis, a link's text, an image's description
		w.inlines(n)
	}
}

// unescape reads a text's backslash escapes and character references (\*,
// &amp;, &#233;) as the characters they stand for.
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	if bytes.IndexByte(b, '&') >= 0 {
		b = util.ResolveEntityNames(util.ResolveNumericReferences(b))
	}
	return b
}

// Markdown returns a text's Markdown for the formats that carry it as
// written, each image in it replaced by its description (its Markdown
// between ![ and ]), and the definitions of references only images use
// ([chart]: /images/chart.png) left out; the rest of the text is left as
// it is, byte for byte.
func Markdown(markdown string) string {
	if !strings.Contains(markdown, "![") {
		return markdown
	}
	src := []byte(markdown)
	var nodes []*ast.Image
	var definitions []*ast.LinkReferenceDefinition
	imageRefs, linkRefs := map[string]bool{}, map[string]bool{}
	_ = ast.Walk(content.ParseMarkdown(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			nodes = append(nodes, n)
			if n.Reference != nil {
				imageRefs[util.ToLinkReference(n.Reference.Value)] = true
			}
		case *ast.Link:
			if n.Reference != nil {
				linkRefs[util.ToLinkReference(n.Reference.Value)] = true
			}
		case *ast.LinkReferenceDefinition:
			definitions = append(definitions, n)
		}
		return ast.WalkContinue, nil
	})
	// The last image first: an image in another's description is found
	// before it, so that the other's description is read past it once.
	s := &scanner{src: src, images: map[int]int{}}
	images := make([]imageSpan, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- {
		images[i] = s.imageSpan(nodes[i])
		s.images[images[i].start] = images[i].end
	}
	for _, d := range definitions {
		if label := util.ToLinkReference(d.Label); imageRefs[label] && !linkRefs[label] && d.Lines().Len() > 0 {
			start, end := d.Lines().At(0).Start, d.Lines().At(d.Lines().Len()-1).Stop
			for end < len(src) && (src[end] == ' ' || src[end] == '\t' || src[end] == '\r') {
				end++
			}
			if end < len(src) && src[end] == '\n' {
				end++
			}
			// Left out whole: a span whose description is empty.
			images = append(images, imageSpan{start: start, labelStart: start, labelEnd: start, end: end})
		}
	}
	// In the order of the text: an image in another's description comes
	// after it, and inside its description.
	slices.SortStableFunc(images, func(a, b imageSpan) int { return a.start - b.start })
	var b strings.Builder
	// write writes a part of the text. Where what was left out joined a
	// "!" to a "[", the bracket is escaped: the two would make an image.
	var last byte
	write := func(part []byte) {
		if len(part) == 0 {
			return
		}
		if last == '!' && part[0] == '[' {
			b.WriteByte('\\')
		}
		b.Write(part)
		last = part[len(part)-1]
	}
	at := 0
	var open []imageSpan // the images whose description is being written
	closeUntil := func(pos int) {
		for len(open) > 0 && open[len(open)-1].labelEnd <= pos {
			inner := open[len(open)-1]
			write(src[at:inner.labelEnd])
			at = inner.end
			open = open[:len(open)-1]
		}
	}
	for _, img := range images {
		if img.start < at {
			continue // inside what was left out
		}
		closeUntil(img.start)
		write(src[at:img.start])
		at = img.labelStart
		open = append(open, img)
	}
	closeUntil(len(src))
	write(src[at:])
	return b.String()
}

// imageSpan is where an image is written in its text: from its "![" to
// after its ")" or "]", its description between labelStart and labelEnd.
type imageSpan struct{ start, labelStart, labelEnd, end int }

// imageSpan finds an image in its text, from the position goldmark gives
// it (its "!["): its description's closing bracket, then its address and
// title between parentheses, or its reference between brackets. What
// goldmark reads as an image is always found; were one not, only its "!"
// would be removed, which makes it a link.
func (s *scanner) imageSpan(img *ast.Image) imageSpan {
	src := s.src
	start := img.Pos()
	if start < 0 || !bytes.HasPrefix(src[start:], []byte("![")) {
		return imageSpan{start: len(src), labelStart: len(src), labelEnd: len(src), end: len(src)}
	}
	notFound := imageSpan{start: start, labelStart: start + 1, labelEnd: len(src), end: len(src)}
	labelEnd, ok := s.closingBracket(start + 2)
	if !ok {
		return notFound
	}
	end := labelEnd + 1
	switch {
	case img.Reference == nil: // ![description](address "title")
		if end, ok = s.inlineAddressEnd(end); !ok {
			return notFound
		}
	case img.Reference.Type != ast.ReferenceLinkShortcut: // ![description][reference], ![description][]
		refEnd, ok := s.closingBracket(end + 1)
		if !ok {
			return notFound
		}
		end = refEnd + 1
	}
	return imageSpan{start: start, labelStart: start + 2, labelEnd: labelEnd, end: end}
}

// scanner reads the parts of a link in Markdown, as CommonMark writes
// them, each part of the text read once however long it is.
type scanner struct {
	src []byte
	// images are the ends of the images already found, by their start:
	// a description is read past them.
	images map[int]int
	// noCloser are, by length, where backtick strings have no closing
	// one from: what was looked through is not looked through again.
	noCloser map[int]int
}

// closingBracket returns the position of the "]" that closes a link's
// text starting at i: brackets inside are balanced, or escaped, or in code,
// or in the address of a link inside.
func (s *scanner) closingBracket(i int) (int, bool) {
	depth := 0
	for i < len(s.src) {
		switch s.src[i] {
		case '\\':
			i += 2
			continue
		case '!':
			if end, ok := s.images[i]; ok {
				i = end
				continue
			}
		case '`':
			i = s.afterCode(i)
			continue
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return i, true
			}
			depth--
			// A link inside: its address may hold brackets, which are
			// not the text's ([a](]) is a link to "]").
			if end, ok := s.inlineAddressEnd(i + 1); ok {
				i = end
				continue
			}
		}
		i++
	}
	return 0, false
}

// afterCode returns where a code span starting with the backticks at i
// ends, or, when none closes it, the position after those backticks.
func (s *scanner) afterCode(i int) int {
	n := 0
	for i+n < len(s.src) && s.src[i+n] == '`' {
		n++
	}
	from := i + n
	until, known := s.noCloser[n]
	if !known {
		until = len(s.src)
	}
	for j := from; j < until; {
		if s.src[j] != '`' {
			j++
			continue
		}
		m := 0
		for j+m < len(s.src) && s.src[j+m] == '`' {
			m++
		}
		if m == n {
			return j + m
		}
		j += m
	}
	if s.noCloser == nil {
		s.noCloser = map[int]int{}
	}
	if from < until {
		s.noCloser[n] = from
	}
	return from
}

// inlineAddressEnd returns the position after an inline link's ")", its
// "(" at i: an address (<…>, or without spaces, its parentheses balanced)
// and a title ("…", '…' or (…)), each optional.
func (s *scanner) inlineAddressEnd(i int) (int, bool) {
	src := s.src
	if i >= len(src) || src[i] != '(' {
		return 0, false
	}
	i = s.skipSpace(i + 1)
	switch {
	case i < len(src) && src[i] == '<':
		for i++; i < len(src) && src[i] != '>'; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		i++
	default:
		depth := 0
	address:
		for ; i < len(src); i++ {
			switch c := src[i]; {
			case c == '\\':
				i++
			case util.IsSpace(c):
				break address
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					break address
				}
				depth--
			}
		}
	}
	i = s.skipSpace(i)
	if i < len(src) && (src[i] == '"' || src[i] == '\'' || src[i] == '(') {
		closer := src[i]
		if closer == '(' {
			closer = ')'
		}
		for i++; i < len(src) && src[i] != closer; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		i = s.skipSpace(i + 1)
	}
	if i < len(src) && src[i] == ')' {
		return i + 1, true
	}
	return 0, false
}

func (s *scanner) skipSpace(i int) int {
	for i < len(s.src) && util.IsSpace(s.src[i]) {
		i++
	}
	return i
}

// pick returns a text in a language, or, when it has none there, in the
// first language of the site that has it (as the pages show it).
func pick(t *content.Text, lang string, langs []string) string {
	if t == nil {
		return ""
	}
	if s := t.Values[lang]; strings.TrimSpace(s) != "" {
		return s
	}
	for _, l := range langs {
		if s := t.Values[l]; strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// Truncate shortens a plain text to at most n characters, at the end of a
// word when one ends before, and adds ellipsis: as Hugo's truncate does.
func Truncate(s string, n int, ellipsis string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	count, lastWordEnd, lastNonSpace := 0, 0, 0
	for i, r := range s {
		count++
		if unicode.IsSpace(r) {
			lastWordEnd = lastNonSpace
		} else {
			lastNonSpace = i + utf8.RuneLen(r)
		}
		if count > n {
			if lastWordEnd == 0 {
				return s[:i] + ellipsis
			}
			return s[:lastWordEnd] + ellipsis
		}
	}
	return s
}
