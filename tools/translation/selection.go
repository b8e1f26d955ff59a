package translation

import (
	"fmt"
	"slices"
	"strings"
)

// interfaceSection is what the catalogues' messages are counted under.
const interfaceSection = "interface"

// Selection narrows what an export holds; the zero Selection holds every
// text.
type Selection struct {
	// Todo holds only the texts with work: missing, or outdated.
	Todo bool
	// Kinds holds only the texts of these kinds of content (a kind's
	// name, or "interface" for the catalogues' messages).
	Kinds []string
	// Only holds only these texts: each a text's id, an item's ("kind/id"),
	// or a file (from the site's root).
	Only []string
}

// holds reports whether the selection holds a unit, written in file.
func (s Selection) holds(w *Workspace, u *Unit, file string) bool {
	if s.Todo && u.Target != "" && w.State.Condition(u) == Current {
		return false
	}
	if len(s.Kinds) > 0 && !slices.Contains(s.Kinds, u.Section) {
		return false
	}
	if len(s.Only) > 0 && !slices.ContainsFunc(s.Only, func(o string) bool {
		return o == file || o == u.ID || strings.HasPrefix(u.ID, o+"#")
	}) {
		return false
	}
	return true
}

// describe says what a file of the selection holds, for its header: its
// units, and the words they need, as agencies bill them.
func (s Selection) describe(units int, words WordCounts) string {
	what := "every text"
	if s.Todo {
		what = "the missing and outdated texts"
	}
	if len(s.Kinds) > 0 {
		what += " of " + strings.Join(s.Kinds, ", ")
	}
	if len(s.Only) > 0 {
		what += " among " + strings.Join(s.Only, ", ")
	}
	return fmt.Sprintf("This export holds %s: %d units in all. Words to translate: %s. Import it with site i18n import: only its units change.", what, units, words)
}

// check refuses a kind the model does not have.
func (s Selection) check(w *Workspace) error {
	kinds := []string{interfaceSection}
	for _, k := range w.Project.Model.Kinds {
		kinds = append(kinds, k.Name)
	}
	for _, k := range s.Kinds {
		if !slices.Contains(kinds, k) {
			return fmt.Errorf("--kind %q: no kind of content has that name; give one or more of %s, separated by commas", k, strings.Join(kinds, ", "))
		}
	}
	return nil
}
