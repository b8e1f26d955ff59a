package translation

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
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
	texts := [2]string{was, strings.TrimSpace(u.Source)}
	changes, ok := w.changes.Load(texts)
	if !ok {
		changes, _ = w.changes.LoadOrStore(texts, WordDiff(texts[0], texts[1]))
	}
	return &Previous{Source: was, Target: u.Target, Date: r.Date, Changes: changes.([]Change)}
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

// token is a word (a run between spaces, as words are counted) with the
// spaces after it, so that a change starts and ends at a word; or the
// spaces a text starts with.
var token = regexp.MustCompile(`\S+\s*|\s+`)

// maxDiffTokens is the most words a text may have for WordDiff
// to compare it word by word: ten pages of text. Past it, and past
// maxDiffEdits, the change is shown whole: the old text removed, the new
// added.
const (
	maxDiffTokens = 5_000
	maxDiffEdits  = 2_000
)

// WordDiff returns the changes that make new of old, word by word: the kept, removed and added runs, in order, each op
// once in a row. A removal comes before the addition that replaces it.
//
// It is Myers' difference (diffmatchpatch) over words, each word a rune,
// without a time limit, so that it gives the same changes on every
// machine: its time grows with the length times the edits, which the
// limits above bound.
func WordDiff(old, new string) []Change {
	a, b := token.FindAllString(old, -1), token.FindAllString(new, -1)
	if len(a) > maxDiffTokens || len(b) > maxDiffTokens {
		return wholeChange(old, new)
	}
	// Each word is a rune of Unicode's 15th plane (private use), which
	// holds the 2 × maxDiffTokens words two texts may have.
	const plane = 0xF0000
	index := map[string]rune{}
	var words []string
	runes := func(tokens []string) []rune {
		rs := make([]rune, len(tokens))
		for i, t := range tokens {
			r, ok := index[t]
			if !ok {
				r = plane + rune(len(words))
				index[t] = r
				words = append(words, t)
			}
			rs[i] = r
		}
		return rs
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(runes(a), runes(b), false)
	edits := 0
	for _, d := range diffs {
		if d.Type != diffmatchpatch.DiffEqual {
			edits += len([]rune(d.Text))
		}
	}
	if edits > maxDiffEdits {
		return wholeChange(old, new)
	}
	// A word kept between two changes reads better as part of them.
	diffs = dmp.DiffCleanupSemantic(diffs)
	var changes []Change
	add := func(op, text string) {
		if text == "" {
			return
		}
		if n := len(changes); n > 0 && changes[n-1].Op == op {
			changes[n-1].Text += text
		} else {
			changes = append(changes, Change{op, text})
		}
	}
	// A removal before the addition that replaces it, however the
	// difference ordered them.
	var removed, added strings.Builder
	flush := func() {
		// A word replaced by others: the spaces after both are kept.
		r, a := removed.String(), added.String()
		kept := ""
		if r != "" && a != "" {
			kept = trailingSpace(r)
			if trailingSpace(a) != kept {
				kept = ""
			}
		}
		add("-", strings.TrimSuffix(r, kept))
		add("+", strings.TrimSuffix(a, kept))
		add("=", kept)
		removed.Reset()
		added.Reset()
	}
	for _, d := range diffs {
		var text strings.Builder
		for _, r := range d.Text {
			text.WriteString(words[r-plane])
		}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			add("=", text.String())
		case diffmatchpatch.DiffDelete:
			removed.WriteString(text.String())
		case diffmatchpatch.DiffInsert:
			added.WriteString(text.String())
		}
	}
	flush()
	return changes
}

// trailingSpace is the spaces a text ends with.
func trailingSpace(s string) string { return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):] }

// wholeChange is the change of a whole text into another.
func wholeChange(old, new string) []Change {
	var changes []Change
	if old != "" {
		changes = append(changes, Change{"-", old})
	}
	if new != "" {
		changes = append(changes, Change{"+", new})
	}
	return changes
}
