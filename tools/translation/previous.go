package translation

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// Previous is what an outdated translation was made from: the source as it
// was then, the translation (unchanged since), the day it was recorded and
// the changes from that source to the one there is now, word by word.
type Previous struct {
	Source  string   `json:"source"`
	Target  string   `json:"target"`
	Date    string   `json:"date,omitempty"` // "" when the state does not say
	Changes []Change `json:"changes"`
}

// Previous returns what the unit's translation was made from, when it is
// outdated and the state keeps the source it was made from; nil otherwise.
func (w *Workspace) Previous(u *Unit) *Previous {
	if w.State.Condition(u) != Outdated {
		return nil
	}
	r := w.State.Lang(u.Lang).Units[u.ID]
	was, ok := w.State.Lang(u.Lang).Sources[r.Source]
	if !ok {
		return nil
	}
	return &Previous{Source: was, Target: u.Target, Date: r.Date, Changes: WordDiff(was, strings.TrimSpace(u.Source))}
}

// OutdatedSince says since when a translation is outdated: after the day
// it was recorded, and, when the item says it changed later, by the day of
// that change.
func (w *Workspace) OutdatedSince(u *Unit) string {
	r := w.State.Lang(u.Lang).Units[u.ID]
	since := fmt.Sprintf("the %s has changed since this translation was recorded", w.Project.Source().Name)
	if r.Date != "" {
		since += " on " + r.Date
	}
	if u.Text != nil {
		// The item's own date of change, when later: an editor's word for
		// it, not the day the text changed.
		if changed := u.Text.Item.Lastmod().Raw; len(changed) >= 10 && changed[:10] > r.Date {
			since += fmt.Sprintf(" (the %s's lastmod is %s)", u.Text.Item.Kind.Name, changed[:10])
		}
	}
	return since
}

// outdatedNote is an exported unit's note on its outdated translation.
func (w *Workspace) outdatedNote(u *Unit) string {
	note := "Outdated: " + w.OutdatedSince(u) + "."
	if w.Previous(u) != nil {
		return note + " The text it was translated from is the previous version (alt-trans)."
	}
	return note + " The text it was translated from was not recorded."
}

// Change is a run of a text that a change kept, removed or added.
type Change struct {
	Op   string `json:"op"` // "=" kept, "-" removed, "+" added
	Text string `json:"text"`
}

// token is a word (a run between spaces, as words are counted) or the
// spaces between two.
var token = regexp.MustCompile(`\s+|\S+`)

// WordDiff returns the changes that make new of old, word by word, with
// the spaces between: the kept, removed and added runs, in order, each op
// once in a row. A removal comes before the addition that replaces it.
func WordDiff(old, new string) []Change {
	a, b := token.FindAllString(old, -1), token.FindAllString(new, -1)
	var changes []Change
	add := func(op string, words []string) {
		for _, w := range words {
			if n := len(changes); n > 0 && changes[n-1].Op == op {
				changes[n-1].Text += w
			} else {
				changes = append(changes, Change{op, w})
			}
		}
	}
	// Without the heuristic that takes frequent words ("the", "de") as
	// noise, which makes worse differences of the texts of a site.
	m := difflib.NewMatcherWithJunk(a, b, false, nil)
	for _, op := range m.GetOpCodes() {
		switch op.Tag {
		case 'e':
			add("=", a[op.I1:op.I2])
		case 'd':
			add("-", a[op.I1:op.I2])
		case 'i':
			add("+", b[op.J1:op.J2])
		case 'r':
			add("-", a[op.I1:op.I2])
			add("+", b[op.J1:op.J2])
		}
	}
	return changes
}
