// Package model is the content model: every kind of content the site
// publishes, its files and its fields, as data/model.toml declares them
// (project.ModelFile). The checks, the skeletons of site new, the
// translation units, the views Hugo reads (tools/prepare) and the links
// between items all read this one declaration.
package model

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberpub/site/tools/tomlfile"
)

// Model is every kind of content of a site.
type Model struct {
	Kinds   []*Kind
	Records map[string]*Record
	doc     *tomlfile.Document // the declaration, to say where a kind is declared
}

// Position returns where a key of a kind's declaration is written, or
// zeros when it is not (a model not read from a file).
func (m *Model) Position(k *Kind, key string) (line, col int) {
	i := slices.Index(m.Kinds, k)
	if m.doc == nil || i < 0 {
		return 0, 0
	}
	return m.doc.Position("kinds", strconv.Itoa(i), key)
}

// Kind is one kind of content: timelines, bulletins, glossary terms…
type Kind struct {
	Name    string // what one item is called: "timeline", "threat-actor"
	Label   string // the catalogue message that names one item
	Section string // where its pages are published; "" when it has none
	Title   string // the field that is each page's title
	Summary string // the text field that describes each page of data
	Schema  string // what each page is, as schema.org names it: "Report"
	Files   string // where its items are: "data/timelines/{id}.toml"
	Doc     string // what site new writes at the top of a new item
	// Termbase is set for a kind whose items are terms to translate as
	// the site does (glossary terms, organizations' names): the termbase
	// translators get has each one.
	Termbase bool
	Store    Store
	Fields   []*Field // the base record's, then its own
}

// Store is how a kind's items are kept in files.
type Store int

const (
	FilePerItem  Store = iota // data/timelines/{id}.toml
	TablePerItem              // data/mitigations.toml, one [id] table each
	PagePerItem               // content/bulletins/{id}.{lang}.md, one per language
)

// Record is a group of fields that a list holds: an event, a source.
type Record struct {
	Name   string
	Fields []*Field
}

// Field is one field of a kind or a record.
type Field struct {
	Name     string
	Type     Type
	Of       string  // list: "text", "string", "date" or a record's name
	Record   *Record // list of records: the record Of names
	To       string  // ref, refs: the kind referred to
	Key      string  // list of records: the field that tells them apart
	Required bool
	Partial  bool   // date: a month or a year alone is a date too
	Unique   bool   // words: a word belongs to one item only
	Includes string // words: the text field that is one of the words
	Long     bool   // text: written between """ in data
	Latest   string // list of dates, a history: the date field that is its last one
	Doc      string
}

// Type is what a field holds.
type Type string

const (
	Text   Type = "text"
	String Type = "string"
	Slug   Type = "slug"
	ID     Type = "id"
	Date   Type = "date"
	URL    Type = "url"
	Ref    Type = "ref"
	Refs   Type = "refs"
	Words  Type = "words"
	List   Type = "list"
	Body   Type = "body"
	Flag   Type = "flag"   // true or false
	Moment Type = "moment" // a day, or a day and an hour with its offset from UTC
)

var types = []Type{Text, String, Slug, ID, Date, URL, Ref, Refs, Words, List, Body, Flag, Moment}

// Publishing are the fields of every kind with pages, whatever the model
// declares: whether and when its items are published. Hugo reads them
// under these names in a page's front matter.
var Publishing = []*Field{
	{Name: "draft", Type: Flag, Doc: "true while it is being written: site serve shows it, marked as a draft; site build does not publish it, and site check refuses a published item that names it."},
	{Name: "publishDate", Type: Moment, Doc: "When it goes out: a day, 2027-03-12, or a moment with its offset from UTC, 2027-03-12T09:00:00-05:00 (an embargo). site build publishes it from then on; left out, its date."},
}

// Translated reports whether the field's values are written in each
// language: what translators work on.
func (f *Field) Translated() bool {
	return f.Type == Text || f.Type == Body || f.Type == List && f.Of == "text"
}

// Kind returns the kind of that name, or nil.
func (m *Model) Kind(name string) *Kind {
	i := slices.IndexFunc(m.Kinds, func(k *Kind) bool { return k.Name == name })
	if i < 0 {
		return nil
	}
	return m.Kinds[i]
}

// KindOfSection returns the kind published in a section, or nil.
func (m *Model) KindOfSection(section string) *Kind {
	i := slices.IndexFunc(m.Kinds, func(k *Kind) bool { return k.Section != "" && k.Section == section })
	if i < 0 {
		return nil
	}
	return m.Kinds[i]
}

// Names returns the names of the kinds, in the model's order.
func (m *Model) Names() []string {
	names := make([]string, len(m.Kinds))
	for i, k := range m.Kinds {
		names[i] = k.Name
	}
	return names
}

// SlugField returns the kind's field of type slug, or nil.
func (k *Kind) SlugField() *Field {
	i := slices.IndexFunc(k.Fields, func(f *Field) bool { return f.Type == Slug })
	if i < 0 {
		return nil
	}
	return k.Fields[i]
}

// EventsField returns the field that holds a kind's events, a list of
// records told apart by a key, each with a date (a timeline's), or nil.
func (k *Kind) EventsField() *Field {
	for _, f := range k.Fields {
		if f.Type == List && f.Record != nil && f.Key != "" && f.Record.Field("date") != nil {
			return f
		}
	}
	return nil
}

// Field returns the kind's field of that name, or nil.
func (k *Kind) Field(name string) *Field { return fieldNamed(k.Fields, name) }

// Field returns the record's field of that name, or nil.
func (r *Record) Field(name string) *Field { return fieldNamed(r.Fields, name) }

func fieldNamed(fields []*Field, name string) *Field {
	i := slices.IndexFunc(fields, func(f *Field) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return fields[i]
}

// Path returns the file of an item (and, for pages, of its language), as
// a slash-separated path from the project root.
func (k *Kind) Path(id, lang string) string {
	return strings.NewReplacer("{id}", id, "{lang}", lang).Replace(k.Files)
}

// Dir returns the folder the kind's files are in.
func (k *Kind) Dir() string { return k.Files[:strings.LastIndexByte(k.Files, '/')] }

// Noun is how problems and messages name one item: "threat actor".
func (k *Kind) Noun() string { return strings.ReplaceAll(k.Name, "-", " ") }

// Sections is the kind of the pages that introduce each section and the
// home page: content/SECTION/_index.LANG.md and content/_index.LANG.md.
// Their ids are the sections' names, and "home".
var Sections = &Kind{
	Name: "section", Title: "title", Files: "content/{id}/_index.{lang}.md", Store: PagePerItem,
	Fields: []*Field{
		{Name: "title", Type: Text, Required: true},
		{Name: "linkTitle", Type: Text, Doc: "Its name in the main menu, when shorter than its title (Hugo's linkTitle): the menu is one row on a wide screen."},
		{Name: "description", Type: Text, Required: true, Doc: "One sentence, shown under the section's name on the home page and to search engines."},
		{Name: "body", Type: Body, Doc: "Below the +++ line: the section's introduction, in Markdown."},
	},
}

// Home is the id of the home page among the section pages.
const Home = "home"

// SectionPath returns the file of a section's page (or the home page's) in
// a language.
func SectionPath(section, lang string) string {
	if section == Home {
		return "content/_index." + lang + ".md"
	}
	return Sections.Path(section, lang)
}

// idPattern is what ids and slugs look like: they become addresses and
// anchors.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IDHint says how to write an id.
const IDHint = "use lower-case letters, digits and single hyphens, like 2021-01-22-first-report"

// ValidID reports whether s can be an id or a slug: what an anchor may be.
// An id or a slug that names files and folders must pass NameProblem too.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// MaxNameLength is the longest an id or a slug that names files may be,
// in bytes (its characters are ASCII). A file system allows 255 bytes a
// name, and what the tools make of an id adds to it (".fr.md", a CSAF
// advisory's "-fr-ca.json", the ".ID.fr.md-4294967295" a file is written
// through); Windows, without long paths, allows 260 characters a whole
// path, which a checkout's own folders and the output's already take a
// hundred of. An address is read by people, too: a few words.
const MaxNameLength = 100

// reservedNames are the names no id may take, whatever follows them in
// a file name: Windows keeps the first for devices (nul.en.md cannot be
// checked out there), and Hugo takes index.LANG.md for its folder's own
// page, which hides the section's.
var reservedNames = map[string]string{"index": "is the name Hugo gives a folder's own page"}

func init() {
	devices := []string{"con", "prn", "aux", "nul"}
	for i := range 10 {
		devices = append(devices, fmt.Sprintf("com%d", i), fmt.Sprintf("lpt%d", i))
	}
	for _, d := range devices {
		reservedNames[d] = "is a name Windows keeps for a device, which no file there can have"
	}
}

// NameProblem returns how to write s instead when it cannot be an id or a
// slug that names files and folders (data/timelines/ID.toml,
// content/SECTION/ID.LANG.md, public/LANG/SECTION/ID/): as an anchor,
// not reserved, not too long; or "" when it can.
func NameProblem(s string) string {
	switch {
	case !ValidID(s):
		return IDHint
	case reservedNames[s] != "":
		return fmt.Sprintf("%q %s: add a word to it", s, reservedNames[s])
	case len(s) > MaxNameLength:
		return fmt.Sprintf("it has %d characters, and an id has at most %d, to leave room for the names of the files made from it: shorten it to a few words", len(s), MaxNameLength)
	}
	return ""
}

func (t Type) String() string { return string(t) }

func (f *Field) String() string { return fmt.Sprintf("%s (%s)", f.Name, f.Type) }
