package timeline

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Where editors keep the data, relative to the project root.
const (
	ActorsFile   = "data/actors.toml"
	TimelinesDir = "data/timelines"
)

// idPattern is what ids and slugs look like: they become URLs and anchors.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const idHint = "use lower-case letters, digits and single hyphens, like 2021-01-22-first-report"

// Load reads and validates the actors and every timeline of the project.
// It returns all the problems it finds, not only the first.
func Load(p *project.Project) (*Set, diag.List) {
	c := &checker{langs: p.Languages}
	set := &Set{Actors: c.loadActors(p)}
	files, _ := filepath.Glob(p.Path(TimelinesDir + "/*.toml"))
	slices.Sort(files)
	slugOwners := map[string]string{} // "lang/slug" → timeline id
	for _, f := range files {
		t := c.loadTimeline(p, f, set.Actors)
		if t == nil {
			continue
		}
		for _, l := range p.Languages {
			slug := t.URLSlug(l.Code)
			if other, taken := slugOwners[l.Code+"/"+slug]; taken {
				line, col := 1, 1
				c.add(diag.Problem{File: t.File, Line: line, Col: col, Message: fmt.Sprintf("the %s address %q is already used by timeline %q", langName(l), slug, other),
					Hint: fmt.Sprintf("give this timeline another slug.%s", l.Code)})
			}
			slugOwners[l.Code+"/"+slug] = t.ID
		}
		set.Timelines = append(set.Timelines, t)
	}
	c.problems.Sort()
	return set, c.problems
}

// URLSlug is the last part of the timeline's address in a language.
func (t *Timeline) URLSlug(lang string) string {
	if s := t.Slug[lang]; s != "" {
		return s
	}
	return t.ID
}

type checker struct {
	langs    []project.Language
	problems diag.List
}

func (c *checker) add(p diag.Problem) { c.problems = append(c.problems, p) }

// at builds a problem at the position of key in doc.
func at(doc *tomlfile.Document, subject string, key []string, format string, args ...any) diag.Problem {
	line, col := doc.Position(key...)
	return diag.Problem{File: doc.File, Line: line, Col: col, Subject: subject, Message: fmt.Sprintf(format, args...)}
}

func (c *checker) loadActors(p *project.Project) map[string]Actor {
	src, err := os.ReadFile(p.Path(ActorsFile))
	if err != nil {
		c.add(diag.Problem{File: ActorsFile, Message: fmt.Sprintf("cannot read the actors: %v", err), Hint: "create it with one [actor-id] table per organisation"})
		return nil
	}
	var actors map[string]Actor
	doc, prob := tomlfile.Decode(ActorsFile, src, &actors)
	if prob != nil {
		c.add(*prob)
		return nil
	}
	c.unknownKeys(doc, func(k toml.Key) (string, int, []string) {
		return fmt.Sprintf("actor %q", k[0]), 1, tomlKeys(Actor{})
	})
	for _, id := range sortedKeys(actors) {
		subject := fmt.Sprintf("actor %q", id)
		if !idPattern.MatchString(id) {
			c.add(withHint(at(doc, subject, []string{id}, "the actor id %q is not usable in the timelines", id), idHint))
		}
		a := actors[id]
		c.text(doc, subject, []string{id, "name"}, "name", a.Name, true)
		c.text(doc, subject, []string{id, "short"}, "short", a.Short, true)
	}
	return actors
}

func (c *checker) loadTimeline(p *project.Project, path string, actors map[string]Actor) *Timeline {
	rel := filepath.ToSlash(strings.TrimPrefix(path, p.Root+string(filepath.Separator)))
	src, err := os.ReadFile(path)
	if err != nil {
		c.add(diag.Problem{File: rel, Message: fmt.Sprintf("cannot read: %v", err)})
		return nil
	}
	t := &Timeline{ID: strings.TrimSuffix(filepath.Base(path), ".toml"), File: rel}
	doc, prob := tomlfile.Decode(rel, src, t)
	if prob != nil {
		c.add(*prob)
		return nil
	}
	if !idPattern.MatchString(t.ID) {
		c.add(diag.Problem{File: rel, Line: 1, Col: 1, Message: fmt.Sprintf("the file name %q cannot be a timeline id", t.ID), Hint: "rename the file: " + idHint})
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

	c.unknownKeys(doc, func(k toml.Key) (string, int, []string) {
		switch {
		case k[0] == "events" && events != nil:
			return "", -1, nil // reported per event below
		case k[0] == "events":
			return "", 1, tomlKeys(Event{})
		case k[0] == "sources":
			return "", 1, tomlKeys(Source{})
		}
		return "", 0, tomlKeys(Timeline{})
	})

	c.text(doc, "", []string{"title"}, "title", t.Title, true)
	c.text(doc, "", []string{"summary"}, "summary", t.Summary, true)
	if t.Slug != nil {
		c.text(doc, "", []string{"slug"}, "slug", t.Slug, false)
		for _, l := range c.langs {
			if s, ok := t.Slug[l.Code]; ok && s != "" && !idPattern.MatchString(s) {
				c.add(withHint(at(doc, "", []string{"slug", l.Code}, "the %s slug %q cannot be part of an address", langName(l), s), idHint))
			}
		}
	}
	for i, s := range t.Sources {
		field := fmt.Sprintf("sources[%d].title", i+1)
		c.text(doc, "", []string{"sources"}, field, s.Title, true)
		if s.URL != "" {
			if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				c.add(withHint(at(doc, "", []string{"sources"}, "the address of source %d, %q, is not a web address", i+1, s.URL), "write the full address, starting with https://"))
			}
		}
	}
	if len(t.Events) == 0 {
		c.add(withHint(at(doc, "", nil, "the timeline has no events"), "add an [[events]] table; `site new event "+t.ID+"` writes one"))
	}

	seen := map[string]int{}
	for i, e := range t.Events {
		d := eventDoc(i)
		subject := fmt.Sprintf("event %d", i+1)
		if e.ID != "" {
			subject = fmt.Sprintf("event %q", e.ID)
		}
		if events != nil {
			c.unknownKeys(d, func(toml.Key) (string, int, []string) { return subject, 0, tomlKeys(Event{}) })
		}
		switch {
		case e.ID == "":
			c.add(withHint(at(d, subject, eventKey("events"), "the event has no id"), "add id = \"YYYY-MM-DD-what-happened\"; it is the event's anchor and must never change"))
		case !idPattern.MatchString(e.ID):
			c.add(withHint(at(d, subject, eventKey("id"), "the id %q cannot be an anchor", e.ID), idHint))
		case seen[e.ID] > 0:
			c.add(withHint(at(d, subject, eventKey("id"), "the id %q is already used by event %d", e.ID, seen[e.ID]), "give each event its own id"))
		}
		if e.ID != "" && seen[e.ID] == 0 {
			seen[e.ID] = i + 1
		}
		if e.Date.Raw == "" {
			c.add(withHint(at(d, subject, eventKey("events"), "the event has no date"), "add date = 2021-01-22, or \"2021-01\" or \"2021\" when only the month or year is known"))
		} else if _, _, err := e.Date.Parse(); err != nil {
			c.add(withHint(at(d, subject, eventKey("date"), "%q is not a date that exists", e.Date.Raw), "write 2021-01-22, or \"2021-01\" or \"2021\" when only the month or year is known"))
		}
		for _, a := range e.Actors {
			if _, ok := actors[a]; !ok && actors != nil {
				p := at(d, subject, eventKey("actors"), "unknown actor %q", a)
				if s := tomlfile.Suggest(a, sortedKeys(actors)); s != "" {
					p.Hint = fmt.Sprintf("did you mean %q? The actors are the tables of %s", s, ActorsFile)
				} else {
					p.Hint = "add it to " + ActorsFile + " or use one of its ids"
				}
				c.add(p)
			}
		}
		c.text(d, subject, eventKey("text"), "text", e.Text, true)
		for n, note := range e.Notes {
			c.text(d, subject, eventKey("notes"), fmt.Sprintf("notes[%d]", n+1), note, true)
		}
	}
	return t
}

// text checks that a text is given in every language of the site, and in no other.
func (c *checker) text(doc *tomlfile.Document, subject string, key []string, field string, t Text, required bool) {
	if len(t) == 0 {
		if required {
			c.add(withHint(at(doc, subject, parent(key), "%s is missing", field), fmt.Sprintf("add %s", c.textExample(field))))
		}
		return
	}
	var missing, empty []project.Language
	for _, l := range c.langs {
		s, ok := t[l.Code]
		switch {
		case !ok:
			missing = append(missing, l)
		case strings.TrimSpace(s) == "":
			empty = append(empty, l)
		}
	}
	for _, lang := range sortedKeys(t) {
		if !slices.ContainsFunc(c.langs, func(l project.Language) bool { return l.Code == lang }) {
			p := at(doc, subject, append(slices.Clone(key), lang), "%s has a text in %q, which is not a language of the site", field, lang)
			p.Hint = "the languages are " + strings.Join(c.codes(), " and ")
			if s := tomlfile.Suggest(lang, c.codes()); s != "" {
				p.Hint = fmt.Sprintf("did you mean %q? ", s) + p.Hint
			}
			c.add(p)
		}
	}
	given := len(c.langs) - len(missing) - len(empty)
	kind := diag.TranslationGap
	if given == 0 {
		kind = diag.Invalid // nothing to translate from
	}
	for _, l := range missing {
		hint := fmt.Sprintf("add %s.%s = \"…\"", lastKey(key, field), l.Code)
		if strings.Contains(field, "[") { // an inline table in a list
			hint = fmt.Sprintf("add %s = \"…\" inside the { } of %s", l.Code, field)
		}
		p := withHint(at(doc, subject, c.presentKey(key, t), "%s has no %s text", field, langName(l)), hint)
		p.Kind = kind
		c.add(p)
	}
	for _, l := range empty {
		p := withHint(at(doc, subject, append(slices.Clone(key), l.Code), "%s: the %s text is empty", field, langName(l)), "write the text between the quotes")
		p.Kind = kind
		c.add(p)
	}
}

// presentKey points at a language that is there, to show where the text is.
func (c *checker) presentKey(key []string, t Text) []string {
	for _, l := range c.langs {
		if _, ok := t[l.Code]; ok {
			return append(slices.Clone(key), l.Code)
		}
	}
	return key
}

func (c *checker) textExample(field string) string {
	parts := make([]string, len(c.langs))
	for i, l := range c.langs {
		parts[i] = fmt.Sprintf("%s.%s = \"…\"", lastKey(nil, field), l.Code)
	}
	return strings.Join(parts, " and ")
}

func (c *checker) codes() []string {
	codes := make([]string, len(c.langs))
	for i, l := range c.langs {
		codes[i] = l.Code
	}
	return codes
}

// unknownKeys reports the keys the file sets that have no meaning. classify
// returns, for a key, the subject, which part of the key is unknown (-1: not
// reported here) and the keys that would have been known in its place.
func (c *checker) unknownKeys(doc *tomlfile.Document, classify func(toml.Key) (subject string, part int, known []string)) {
	for _, k := range doc.Unknown() {
		subject, part, known := classify(k)
		if part < 0 || part >= len(k) {
			continue
		}
		p := at(doc, subject, k, "unknown key %q", strings.Join(k, "."))
		if s := tomlfile.Suggest(k[part], known); s != "" {
			p.Hint = fmt.Sprintf("did you mean %q?", s)
		} else {
			p.Hint = "the known keys here are " + strings.Join(known, ", ")
		}
		c.add(p)
	}
}

func langName(l project.Language) string { return fmt.Sprintf("%q (%s)", l.Code, l.Name) }

func withHint(p diag.Problem, hint string) diag.Problem {
	p.Hint = hint
	return p
}

func parent(key []string) []string {
	if len(key) == 0 {
		return nil
	}
	return key[:len(key)-1]
}

// lastKey is how the field is written in the file: "text" for events.text,
// "notes" for notes[2].
func lastKey(key []string, field string) string {
	if i := strings.IndexByte(field, '['); i >= 0 {
		return field[:i]
	}
	if len(key) > 0 && key[len(key)-1] != "events" {
		return key[len(key)-1]
	}
	return field
}

// tomlKeys lists the keys a struct reads, from its toml tags.
func tomlKeys(v any) []string {
	var keys []string
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("toml"); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ValidID reports whether s can be a timeline or event id, or a slug.
func ValidID(s string) bool { return idPattern.MatchString(s) }
