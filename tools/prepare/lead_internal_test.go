package prepare

import "testing"

// A timeline's summary is split into its first paragraph, before the
// events, and the others, after them, only when each part renders alone
// as it renders within the whole.
func TestSplitLead(t *testing.T) {
	for _, tc := range []struct {
		name, md, lead, more string
	}{
		{"two paragraphs", "First.\n\nSecond.\n\nThird.", "First.", "Second.\n\nThird."},
		{"one paragraph", "Only one.", "Only one.", ""},
		{"a first paragraph in italics", "*A* first.\n\nSecond.", "*A* first.", "Second."},
		// A link reference's definition is at the end: the lead would show
		// the brackets.
		{"a link reference", "See [the message][msg].\n\nMore.\n\n[msg]: https://example.org/", "See [the message][msg].\n\nMore.\n\n[msg]: https://example.org/", ""},
		// A footnote's mark and its text are rendered together.
		{"a footnote", "A fact.[^1]\n\nMore.\n\n[^1]: Its source.", "A fact.[^1]\n\nMore.\n\n[^1]: Its source.", ""},
		// A blank line inside a code block is no paragraph's end.
		{"a code block", "```\ncode\n\nmore code\n```\n\nText.", "```\ncode\n\nmore code\n```\n\nText.", ""},
		{"a list first", "- one\n- two\n\nText.", "- one\n- two\n\nText.", ""},
		{"a numbered list first", "1. one\n\nText.", "1. one\n\nText.", ""},
		{"a heading first", "## Title\n\nText.", "## Title\n\nText.", ""},
		{"a quotation first", "> Quoted.\n\nText.", "> Quoted.\n\nText.", ""},
		{"a year first", "2021 was the year.\n\nText.", "2021 was the year.", "Text."},
	} {
		lead, more := splitLead(&Text{MD: tc.md, Mark: "outdated"})
		got := ""
		if more != nil {
			got = more.MD
			if more.Mark != "" {
				t.Errorf("%s: the rest is marked too: the note would show twice", tc.name)
			}
		}
		if lead.MD != tc.lead || got != tc.more || lead.Mark != "outdated" {
			t.Errorf("%s: lead %q, more %q (mark %q); want %q, %q", tc.name, lead.MD, got, lead.Mark, tc.lead, tc.more)
		}
	}
}
