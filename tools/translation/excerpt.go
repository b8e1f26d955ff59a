package translation

import "strings"

// Excerpt is the start of a text, on one line: in the status, and in the
// preview to find a block of a body on its page.
func Excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
