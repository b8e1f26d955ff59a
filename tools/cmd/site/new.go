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
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/scaffold"
	"github.com/cyberpub/site/tools/tomlfile"
)

type newCommand struct {
	source string
	date   string
	id     string
	now    func() time.Time // the clock, for the default date
}

func (*newCommand) name() string     { return "new" }
func (*newCommand) synopsis() string { return "new KIND NAME [--date DATE] [--id ID]" }
func (*newCommand) help() string {
	return `Writes a skeleton of new content, in every language of the site.
KIND is a kind of data/model.toml (site new timeline ID, site new bulletin
NAME), or a record one of them lists (site new event TIMELINE adds an event
to a timeline). The skeleton has every field of the kind, a key per
language for each text, and comments that say what goes where. A page's
section gets its own pages too, if it has none yet.
Fill in the texts, then run "site check": it points at what is left.`
}
func (c *newCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.date, "date", "", "the date: 2021-01-22, or 2021-01 or 2021 for an event (default: today)")
	fs.StringVar(&c.id, "id", "", "a new record's id (default: the date and \"new-\" and the record's name)")
}

func (c *newCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 {
		return usageError("new takes a kind and a name, like: site new bulletin ransomware-2024")
	}
	what, name := args[0], args[1]
	p, problems := project.Open(c.source)
	if problems != nil {
		return problems
	}
	if problem := model.NameProblem(name); problem != "" {
		return usageError(fmt.Sprintf("%q cannot be part of an address: %s", name, problem))
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	date := content.Date{Raw: c.date}
	if date.Raw == "" {
		date.Raw = now().Format(time.DateOnly)
	}
	_, precision, ok := date.Parse()
	v := scaffold.Values{ID: name, Date: date.Raw, RecordID: c.id}

	var written []string
	var err error
	if k := p.Model.Kind(what); k != nil {
		if !ok || precision != content.Day {
			return usageError(fmt.Sprintf("--date %q is not a day: write 2021-01-22", c.date))
		}
		written, err = newItem(p, k, v)
	} else if kind, list := recordList(p.Model, what); list != nil {
		if !ok || precision != content.Day && !list.Record.Field("date").Partial {
			return usageError(fmt.Sprintf("--date %q is not a date: write 2021-01-22, or 2021-01 or 2021 when only the month or year is known", c.date))
		}
		if v.RecordID == "" {
			v.RecordID = date.Raw + "-new-" + what
		}
		if !model.ValidID(v.RecordID) {
			return usageError(fmt.Sprintf("--id %q cannot be an anchor: %s", v.RecordID, model.IDHint))
		}
		written, err = newRecord(p, kind, list, v)
	} else {
		return usageError(fmt.Sprintf("unknown kind %q: the kinds are %s", what, strings.Join(newKinds(p.Model), ", ")))
	}
	if err != nil {
		return err
	}
	slices.Sort(written)
	fmt.Fprintf(stdout, "wrote %s: fill in the empty texts, then run \"site check\"\n", strings.Join(written, ", "))
	return nil
}

// newKinds are the names site new takes: the kinds, and the records that
// are added to an item.
func newKinds(m *model.Model) []string {
	names := m.Names()
	for _, k := range m.Kinds {
		for _, f := range k.Fields {
			if f.Record != nil && f.Key != "" && k.Store == model.FilePerItem {
				names = append(names, f.Record.Name)
			}
		}
	}
	return names
}

// recordList finds the kind whose items list records of that name, with a
// key, in files of their own: events in timelines.
func recordList(m *model.Model, record string) (*model.Kind, *model.Field) {
	for _, k := range m.Kinds {
		for _, f := range k.Fields {
			if f.Record != nil && f.Record.Name == record && f.Key != "" && k.Store == model.FilePerItem {
				return k, f
			}
		}
	}
	return nil, nil
}

// newItem writes a new item of a kind, and its section's pages if they are
// missing.
func newItem(p *project.Project, k *model.Kind, v scaffold.Values) ([]string, error) {
	switch k.Store {
	case model.FilePerItem:
		rel := k.Path(v.ID, "")
		return []string{rel}, create(p, rel, scaffold.File(k, p.Languages, v))
	case model.TablePerItem:
		src, err := p.ReadFile(k.Files)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if len(src) > 0 {
			doc, prob := tomlfile.Decode(k.Files, src)
			if prob != nil {
				return nil, prob
			}
			if _, taken := doc.Data[v.ID]; taken {
				return nil, fmt.Errorf("%s: the %s id %q is taken: choose another", k.Files, k.Noun(), v.ID)
			}
		}
		return []string{k.Files}, appendTo(p, k.Files, src, scaffold.Table(k, p.Languages, v))
	}
	var written []string
	for _, l := range p.Languages {
		if _, err := fs.Stat(p.FS, k.Path(v.ID, l.Code)); err == nil {
			return nil, fmt.Errorf("%s exists already: choose another name", k.Path(v.ID, l.Code))
		}
	}
	for _, l := range p.Languages {
		rel := k.Path(v.ID, l.Code)
		if err := create(p, rel, scaffold.Page(k, l, v)); err != nil {
			return written, err
		}
		written = append(written, rel)
		section := model.SectionPath(k.Section, l.Code)
		if _, err := fs.Stat(p.FS, section); errors.Is(err, fs.ErrNotExist) {
			if err := create(p, section, scaffold.Page(model.Sections, l, v)); err != nil {
				return written, err
			}
			written = append(written, section)
		}
	}
	return written, nil
}

// newRecord adds a record at the end of an item's file: an event to a
// timeline.
func newRecord(p *project.Project, k *model.Kind, list *model.Field, v scaffold.Values) ([]string, error) {
	rel := k.Path(v.ID, "")
	src, err := p.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("there is no %s %q (%s): create it with \"site new %s %s\"", k.Noun(), v.ID, rel, k.Name, v.ID)
	}
	if err != nil {
		return nil, err
	}
	doc, prob := tomlfile.Decode(rel, src)
	if prob != nil {
		return nil, prob
	}
	if doc.Has(list.Name) && !doc.ArrayOfTables(list.Name) {
		return nil, fmt.Errorf("%s writes its %s as a list in [ ]: add the new one inside it by hand", rel, list.Name)
	}
	records, _ := doc.Data[list.Name].([]map[string]any)
	if slices.ContainsFunc(records, func(r map[string]any) bool { return r[list.Key] == v.RecordID }) {
		return nil, fmt.Errorf("%s: the %s %s %q is taken: give the new one another with --%s", rel, list.Record.Name, list.Key, v.RecordID, list.Key)
	}
	return []string{rel}, appendTo(p, rel, src, scaffold.Record(list, p.Languages, v))
}

// create writes a new file, and never over an existing one.
func create(p *project.Project, rel, text string) error {
	if err := os.MkdirAll(p.Path(rel[:strings.LastIndexByte(rel, '/')]), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p.Path(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists already: choose another name", rel)
	}
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// appendTo adds text at the end of a file whose bytes are src, on a line of
// its own and with the file's line ends, replacing the file in one step.
func appendTo(p *project.Project, rel string, src []byte, text string) error {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		text = "\n" + text
	}
	return p.WriteFile(rel, append(src, text...))
}
