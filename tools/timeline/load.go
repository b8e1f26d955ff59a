package timeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Where editors keep the data, relative to the project root.
const (
	ActorsFile   = "data/actors.toml"
	TimelinesDir = "data/timelines"
)

// Load reads and validates the actors and every timeline of the project;
// events may name the threat actors given. It returns all the problems it
// finds, not only the first.
func Load(p *project.Project, threatActors []string) (*Set, diag.List) {
	c := &checker{field.Checker{Langs: p.Languages}}
	set := &Set{Actors: c.loadActors(p)}
	files, _ := filepath.Glob(p.Path(TimelinesDir + "/*.toml"))
	slices.Sort(files)
	slugOwners := map[string]string{} // "lang/slug" → timeline id
	for _, f := range files {
		t := c.loadTimeline(p, f, set.Actors, threatActors)
		if t == nil {
			continue
		}
		for _, l := range p.Languages {
			slug := t.URLSlug(l.Code)
			if other, taken := slugOwners[l.Code+"/"+slug]; taken {
				line, col := 1, 1
				c.Add(diag.Problem{File: t.File, Line: line, Col: col, Message: fmt.Sprintf("the %s address %q is already used by timeline %q", field.LangName(l), slug, other),
					Hint: fmt.Sprintf("give this timeline another slug.%s", l.Code)})
			}
			slugOwners[l.Code+"/"+slug] = t.ID
		}
		set.Timelines = append(set.Timelines, t)
	}
	c.Problems.Sort()
	return set, c.Problems
}

// URLSlug is the last part of the timeline's address in a language.
func (t *Timeline) URLSlug(lang string) string {
	if s := t.Slug[lang]; s != "" {
		return s
	}
	return t.ID
}

// checker is the field checker, with the loading of this package's files.
type checker struct{ field.Checker }

func (c *checker) loadActors(p *project.Project) map[string]Actor {
	src, err := os.ReadFile(p.Path(ActorsFile))
	if err != nil {
		c.Add(diag.Problem{File: ActorsFile, Message: fmt.Sprintf("cannot read the actors: %v", err), Hint: "create it with one [actor-id] table per organisation"})
		return nil
	}
	var actors map[string]Actor
	doc, prob := tomlfile.Decode(ActorsFile, src, &actors)
	if prob != nil {
		c.Add(*prob)
		return nil
	}
	c.UnknownKeys(doc, func(k toml.Key) (string, int, []string) {
		return fmt.Sprintf("actor %q", k[0]), 1, field.Keys(Actor{})
	})
	for _, id := range field.SortedKeys(actors) {
		subject := fmt.Sprintf("actor %q", id)
		if !field.ValidID(id) {
			c.Add(field.WithHint(field.At(doc, subject, []string{id}, "the actor id %q is not usable in the timelines", id), field.IDHint))
		}
		a := actors[id]
		c.Text(doc, subject, []string{id, "name"}, "name", a.Name, true)
		c.Text(doc, subject, []string{id, "short"}, "short", a.Short, true)
	}
	return actors
}

func (c *checker) loadTimeline(p *project.Project, path string, actors map[string]Actor, threatActors []string) *Timeline {
	rel := filepath.ToSlash(strings.TrimPrefix(path, p.Root+string(filepath.Separator)))
	src, err := os.ReadFile(path)
	if err != nil {
		c.Add(diag.Problem{File: rel, Message: fmt.Sprintf("cannot read: %v", err)})
		return nil
	}
	t := &Timeline{ID: strings.TrimSuffix(filepath.Base(path), ".toml"), File: rel}
	doc, prob := tomlfile.Decode(rel, src, t)
	if prob != nil {
		c.Add(*prob)
		return nil
	}
	if !field.ValidID(t.ID) {
		c.Add(diag.Problem{File: rel, Line: 1, Col: 1, Message: fmt.Sprintf("the file name %q cannot be a timeline id", t.ID), Hint: "rename the file: " + field.IDHint})
	}

	// Each event is decoded once more on its own, for positions of its own.
	events := doc.Elements("events", func() any { return &Event{} })
	eventDoc := func(i int) *tomlfile.Document {
		if events != nil {
			return events[i]
		}
		return doc
	}
	eventKey := func(key ...string) []string {
		if events != nil {
			return key
		}
		return []string{"events"} // positions of the array as a whole
	}

	c.UnknownKeys(doc, func(k toml.Key) (string, int, []string) {
		switch {
		case k[0] == "events" && events != nil:
			return "", -1, nil // reported per event below
		case k[0] == "events":
			return "", 1, field.Keys(Event{})
		case k[0] == "sources":
			return "", 1, field.Keys(Source{})
		}
		return "", 0, field.Keys(Timeline{})
	})

	c.Text(doc, "", []string{"title"}, "title", t.Title, true)
	c.Text(doc, "", []string{"summary"}, "summary", t.Summary, true)
	for _, l := range c.Langs {
		if s, ok := t.Slug[l.Code]; ok && !field.ValidID(s) {
			c.Add(field.WithHint(field.At(doc, "", []string{"slug", l.Code}, "the %s slug %q cannot be part of an address", field.LangName(l), s), field.IDHint))
		}
	}
	for i, s := range t.Sources {
		c.Text(doc, "", []string{"sources"}, fmt.Sprintf("sources[%d].title", i+1), s.Title, true)
		c.URL(doc, "", []string{"sources"}, fmt.Sprintf("source %d", i+1), s.URL)
	}
	if len(t.Events) == 0 {
		c.Add(field.WithHint(field.At(doc, "", nil, "the timeline has no events"), "add an [[events]] table; `site new event "+t.ID+"` writes one"))
	}

	seen := map[string]int{}
	for i, e := range t.Events {
		d := eventDoc(i)
		subject := fmt.Sprintf("event %d", i+1)
		if e.ID != "" {
			subject = fmt.Sprintf("event %q", e.ID)
		}
		if events != nil {
			c.UnknownKeys(d, func(toml.Key) (string, int, []string) { return subject, 0, field.Keys(Event{}) })
		}
		switch {
		case e.ID == "":
			c.Add(field.WithHint(field.At(d, subject, eventKey("events"), "the event has no id"), "add id = \"YYYY-MM-DD-what-happened\"; it is the event's anchor and must never change"))
		case !field.ValidID(e.ID):
			c.Add(field.WithHint(field.At(d, subject, eventKey("id"), "the id %q cannot be an anchor", e.ID), field.IDHint))
		case seen[e.ID] > 0:
			c.Add(field.WithHint(field.At(d, subject, eventKey("id"), "the id %q is already used by event %d", e.ID, seen[e.ID]), "give each event its own id"))
		}
		if e.ID != "" && seen[e.ID] == 0 {
			seen[e.ID] = i + 1
		}
		if e.Date.Raw == "" {
			c.Add(field.WithHint(field.At(d, subject, eventKey("events"), "the event has no date"), "add date = 2021-01-22, or \"2021-01\" or \"2021\" when only the month or year is known"))
		} else if _, _, err := e.Date.Parse(); err != nil {
			c.Add(field.WithHint(field.At(d, subject, eventKey("date"), "%q is not a date that exists", e.Date.Raw), "write 2021-01-22, or \"2021-01\" or \"2021\" when only the month or year is known"))
		}
		if actors != nil {
			for _, a := range e.Actors {
				c.Ref(d, subject, eventKey("actors"), "actor", a, field.SortedKeys(actors), ActorsFile)
			}
		}
		for _, a := range e.ThreatActors {
			c.Ref(d, subject, eventKey("threat_actors"), "threat actor", a, threatActors, "data/threat-actors/")
		}
		c.Text(d, subject, eventKey("text"), "text", e.Text, true)
		for n, note := range e.Notes {
			c.Text(d, subject, eventKey("notes"), fmt.Sprintf("notes[%d]", n+1), note, true)
		}
	}
	return t
}
