package translation

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
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
// <target>: its words escaped, its markup in numbered <ph> elements.
func xliffInline(text string) string {
	var b bytes.Buffer
	n, at := 0, 0
	for _, m := range inlineMarkup.FindAllStringIndex(text, -1) {
		if text[m[0]:m[1]] == "[" && !strings.Contains(text[m[1]:], "](") {
			continue // a bracket that opens no link is text
		}
		xml.EscapeText(&b, []byte(text[at:m[0]]))
		n++
		fmt.Fprintf(&b, `<ph id="%d">`, n)
		xml.EscapeText(&b, []byte(text[m[0]:m[1]]))
		b.WriteString("</ph>")
		at = m[1]
	}
	xml.EscapeText(&b, []byte(text[at:]))
	return b.String()
}

// fromXLIFFInline reads the content of a <source> or <target> back into
// the text: its character data, and the native code of its inline
// elements (<ph>, <bpt>, <ept>, <it>), whatever their ids; what a <g> or
// <mrk> holds is read as text.
func fromXLIFFInline(inner string) (string, error) {
	d := xml.NewDecoder(strings.NewReader("<t>" + inner + "</t>"))
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("the text is not XML: %w", err)
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
	}
}
