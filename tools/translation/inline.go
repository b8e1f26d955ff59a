package translation

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Inline Markdown travels in XLIFF as <ph> elements holding the markup
// itself (XLIFF 1.2's "native code"): CAT tools show each as a tag that
// the translator places but does not type, and the import puts the
// markup back as it was. The words between stay text to translate: the
// text of a link, of emphasis.

// inlineMarkup is what is markup in a text: code spans (whole), footnote
// references, autolinks, the brackets and destination of a link, and
// emphasis markers around words.
var inlineMarkup = regexp.MustCompile("`[^`\n]+`" + // code
	`|\[\^[^\]\s]+\]` + // a footnote reference
	`|<https?://[^>\s]+>` + // an autolink
	`|!?\[|\]\([^)\s]*(?:\s+"[^"\n]*")?\)` + // a link's (or image's) opening bracket, its destination
	`|\*\*|__|\*|\b_|_\b`) // emphasis

// xliffInline writes a text as the content of an XLIFF <source> or
// <target>: its words escaped, its markup in numbered <ph> elements (attr
// names their number: "id" in XLIFF, "x" in TMX).
func xliffInline(text string) string { return withTags(text, "id") }

func withTags(text, attr string) string {
	var b bytes.Buffer
	n, at := 0, 0
	for _, m := range markupIn(text) {
		xml.EscapeText(&b, []byte(text[at:m[0]]))
		n++
		fmt.Fprintf(&b, `<ph %s="%d">`, attr, n)
		xml.EscapeText(&b, []byte(text[m[0]:m[1]]))
		b.WriteString("</ph>")
		at = m[1]
	}
	xml.EscapeText(&b, []byte(text[at:]))
	return b.String()
}

// markupIn returns where the markup of a text is.
func markupIn(text string) [][]int {
	var spans [][]int
	for _, m := range inlineMarkup.FindAllStringIndex(text, -1) {
		if text[m[0]:m[1]] == "[" && !strings.Contains(text[m[1]:], "](") {
			continue // a bracket that opens no link is text
		}
		spans = append(spans, m)
	}
	return spans
}

// fromXLIFFInline reads the content of a <source> or <target> back into
// the text: its character data, and the native code of its inline
// elements (<ph>, <bpt>, <ept>, <it>), whatever their ids; what a <g> or
// <mrk> holds is read as text. An element a tool left empty (<ph id="2"/>)
// is the markup of the source's element of that id (source, as
// xliffInline wrote it).
func fromXLIFFInline(inner string, source string) (string, error) {
	d := xml.NewDecoder(strings.NewReader("<t>" + inner + "</t>"))
	var b strings.Builder
	type element struct {
		id    string
		start int // where its content starts in b
	}
	var open []element // the inline elements we are in
	held := false      // whether the innermost held anything
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("the text is not XML: %w", err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
			held = held || len(tok) > 0
		case xml.StartElement:
			if tok.Name.Local == "ph" {
				id := ""
				for _, a := range tok.Attr {
					if a.Name.Local == "id" {
						id = a.Value
					}
				}
				open, held = append(open, element{id, b.Len()}), false
			}
		case xml.EndElement:
			if tok.Name.Local == "ph" && len(open) > 0 {
				e := open[len(open)-1]
				open = open[:len(open)-1]
				if !held {
					b.WriteString(tagByID(source, e.id))
					continue
				}
				// A CAT tool shows a tag, not what it holds: words in
				// one would be published unseen.
				code := b.String()[e.start:]
				if m := inlineMarkup.FindStringIndex(code); m == nil || m[0] != 0 || m[1] != len(code) {
					return "", fmt.Errorf("its tag <ph id=%q> holds %q, which is no markup: a CAT tool shows the tag, not the words in it; put the words outside the tag", e.id, code)
				}
			}
		}
	}
}

// tagByID is the markup of the element of a text's XLIFF form with that id.
func tagByID(text, id string) string {
	n, err := strconv.Atoi(id)
	spans := markupIn(text)
	if err != nil || n < 1 || n > len(spans) {
		return ""
	}
	return text[spans[n-1][0]:spans[n-1][1]]
}

// lostMarkup returns the markup of a source that its translation lacks: a
// translation places each tag of its source (and may add its own).
func lostMarkup(source, target string) []string {
	count := map[string]int{}
	for _, m := range markupIn(target) {
		count[target[m[0]:m[1]]]++
	}
	var lost []string
	for _, m := range markupIn(source) {
		tag := source[m[0]:m[1]]
		if count[tag] == 0 {
			lost = append(lost, tag)
		}
		count[tag]--
	}
	return lost
}
