package translation

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cyberpub/site/tools/export"
)

// WordCounts are the words of the source texts a language still needs, as
// agencies bill them: the words of new texts, of outdated ones (their
// translation to review against the new source), and of texts repeated
// (the same source as a current translation, which a CAT tool fills from
// the memory, or as a text counted before).
type WordCounts struct {
	New      int `json:"new"`
	Outdated int `json:"outdated"`
	Repeated int `json:"repeated"`
}

// String says the counts as a sentence's end.
func (c WordCounts) String() string {
	return fmt.Sprintf("%d new, %d outdated, %d repeated", c.New, c.Outdated, c.Repeated)
}

// countWords counts the words of a text as CAT tools do: the runs between
// spaces of its plain text (the page's words: no link address, no
// Markdown), each holding a letter or a digit; « l’hameçonnage » and
// spear-phishing are one word each.
func countWords(markdown string) int {
	n := 0
	for _, f := range strings.Fields(export.PlainText(markdown)) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// wordCounts counts the words units need in their language: those of all
// (the site's units of that language) give the memory's sources.
func (w *Workspace) wordCounts(units, all []*Unit) WordCounts {
	seen := map[string]bool{}
	for _, u := range all {
		if u.Target != "" && w.State.Condition(u) == Current {
			seen[u.Source] = true
		}
	}
	var c WordCounts
	for _, u := range units {
		cond := w.State.Condition(u)
		switch {
		case u.Target != "" && cond == Current:
		case cond == Outdated:
			c.Outdated += countWords(u.Source)
		case seen[u.Source]:
			c.Repeated += countWords(u.Source)
		default:
			c.New += countWords(u.Source)
			seen[u.Source] = true
		}
	}
	return c
}
