package translation

import (
	"slices"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// Condition is how a unit's translation stands.
type Condition string

const (
	Current  Condition = "current"
	Missing  Condition = "missing"
	Outdated Condition = "outdated"
)

// Condition tells whether the unit's translation is there and made from
// its source as it is now. A translation is outdated when its source
// changed since it was recorded and the translation did not; one that was
// never recorded is taken as current.
func (s State) Condition(lang string, u Unit) Condition {
	if u.TargetHash == "" {
		return Missing
	}
	r, ok := s.Lang(lang).Units[u.ID]
	if ok && r.Source != u.SourceHash && r.Target == u.TargetHash {
		return Outdated
	}
	return Current
}

// SectionStatus counts the units of one section.
type SectionStatus struct {
	Section    string  `json:"section"`
	Total      int     `json:"total"`
	Translated int     `json:"translated"`
	Missing    int     `json:"missing"`
	Outdated   int     `json:"outdated"`
	Percent    float64 `json:"percent"` // translated and current
}

// Item is a unit that needs a translator.
type Item struct {
	ID        string    `json:"id"`
	Condition Condition `json:"condition"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Col       int       `json:"col"`
	Source    string    `json:"source"`
}

// LangStatus is the status of one target language.
type LangStatus struct {
	Lang     string          `json:"lang"`
	Total    SectionStatus   `json:"total"`
	Sections []SectionStatus `json:"sections"`
	Items    []Item          `json:"items"` // missing and outdated, in file order
}

// Status computes the status of a target language.
func Status(p *project.Project, state State, lang string) (*LangStatus, diag.List) {
	units, problems := Collect(p, lang)
	st := &LangStatus{Lang: lang, Total: SectionStatus{Section: "all"}}
	bySection := map[string]*SectionStatus{}
	var order []string
	for _, u := range units {
		sec := bySection[u.Section]
		if sec == nil {
			sec = &SectionStatus{Section: u.Section}
			bySection[u.Section] = sec
			order = append(order, u.Section)
		}
		cond := state.Condition(lang, u)
		for _, c := range []*SectionStatus{sec, &st.Total} {
			c.Total++
			switch cond {
			case Missing:
				c.Missing++
			case Outdated:
				c.Outdated++
				c.Translated++
			default:
				c.Translated++
			}
		}
		if cond != Current {
			st.Items = append(st.Items, Item{ID: u.ID, Condition: cond, File: u.File, Line: u.Line, Col: u.Col, Source: u.Source})
		}
	}
	for _, name := range order {
		st.Sections = append(st.Sections, *bySection[name])
	}
	for _, c := range append([]*SectionStatus{&st.Total}, pointers(st.Sections)...) {
		if c.Total > 0 {
			c.Percent = float64(c.Translated-c.Outdated) * 100 / float64(c.Total)
		}
	}
	slices.SortStableFunc(st.Items, func(a, b Item) int {
		if a.File != b.File {
			if a.File < b.File {
				return -1
			}
			return 1
		}
		return a.Line - b.Line
	})
	return st, problems
}

func pointers(s []SectionStatus) []*SectionStatus {
	out := make([]*SectionStatus, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// OutdatedIDs returns the ids of the outdated translations of each target
// language.
func OutdatedIDs(p *project.Project) (map[string][]string, diag.List) {
	state, prob := ReadState(p)
	if prob != nil {
		return nil, diag.List{*prob}
	}
	out := map[string][]string{}
	var problems diag.List
	for _, lang := range p.Targets() {
		units, more := Collect(p, lang)
		problems = append(problems, more...)
		out[lang] = []string{}
		for _, u := range units {
			if state.Condition(lang, u) == Outdated {
				out[lang] = append(out[lang], u.ID)
			}
		}
	}
	return out, problems
}
