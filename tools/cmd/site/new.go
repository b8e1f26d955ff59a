package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/reference"
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
	return "new KIND NAME [--date DATE] [--id ID]"
}
func (*newCommand) help() string {
	var b strings.Builder
	b.WriteString("Writes a skeleton of new content, in every language of the site.\nEach text has a key per language, and comments say what goes where:\n")
	for _, k := range kinds {
		fmt.Fprintf(&b, "  site new %-18s %s\n", k.name+" "+k.arg, k.writes)
	}
	b.WriteString(`Fill in the texts, then run "site check": it points at what is left.`)
	return b.String()
}
func (c *newCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.date, "date", "", "the date: 2021-01-22, or 2021-01 or 2021 for an event (default: today)")
	fs.StringVar(&c.id, "id", "", "the event's id (default: the date and \"new-event\")")
}

// kind is one kind of content that new writes.
type kind struct {
	name, arg, writes string
	// file is where the skeleton goes, for the name given; each file of a
	// publication is written once per language.
	file func(name string) string
	// appends says that the skeleton is added at the end of an existing
	// file (created if missing) instead of being a file of its own.
	appends bool
	// exists reports whether the name is taken already in the content.
	exists func(site *content.Site, name string) bool
}

var kinds = []kind{
	{name: "timeline", arg: "ID", writes: "writes data/timelines/ID.toml with one event",
		file: func(id string) string { return timeline.TimelinesDir + "/" + id + ".toml" }},
	{name: "event", arg: "TIMELINE", writes: "adds an event at the end of data/timelines/TIMELINE.toml",
		file: func(id string) string { return timeline.TimelinesDir + "/" + id + ".toml" }, appends: true},
	{name: "bulletin", arg: "NAME", writes: "writes content/bulletins/NAME.LANG.md in each language",
		file: func(name string) string { return "content/bulletins/" + name + ".{lang}.md" }},
	{name: "report", arg: "NAME", writes: "writes content/reports/NAME.LANG.md in each language",
		file: func(name string) string { return "content/reports/" + name + ".{lang}.md" }},
	{name: "statement", arg: "NAME", writes: "writes content/statements/NAME.LANG.md in each language",
		file: func(name string) string { return "content/statements/" + name + ".{lang}.md" }},
	{name: "actor", arg: "ID", writes: "writes data/threat-actors/ID.toml, a threat actor profile",
		file: func(id string) string { return reference.ThreatActorsDir + "/" + id + ".toml" }},
	{name: "measure", arg: "ID", writes: "adds a mitigation measure to data/mitigations.toml",
		file: func(string) string { return reference.MitigationsFile }, appends: true,
		exists: func(s *content.Site, id string) bool { _, ok := s.Reference.Measures[id]; return ok }},
	{name: "term", arg: "ID", writes: "adds a glossary term to data/glossary.toml",
		file: func(string) string { return reference.GlossaryFile }, appends: true,
		exists: func(s *content.Site, id string) bool { _, ok := s.Reference.Terms[id]; return ok }},
}

func (c *newCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 {
		return usageError("new takes a kind and a name, like: site new bulletin ransomware-2024")
	}
	kindName, name := args[0], args[1]
	i := slices.IndexFunc(kinds, func(k kind) bool { return k.name == kindName })
	if i < 0 {
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = k.name
		}
		return usageError(fmt.Sprintf("unknown kind %q: the kinds are %s", kindName, strings.Join(names, ", ")))
	}
	k := kinds[i]
	if !field.ValidID(name) {
		return usageError(fmt.Sprintf("%q cannot be part of an address: use lower-case letters, digits and single hyphens", name))
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
	if _, precision, err := date.Parse(); err != nil || (precision != field.Day && k.name != "event") {
		return usageError(fmt.Sprintf("--date %q is not a date: write 2021-01-22 (2021-01 or 2021 only for an event)", c.date))
	}
	eventID := c.id
	if eventID == "" {
		eventID = date.Raw + "-new-event"
	}
	if !field.ValidID(eventID) {
		return usageError(fmt.Sprintf("--id %q cannot be an anchor: use lower-case letters, digits and single hyphens", eventID))
	}

	site, _ := content.Load(p)
	if k.name == "event" {
		if _, err := os.Stat(p.Path(k.file(name))); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("there is no timeline %q (%s): create it with \"site new timeline %s\"", name, k.file(name), name)
		}
		if hasEvent(site, name, eventID) {
			return fmt.Errorf("%s already has an event %q: give the new one another id with --id", k.file(name), eventID)
		}
	}
	if k.exists != nil && k.exists(site, name) {
		return fmt.Errorf("%s already has a %s %q: choose another id", k.file(name), k.name, name)
	}

	values := skeletonValues{ID: name, EventID: eventID, Date: date.Raw, Langs: p.Languages}
	if _, precision, _ := date.Parse(); precision != field.Day {
		values.Date = fmt.Sprintf("%q", date.Raw) // partial dates are strings in TOML
	}
	var written []string
	if strings.Contains(k.file(name), "{lang}") {
		for _, l := range p.Languages {
			values.Lang = l
			rel := strings.ReplaceAll(k.file(name), "{lang}", l.Code)
			if err := create(p.Path(rel), renderSkeleton(k.name, values)); err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			written = append(written, rel)
		}
	} else {
		rel := k.file(name)
		text := renderSkeleton(k.name, values)
		var err error
		if k.appends {
			err = appendTo(p.Path(rel), text)
		} else {
			err = create(p.Path(rel), text)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		written = append(written, rel)
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the empty texts, then run \"site check\"\n", strings.Join(written, " and "))
	return nil
}

// create writes a new file, and never over an existing one.
func create(path, text string) error {
	err := write(path, os.O_CREATE|os.O_EXCL, text)
	if errors.Is(err, fs.ErrExist) {
		return errors.New("the file exists already: choose another name")
	}
	return err
}

// appendTo adds text at the end of a file, on a line of its own.
func appendTo(path, text string) error {
	src, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if len(src) > 0 && !strings.HasSuffix(string(src), "\n") {
		text = "\n" + text
	}
	return write(path, os.O_CREATE|os.O_APPEND, text)
}

// write opens the file with the flags, making its folder if needed, and
// writes text.
func write(path string, flags int, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|flags, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// hasEvent reports whether the timeline has an event with the id.
func hasEvent(site *content.Site, timelineID, eventID string) bool {
	for _, t := range site.Timelines.Timelines {
		if t.ID == timelineID {
			return slices.ContainsFunc(t.Events, func(e timeline.Event) bool { return e.ID == eventID })
		}
	}
	return false
}

type skeletonValues struct {
	ID, EventID, Date string
	Langs             []project.Language
	Lang              project.Language // for a page: its language
}

func renderSkeleton(name string, v skeletonValues) string {
	var b strings.Builder
	if err := skeletons.ExecuteTemplate(&b, name, v); err != nil {
		panic(err) // the templates are constants; tests run each of them
	}
	return b.String()
}

// skeletons are the files new writes, by kind. texts writes an empty key
// per language of the site.
var skeletons = template.Must(template.New("").Funcs(template.FuncMap{
	"texts": func(key string, langs []project.Language) string {
		var b strings.Builder
		for _, l := range langs {
			fmt.Fprintf(&b, "\n%s.%s = \"\"", key, l.Code)
		}
		return b.String()
	},
}).Parse(`
{{- define "timeline" -}}
# {{ .ID }}: a chronology, published in every language of the site.
# Each text readers see is written once per language. Markdown is allowed.

# The title of the timeline's page.
{{- texts "title" .Langs }}

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
{{ template "event" . }}
{{- end -}}

{{- define "event" }}
[[events]]
# The event's anchor in the page's address: once published, never change it.
id = "{{ .EventID }}"
# The day; "2021-01" or "2021" (in quotes) when only the month or year is known.
date = {{ .Date }}
# Optional: the organisations the event names, by their ids in data/actors.toml.
actors = []
# Optional: the threat actors it names, by their ids in data/threat-actors/.
# threat_actors = []
{{- texts "text" .Langs }}
# Optional: follow-up facts, shown under the event.
# notes = [
#   { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} },
# ]
{{ end -}}

{{- define "front" -}}
+++
# This page in {{ .Lang.Name }} ({{ .Lang.Code }}). Its counterparts in the other
# languages are the files of the same name beside it.
title = ""
# One sentence, shown in lists and to search engines.
description = ""
# The date of publication.
date = {{ .Date }}
# Optional: the date of the last change that matters to readers.
# lastmod = {{ .Date }}
# Optional: the last part of the page's address in this language (the file
# name when left out); give one in every language but the first.
# slug = ""
{{- end -}}

{{- define "bulletin" }}{{ template "front" . }}
# The mitigation measures the bulletin recommends, in order: ids in
# data/mitigations.toml ("site new measure ID" adds one).
measures = []
# Optional: the threat actors it names, by their ids in data/threat-actors/.
# threat_actors = []
# Below the +++ line: the bulletin, in Markdown. The measures are listed
# after it by the site.
+++
{{ end -}}

{{- define "report" }}{{ template "front" . }}
# Optional: the classification line, shown above the title.
# classification = ""
# Optional: the id of the timeline of the events the report summarizes.
# timeline = ""
# Optional: the threat actors it names, by their ids in data/threat-actors/.
# threat_actors = []
# Below the +++ line: the report, in Markdown. Numbered paragraphs are a
# numbered list (1. 2. 3.); a footnote is [^1] in the text and "[^1]: …"
# at the end.
+++
{{ end -}}

{{- define "statement" }}{{ template "front" . }}
# Optional: the threat actors it names, by their ids in data/threat-actors/.
# threat_actors = []
# Below the +++ line: the statement, in Markdown.
+++
{{ end -}}

{{- define "actor" -}}
# Threat actor profile: {{ .ID }}. Its page lists every publication and
# timeline event that names it (threat_actors = ["{{ .ID }}"]).

# The name it is best known by, the same in every language.
name = ""
# Optional: other public names.
aliases = []
# The organisation that sponsors it.
{{- texts "sponsor" .Langs }}
# Whom it usually targets.
{{- texts "targets" .Langs }}
# A short profile. Markdown is allowed.
{{- range .Langs }}
summary.{{ .Code }} = """
"""
{{- end }}
{{ end -}}

{{- define "measure" }}
[{{ .ID }}]
# Optional: the last part of the page's address in each language (the id when left out).
# slug = { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} }
{{- texts "title" .Langs }}
# What to do and why. Markdown is allowed.
{{- range .Langs }}
body.{{ .Code }} = """
"""
{{- end }}
# Optional: the steps, shown as a list.
# items = [
#   { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} },
# ]
# Optional: documents to read for more, by title; url is optional.
# references = [
#   { title = { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = "…"{{ end }} }, url = "https://…" },
# ]
{{ end -}}

{{- define "term" }}
[{{ .ID }}]
# The term as it is written in each language.
{{- texts "term" .Langs }}
# One or two sentences.
{{- texts "definition" .Langs }}
# Optional: other forms of the word (plurals…) that count as a use of the term.
# forms = { {{ range $i, $l := .Langs }}{{ if $i }}, {{ end }}{{ $l.Code }} = ["…"]{{ end }} }
{{ end -}}
`))
