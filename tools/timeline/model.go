// Package timeline loads and validates the chronologies that editors write
// as data/timelines/<id>.toml, and the organisations they name in
// data/actors.toml. Hugo renders the same files; this package makes sure
// they are complete and correct first, and says where they are not.
package timeline

import "github.com/cyberpub/site/tools/field"

// Event is one dated entry of a chronology.
type Event struct {
	ID     string     `toml:"id"`
	Date   field.Date `toml:"date"`
	Actors []string   `toml:"actors"`
	// ThreatActors are the ids of data/threat-actors/ the event names.
	ThreatActors []string     `toml:"threat_actors"`
	Text         field.Text   `toml:"text"`
	Notes        []field.Text `toml:"notes"`
}

// Source is a document a chronology is drawn from.
type Source struct {
	Title field.Text `toml:"title"`
	URL   string     `toml:"url"`
}

// Timeline is one chronology: data/timelines/<ID>.toml.
type Timeline struct {
	ID      string     `toml:"-"`
	File    string     `toml:"-"` // relative to the project root
	Slug    field.Text `toml:"slug"`
	Title   field.Text `toml:"title"`
	Summary field.Text `toml:"summary"`
	Sources []Source   `toml:"sources"`
	Events  []Event    `toml:"events"`
}

// Actor is an organisation named by events.
type Actor struct {
	Name  field.Text `toml:"name"`
	Short field.Text `toml:"short"`
}

// Set is every timeline of a site and the actors they name.
type Set struct {
	Actors    map[string]Actor
	Timelines []*Timeline // by ID
}
