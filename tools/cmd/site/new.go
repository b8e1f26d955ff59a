package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/timeline"
)

type newCommand struct {
	source string
	date   string
	id     string
	now    func() time.Time // the clock, for the default date
}

func (*newCommand) name() string { return "new" }
func (*newCommand) synopsis() string {
	return "new timeline ID | new event TIMELINE [--date DATE] [--id ID]"
}
func (*newCommand) help() string {
	return `Writes a skeleton for new content, with a key for each language and
comments that say what goes where.
  site new timeline ID     writes data/timelines/ID.toml with one event
  site new event TIMELINE  adds an event at the end of data/timelines/TIMELINE.toml
Fill in the texts, then run "site check": it points at what is left.`
}
func (c *newCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.date, "date", "", "the event's date: 2021-01-22, or 2021-01 or 2021 (default: today)")
	fs.StringVar(&c.id, "id", "", "the event's id (default: the date and \"new-event\")")
}

func (c *newCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 {
		return usageError("new takes a kind (timeline or event) and a name")
	}
	p, prob := project.Open(c.source)
	if prob != nil {
		return errors.New(prob.String())
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	date := field.Date{Raw: c.date}
	if date.Raw == "" {
		date.Raw = now().Format(time.DateOnly)
	}
	if _, _, err := date.Parse(); err != nil {
		return usageError(fmt.Sprintf("--date %q is not a date: write 2021-01-22, 2021-01 or 2021", c.date))
	}
	id := c.id
	if id == "" {
		id = date.Raw + "-new-event"
	}
	if !field.ValidID(id) {
		return usageError(fmt.Sprintf("--id %q cannot be an anchor: use lower-case letters, digits and single hyphens", id))
	}
	kind, name := args[0], args[1]
	if !field.ValidID(name) {
		return usageError(fmt.Sprintf("%q cannot be a timeline id: use lower-case letters, digits and single hyphens", name))
	}
	rel := timeline.TimelinesDir + "/" + name + ".toml"
	path := p.Path(rel)
	event := skeleton(eventSkeleton, p, date, id)

	switch kind {
	case "timeline":
		if err := os.MkdirAll(p.Path(timeline.TimelinesDir), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: choose another id, or add an event with \"site new event %s\"", rel, name)
		}
		if err != nil {
			return err
		}
		_, err = f.WriteString(skeleton(timelineSkeleton, p, date, name) + event)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	case "event":
		src, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("there is no timeline %q (%s): create it with \"site new timeline %s\"", name, rel, name)
		}
		if err != nil {
			return err
		}
		if hasEvent(p, name, id) {
			return fmt.Errorf("%s already has an event %q: give the new one another id with --id", rel, id)
		}
		if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
			event = "\n" + event
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		_, err = f.WriteString(event)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	default:
		return usageError(fmt.Sprintf("unknown kind %q: write \"site new timeline ID\" or \"site new event TIMELINE\"", kind))
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the empty texts, then run \"site check\"\n", rel)
	return nil
}

var skeletons = template.Must(template.New("").Parse(`
{{- define "timeline" -}}
# {{ .ID }}: a chronology, published in every language of the site.
# Each text readers see is written once per language. Markdown is allowed.

# The title of the timeline's page.
{{- range .Langs }}
title.{{ .Code }} = ""
{{- end }}

# A few paragraphs: what happened, and what this chronology covers.
{{- range .Langs }}
summary.{{ .Code }} = """
"""
{{- end }}

# Optional: the last part of the page's address in each language; the file's
# name when left out.
# slug = { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} }

# Optional: the documents this chronology is drawn from, cited by title.
# sources = [
#   { title = { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} }, url = "https://…" },
# ]
{{ end -}}

{{- define "event" }}
[[events]]
# The event's anchor in the page's address: once published, never change it.
id = "{{ .ID }}"
# The day; "2021-01" or "2021" (in quotes) when only the month or year is known.
date = {{ .Date }}
# Optional: the organisations the event names, by their ids in data/actors.toml.
actors = []
{{- range .Langs }}
text.{{ .Code }} = ""
{{- end }}
# Optional: follow-up facts, shown under the event.
# notes = [
#   { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} },
# ]
{{ end -}}
`))

const (
	timelineSkeleton = "timeline"
	eventSkeleton    = "event"
)

func skeleton(name string, p *project.Project, date field.Date, id string) string {
	d := date.Raw
	if _, precision, _ := date.Parse(); precision != field.Day {
		d = fmt.Sprintf("%q", d) // partial dates are strings in TOML
	}
	var b strings.Builder
	err := skeletons.ExecuteTemplate(&b, name, struct {
		ID, Date string
		Langs    []project.Language
	}{id, d, p.Languages})
	if err != nil {
		panic(err) // the templates are constants; tests run them
	}
	return b.String()
}

// hasEvent reports whether the timeline has an event with the id.
func hasEvent(p *project.Project, timelineID, eventID string) bool {
	site, _ := content.Load(p)
	set := site.Timelines
	for _, t := range set.Timelines {
		if t.ID == timelineID {
			return slices.ContainsFunc(t.Events, func(e timeline.Event) bool { return e.ID == eventID })
		}
	}
	return false
}
