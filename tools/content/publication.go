package content

import (
	"fmt"
	"time"

	"github.com/cyberpub/site/tools/diag"
)

// Drafts and scheduled publication: an item with draft = true, or whose
// publishDate (or, without one, its date) is after the moment of the
// build, is held back. site build publishes neither it nor anything that
// names it; site serve shows it, marked. The moment is the build's "now"
// (SOURCE_DATE_EPOCH, or the clock), or the one site check --at gives.

// HeldBack says why the item is not published at now ("a draft",
// "scheduled for 2027-03-12 14:00 UTC"), or "" when it is.
func (it *Item) HeldBack(now time.Time) string {
	if it.Draft() {
		return "a draft"
	}
	if at := it.PublishAt(); at.After(now) {
		return "scheduled for " + When(at)
	}
	return ""
}

// PublishAt is the moment the item goes out: its publishDate, or its date;
// the zero time when it has neither (a kind without pages).
func (it *Item) PublishAt() time.Time {
	if at, ok := it.Values["publishDate"].(time.Time); ok {
		return at
	}
	if t, _, ok := it.Date("date").Parse(); ok {
		return t
	}
	return time.Time{}
}

// Draft reports whether the item says draft = true.
func (it *Item) Draft() bool {
	draft, _ := it.Values["draft"].(bool)
	return draft
}

// When writes a moment for editors: the day alone when it is midnight UTC,
// else the day and the hour in UTC.
func When(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02 15:04 UTC")
}

// HeldBack returns the items held back at now, with why, by item.
func (s *Site) HeldBack(now time.Time) map[*Item]string {
	held := map[*Item]string{}
	for _, it := range s.Items {
		if it.Kind.Section == "" {
			continue
		}
		if why := it.HeldBack(now); why != "" {
			held[it] = why
		}
	}
	return held
}

// Releases are the moments around now when items go out: the last one at
// or before now, and the first one after it (the zero time when there is
// none). Between the two, what a build publishes is the same.
func (s *Site) Releases(now time.Time) (since, until time.Time) {
	for _, it := range s.Items {
		if it.Draft() || it.Kind.Section == "" {
			continue
		}
		switch at := it.PublishAt(); {
		case !at.After(now) && at.After(since):
			since = at
		case at.After(now) && (until.IsZero() || at.Before(until)):
			until = at
		}
	}
	return since, until
}

// PublicationProblems reports every reference from an item that is
// published to one that is held back (held, as HeldBack gives them): the
// published page would name a page that is not there.
func (s *Site) PublicationProblems(held map[*Item]string) diag.List {
	var problems diag.List
	for _, r := range s.Refs {
		to := s.Item(r.To.Name, r.ID)
		if to == nil || held[to] == "" || held[r.From] != "" {
			continue
		}
		line, col := r.At.Position()
		problems = append(problems, diag.Problem{File: r.At.File.Path, Line: line, Col: col, Subject: r.subject, Kind: diag.HeldBack,
			Message: fmt.Sprintf("%s %q is %s: this %s, published, would name a page that is not", r.To.Noun(), r.ID, held[to], r.From.Kind.Noun()),
			Hint:    fmt.Sprintf("remove it from here until it is published, or hold this %s back as well (draft = true, or the same publishDate)", r.From.Kind.Noun())})
	}
	return problems
}
