// Package content is everything editors write, read once and checked
// against the content model: each item of each kind with its values,
// every text in every language with the place it is written, and the
// references between items. The checks, the translation tools and the
// commands all work on this one loaded site.
package content

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/frontmatter"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Site is the content of a site.
type Site struct {
	Project *project.Project
	// Items are in the model's order of kinds, then by id; the section
	// pages come last.
	Items []*Item
	// Refs are every reference an item makes to another.
	Refs []*Ref
	// Files are every file read, by path.
	Files map[string]*File

	byKind map[string]map[string]*Item
	links  *siteLinks // the texts' links, checked by LinkProblems (links.go)
}

// File is one file editors write.
type File struct {
	Path string // slash-separated, from the project root
	Src  []byte
	TOML *tomlfile.Document // the data; for a page, its front matter
	Page *frontmatter.Page  // for a page: where its parts are
	Lang string             // for a page: its language
}

// Item is one thing of a kind: a timeline, a bulletin, a glossary term.
type Item struct {
	Kind *model.Kind
	ID   string
	// Record holds its values. A page's values other than texts are those
	// of its file in the first language that has one.
	*Record
	// Texts are its texts, in the order of the model's fields.
	Texts []*Text
	// Files are its files: a page's by language; a data item's under "".
	Files map[string]*File

	addresses map[string]string // by language; for an item with pages
}

// Record is the values of an item, or of an element of one of its lists,
// by field name, typed as the model says:
//
//	text, body                  *Text
//	string, id, url, ref        string
//	slug                        map[string]string, by language
//	date                        Date
//	refs, list of string        []string
//	words                       map[string][]string, by language
//	list of text                []*Text
//	list of a record            []*Record
//	flag                        bool
//	moment                      time.Time
type Record struct {
	Values map[string]any
}

// Text is one text in every language of the site.
type Text struct {
	ID     string // model.TextID: "timeline/t#events[x].text"
	Item   *Item
	Field  *model.Field
	Values map[string]string // by language code; CRLF line ends read as LF
	At     map[string]Place  // where each language's text is written

	subject, name string // how problems name it: as walk's
}

// Place is where a value is written: a key of a file's TOML (data, or a
// page's front matter), the body of a page, or, with neither, the file.
type Place struct {
	File *File
	Key  []string // arrays' elements numbered from 0; []string{} is the TOML's top
	Body bool
	// Name points at the key itself rather than at its value.
	Name bool
	// Offset, when not 0, is one more than the byte offset in the file of
	// what the place points at, inside a value: a tag in a text.
	Offset int
}

// Position returns the line and column of the place, computed only now.
func (p Place) Position() (line, col int) {
	switch {
	case p.File == nil:
		return 0, 0
	case p.Offset > 0:
		return p.File.TOML.LineCol(p.Offset - 1)
	case p.Body:
		return p.File.TOML.LineCol(p.File.Page.Body)
	case p.Key == nil || p.File.TOML == nil:
		return 1, 1
	case p.Name:
		return p.File.TOML.KeyPosition(p.Key...)
	}
	return p.File.TOML.Position(p.Key...)
}

// Ref is a reference from an item to another: a bulletin's measure, an
// event's threat actor.
type Ref struct {
	From  *Item
	Field *model.Field
	Lang  string // for a page: the language of the file it is written in
	To    *model.Kind
	ID    string
	At    Place

	subject string // how problems name what it is written in
}

// Date is the day something happened, or its month or year alone when
// that is all that is known, as the file writes it.
type Date struct {
	Raw string // "2021-01-22", "2021-01" or "2021"
}

// Precision says how much of a date is known.
type Precision int

const (
	Year Precision = iota + 1
	Month
	Day
)

var dateLayouts = []struct {
	layout    string
	precision Precision
}{{time.DateOnly, Day}, {"2006-01", Month}, {"2006", Year}}

// Parse returns the date's first instant (UTC) and how precise it is.
func (d Date) Parse() (time.Time, Precision, bool) {
	for _, f := range dateLayouts {
		if len(d.Raw) == len(f.layout) {
			t, err := time.Parse(f.layout, d.Raw)
			return t, f.precision, err == nil
		}
	}
	return time.Time{}, 0, false
}

// CompareDates orders dates of any precision: "2021-03-01" before
// "2021-03" before "2021-04". An event known only by its month or year
// comes after the events of days of that month or year: it stands for the
// period as a whole.
func CompareDates(a, b Date) int {
	n := min(len(a.Raw), len(b.Raw))
	if c := strings.Compare(a.Raw[:n], b.Raw[:n]); c != 0 {
		return c
	}
	return cmp.Compare(len(b.Raw), len(a.Raw)) // the more precise first
}

// Events returns an item's events (model.Kind.EventsField) in date order
// (CompareDates); events of the same date keep the order of the file.
func (it *Item) Events() []*Record {
	f := it.Kind.EventsField()
	if f == nil {
		return nil
	}
	events := slices.Clone(it.Records(f.Name))
	slices.SortStableFunc(events, func(a, b *Record) int { return CompareDates(a.Date("date"), b.Date("date")) })
	return events
}

// Item returns the item of a kind with an id, or nil.
func (s *Site) Item(kind, id string) *Item { return s.byKind[kind][id] }

// Of returns the items of a kind, by id.
func (s *Site) Of(kind string) []*Item {
	var items []*Item
	for _, it := range s.Items {
		if it.Kind.Name == kind {
			items = append(items, it)
		}
	}
	return items
}

// IDs returns the ids of a kind's items, sorted.
func (s *Site) IDs(kind string) []string {
	ids := make([]string, 0, len(s.byKind[kind]))
	for id := range s.byKind[kind] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// ReferringTo returns the references to an item: the other direction of
// every link.
func (s *Site) ReferringTo(kind, id string) []*Ref {
	var refs []*Ref
	for _, r := range s.Refs {
		if r.To.Name == kind && r.ID == id {
			refs = append(refs, r)
		}
	}
	return refs
}

// Texts returns every text of the site, item by item.
func (s *Site) Texts() []*Text {
	var texts []*Text
	for _, it := range s.Items {
		texts = append(texts, it.Texts...)
	}
	return texts
}

// Lastmod returns the date of the record's last change: its lastmod, or
// its date.
func (r *Record) Lastmod() Date {
	if d := r.Date("lastmod"); d.Raw != "" {
		return d
	}
	return r.Date("date")
}

// Text returns the value of a text or body field.
func (r *Record) Text(name string) *Text { t, _ := r.Values[name].(*Text); return t }

// String returns the value of a string, id, url or ref field.
func (r *Record) String(name string) string { s, _ := r.Values[name].(string); return s }

// Strings returns the value of a refs field or of a list of strings.
func (r *Record) Strings(name string) []string { s, _ := r.Values[name].([]string); return s }

// Records returns the value of a list of records.
func (r *Record) Records(name string) []*Record { s, _ := r.Values[name].([]*Record); return s }

// Date returns the value of a date field.
func (r *Record) Date(name string) Date { d, _ := r.Values[name].(Date); return d }

// Title returns the item's title in a language: its kind's title field.
func (it *Item) Title(lang string) string {
	if t := it.Text(it.Kind.Title); t != nil {
		return t.Values[lang]
	}
	return it.String(it.Kind.Title)
}

// Forms returns the words an item stands for in a language, as they are
// written: the text its unique words field includes (a glossary term's
// term), then the field's words (its other forms); none for a kind without
// such a field.
func (it *Item) Forms(lang string) []string {
	for _, f := range it.Kind.Fields {
		if f.Type != model.Words || !f.Unique {
			continue
		}
		var forms []string
		if t := it.Text(f.Includes); t != nil && t.Values[lang] != "" {
			forms = append(forms, t.Values[lang])
		}
		words, _ := it.Values[f.Name].(map[string][]string)
		return append(forms, words[lang]...)
	}
	return nil
}

// Address returns the last part of the item's address in a language.
func (it *Item) Address(lang string) string { return it.addresses[lang] }

// address is the last part of an item's address in a language, as the
// templates and Hugo make it: its slug there, or its id (a page's file
// name); for a kind with no slug whose title is a text, its title
// (layouts/_partials/model/add-pages.html). Each is made into an address
// as Hugo's urlize does, so that two names Hugo would make one address of
// ("Foo" and "foo", "café" written in two Unicode forms) are seen as one.
// fromID says that the address is made from the id.
func address(it *Item, lang string, removeAccents bool) (a string, fromID bool) {
	if f := it.Kind.SlugField(); f != nil {
		if slug, _ := it.Values[f.Name].(map[string]string); slug[lang] != "" {
			return urlize(slug[lang], removeAccents), false
		}
		return urlize(it.ID, removeAccents), true
	}
	if t := it.Text(it.Kind.Title); t != nil && it.Kind.Store != model.PagePerItem && t.Values[lang] != "" {
		return urlize(t.Values[lang], removeAccents), false
	}
	return urlize(it.ID, removeAccents), true
}

// PagePath returns the file of a page's item in a language.
func (it *Item) PagePath(lang string) string {
	if it.Kind == model.Sections {
		return model.SectionPath(it.ID, lang)
	}
	return it.Kind.Path(it.ID, lang)
}

// Normalize reads CRLF line ends inside a value as LF, so that a text is
// the same whatever the line ends of its file; carriage returns before a
// line end, however many, are one line end ("\r\r\n" too: otherwise a text
// written back would read as another).
func Normalize(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return crlf.ReplaceAllString(s, "\n")
}

var crlf = regexp.MustCompile(`\r+\n`)
