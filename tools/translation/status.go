package translation

import (
	"cmp"
	"slices"
)

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
	// Since and Previous are, for an outdated one, since when, and what it
	// was made from when the state keeps it.
	Since    string    `json:"since,omitempty"`
	Previous *Previous `json:"previous,omitempty"`
}

// LangStatus is the status of one target language.
type LangStatus struct {
	Lang     string          `json:"lang"`
	Total    SectionStatus   `json:"total"`
	Sections []SectionStatus `json:"sections"`
	Items    []Item          `json:"items"` // missing and outdated, in file order
	// Words are the words still to translate or review, by state.
	Words WordCounts `json:"words"`
}

// Status computes the status of a target language.
func (w *Workspace) Status(lang string) *LangStatus {
	st := &LangStatus{Lang: lang, Total: SectionStatus{Section: "all"}, Items: []Item{}}
	bySection := map[string]*SectionStatus{}
	var order []string
	units := w.Units(lang)
	st.Words = w.wordCounts(units, units)
	for _, u := range units {
		sec := bySection[u.Section]
		if sec == nil {
			sec = &SectionStatus{Section: u.Section}
			bySection[u.Section] = sec
			order = append(order, u.Section)
		}
		cond := w.State.Condition(u)
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
			file, line, col := u.Where(w.Project)
			it := Item{ID: u.ID, Condition: cond, File: file, Line: line, Col: col, Source: u.Source}
			if cond == Outdated {
				it.Since, it.Previous = w.OutdatedSince(u), w.Previous(u)
			}
			st.Items = append(st.Items, it)
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
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return st
}

func pointers(s []SectionStatus) []*SectionStatus {
	out := make([]*SectionStatus, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// Outdated returns the outdated translations of each target language.
func (w *Workspace) Outdated() map[string][]*Unit {
	out := map[string][]*Unit{}
	for _, lang := range w.Project.Targets() {
		for _, u := range w.Units(lang) {
			if w.State.Condition(u) == Outdated {
				out[lang] = append(out[lang], u)
			}
		}
	}
	return out
}
