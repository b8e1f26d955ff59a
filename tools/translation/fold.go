package translation

import (
	"slices"

	"github.com/cyberpub/site/tools/project"
)

// Report says what an import or a merge did.
type Report struct {
	Lang     string
	Written  []string // files changed
	Imported int      // translations written
	Same     int      // translations already as in the files
	// Stale are the texts translated from a source that has changed since:
	// their translation is written but stays outdated until reviewed.
	Stale []string
}

// foldBack writes translations (segment id → text) into the site's files,
// then records as current the units translated from their source as it is
// now (stale holds the unit ids that were not), and writes the state.
func foldBack(p *project.Project, state State, r *Report, segments []Segment, targets map[string]string, stale map[string]bool) (*Report, error) {
	written, err := Apply(p, segments, targets)
	r.Written = written
	if err != nil {
		return r, err
	}
	bySegment := map[string]Segment{}
	for _, s := range segments {
		bySegment[s.ID] = s
	}
	translated := map[string]bool{}
	for id := range targets {
		translated[bySegment[id].Unit.ID] = true
	}
	after, _ := Collect(p, r.Lang)
	for _, u := range after {
		if translated[u.ID] && !stale[u.ID] {
			state.Confirm(r.Lang, u)
		}
	}
	slices.Sort(r.Stale)
	return r, state.Write(p)
}
