// Package content loads everything editors write, checks each file and the
// references between them, and reports every problem at once.
package content

import (
	"slices"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/pages"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/reference"
	"github.com/cyberpub/site/tools/timeline"
)

// Site is the content of a site.
type Site struct {
	Timelines *timeline.Set
	Reference *reference.Set
	Pages     []*pages.Page
}

// Load reads and checks the whole content of the project.
func Load(p *project.Project) (*Site, diag.List) {
	ref, problems := reference.Load(p)
	threatActors := reference.IDs(ref.ThreatActors)
	timelines, more := timeline.Load(p, threatActors)
	problems = append(problems, more...)
	ids := make([]string, len(timelines.Timelines))
	for i, t := range timelines.Timelines {
		ids[i] = t.ID
	}
	pgs, more := pages.Load(p, pages.Known{Measures: reference.IDs(ref.Measures), ThreatActors: threatActors, Timelines: ids})
	problems = append(problems, more...)
	problems = slices.Clip(problems)
	problems.Sort()
	return &Site{Timelines: timelines, Reference: ref, Pages: pgs}, problems
}
