package frontmatter

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		front, body string
		line        int // of the problem; 0 for none
		message     string
	}{
		{name: "LF", src: "+++\ntitle = \"T\"\n+++\nText.\n", front: "title = \"T\"\n", body: "Text.\n"},
		// CRLF pages once left their front matter in the body.
		{name: "CRLF", src: "+++\r\ntitle = \"T\"\r\n+++\r\nText.\r\n", front: "title = \"T\"\r\n", body: "Text.\r\n"},
		{name: "no body", src: "+++\ntitle = \"T\"\n+++", front: "title = \"T\"\n", body: ""},
		{name: "empty front matter", src: "+++\n+++\nText.\n", front: "", body: "Text.\n"},
		{name: "a byte-order mark", src: "\uFEFF+++\ntitle = \"T\"\n+++\nText.\n", front: "title = \"T\"\n", body: "Text.\n"},
		// A +++ inside a line is text, not the end of the front matter.
		{name: "+++ in a value", src: "+++\ntitle = \"a +++ b\"\n+++\nText.\n", front: "title = \"a +++ b\"\n", body: "Text.\n"},
		{name: "YAML", src: "---\ntitle: T\n---\n", line: 1, message: "the front matter is YAML"},
		{name: "none", src: "# Title\n", line: 1, message: "the file has no front matter"},
		{name: "not closed", src: "+++\ntitle = \"T\"\nText.\n", line: 1, message: "the front matter is not closed"},
		{name: "empty file", src: "", line: 1, message: "the file has no front matter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, prob := Split([]byte(tc.src))
			switch {
			case tc.message != "":
				if prob == nil || prob.Line != tc.line || !strings.HasPrefix(prob.Message, tc.message) || prob.Hint == "" {
					t.Errorf("got %v, want line %d: %s…, with a hint", prob, tc.line, tc.message)
				}
			case prob != nil:
				t.Errorf("unexpected %v", prob)
			case string(p.FrontMatter()) != tc.front || string(p.Text()) != tc.body:
				t.Errorf("front matter %q and body %q, want %q and %q", p.FrontMatter(), p.Text(), tc.front, tc.body)
			}
		})
	}
}
