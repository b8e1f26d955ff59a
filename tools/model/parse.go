package model

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Parse reads the model from the bytes of its file, and reports every
// problem of the declaration at its place.
func Parse(file string, src []byte) (*Model, diag.List) {
	doc, prob := tomlfile.Decode(file, src)
	if prob != nil {
		return nil, diag.List{*prob}
	}
	p := &parser{doc: doc, m: &Model{Records: map[string]*Record{}, doc: doc}, own: map[*Kind][]*Field{}, fieldAt: map[*Field][]string{}}
	p.keys(doc.Data, nil, "kinds", "records")
	records, _ := doc.Data["records"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(records)) {
		table, ok := records[name].(map[string]any)
		at := []string{"records", name}
		if !ok {
			p.add(at, "the record %q is not a table", name)
			continue
		}
		p.keys(table, at, "fields")
		p.m.Records[name] = &Record{Name: name, Fields: p.fields(table["fields"], append(at, "fields"))}
	}
	kinds, _ := doc.Data["kinds"].([]map[string]any)
	if len(kinds) == 0 {
		p.add(nil, "the model has no kinds; declare each kind of content in a [[kinds]] table")
	}
	for i, table := range kinds {
		at := []string{"kinds", strconv.Itoa(i)}
		p.keys(table, at, "name", "label", "section", "title", "summary", "schema", "files", "termbase", "base", "doc", "fields")
		k := &Kind{Name: p.str(table, at, "name"), Label: p.str(table, at, "label"), Section: p.str(table, at, "section"),
			Title: p.str(table, at, "title"), Summary: p.str(table, at, "summary"), Schema: p.str(table, at, "schema"),
			Files: p.str(table, at, "files"), Doc: p.str(table, at, "doc"), Termbase: p.flag(table, at, "termbase")}
		if base := p.str(table, at, "base"); base != "" {
			if r := p.m.Records[base]; r != nil {
				k.Fields = slices.Clone(r.Fields)
			} else {
				p.add(append(at, "base"), "no record is named %q", base)
			}
		}
		own := p.fields(table["fields"], append(at, "fields"))
		k.Fields = append(k.Fields, own...)
		if k.Section != "" {
			k.Fields = append(k.Fields, Publishing...)
		}
		p.own[k] = own
		p.m.Kinds = append(p.m.Kinds, k)
	}
	p.check()
	return p.m, p.problems
}

type parser struct {
	doc      *tomlfile.Document
	m        *Model
	problems diag.List
	own      map[*Kind][]*Field  // each kind's fields but its base's
	fieldAt  map[*Field][]string // where each field is declared
}

func (p *parser) add(path []string, format string, args ...any) {
	line, col := p.doc.Position(path...)
	p.problems = append(p.problems, diag.Problem{File: p.doc.File, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

// keys reports the keys of a table that mean nothing.
func (p *parser) keys(table map[string]any, at []string, known ...string) {
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if !slices.Contains(known, k) {
			hint := "the keys here are " + strings.Join(known, ", ")
			if s := tomlfile.Suggest(k, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			line, col := p.doc.KeyPosition(append(slices.Clone(at), k)...)
			p.problems = append(p.problems, diag.Problem{File: p.doc.File, Line: line, Col: col, Message: fmt.Sprintf("unknown key %q; %s", k, hint)})
		}
	}
}

func (p *parser) str(table map[string]any, at []string, key string) string {
	v, ok := table[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.add(append(slices.Clone(at), key), "%s must be a string", key)
	}
	return s
}

func (p *parser) flag(table map[string]any, at []string, key string) bool {
	v, ok := table[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		p.add(append(slices.Clone(at), key), "%s must be true or false", key)
	}
	return b
}

func (p *parser) fields(v any, at []string) []*Field {
	list, _ := v.([]any)
	if v != nil && list == nil {
		p.add(at, "fields must be a list of { name = …, type = … }")
	}
	var fields []*Field
	for i, e := range list {
		fat := append(slices.Clone(at), strconv.Itoa(i))
		table, ok := e.(map[string]any)
		if !ok {
			p.add(fat, "a field is a table: { name = …, type = … }")
			continue
		}
		p.keys(table, fat, "name", "type", "of", "to", "key", "required", "partial", "unique", "includes", "long", "latest", "doc")
		f := &Field{Name: p.str(table, fat, "name"), Type: Type(p.str(table, fat, "type")), Of: p.str(table, fat, "of"),
			To: p.str(table, fat, "to"), Key: p.str(table, fat, "key"), Includes: p.str(table, fat, "includes"), Latest: p.str(table, fat, "latest"), Doc: p.str(table, fat, "doc"),
			Required: p.flag(table, fat, "required"), Partial: p.flag(table, fat, "partial"), Unique: p.flag(table, fat, "unique"), Long: p.flag(table, fat, "long")}
		p.fieldAt[f] = fat
		fields = append(fields, f)
	}
	return fields
}

// check checks what the declarations say of each other: types, the
// records lists hold, the kinds references name.
func (p *parser) check() {
	for _, name := range slices.Sorted(maps.Keys(p.m.Records)) {
		p.checkFields(p.m.Records[name].Fields)
	}
	names, sections := map[string]bool{}, map[string]bool{}
	for i, k := range p.m.Kinds {
		at := []string{"kinds", strconv.Itoa(i)}
		switch {
		case !ValidID(k.Name):
			p.add(append(at, "name"), "the kind's name %q cannot be a name: %s", k.Name, IDHint)
		case names[k.Name] || k.Name == Sections.Name:
			p.add(append(at, "name"), "another kind is named %q", k.Name)
		}
		names[k.Name] = true
		if k.Section != "" {
			if !ValidID(k.Section) || sections[k.Section] {
				p.add(append(at, "section"), "the section %q is not a name of its own: %s, one kind a section", k.Section, IDHint)
			}
			sections[k.Section] = true
			if k.Label == "" {
				p.add(at, "the kind %q has no label; add label = \"…\", the catalogue message that names one %s", k.Name, k.Noun())
			}
		}
		p.store(k, append(at, "files"))
		p.checkFields(p.own[k])
		for _, f := range k.Fields {
			if f.Includes != "" && (k.Field(f.Includes) == nil || k.Field(f.Includes).Type != Text) {
				p.add(append(p.fieldAt[f], "includes"), "%s includes %q, which is not a text field of the kind", f.Name, f.Includes)
			}
			if f.Type == Words && k.Store == PagePerItem {
				p.add(append(p.fieldAt[f], "type"), "%s: words are lists by language, for data; a page is in one language", f.Name)
			}
			if latest := k.Field(f.Latest); f.Latest != "" && (f.Of != "date" || latest == nil || latest.Type != Date) {
				p.add(append(p.fieldAt[f], "latest"), "%s's latest %q: only a list of dates has one, and it names a date field of the kind", f.Name, f.Latest)
			}
			if f.Type == Body && k.Store != PagePerItem {
				p.add(append(p.fieldAt[f], "type"), "only pages have a body: %s is a field of %s", f.Name, k.Files)
			}
		}
		if k.Section != "" || k.Termbase {
			if k.Title == "" {
				k.Title = "title"
			}
			if f := k.Field(k.Summary); k.Summary != "" && (f == nil || f.Type != Text) {
				p.add(append(at, "summary"), "the kind %q has no text field %q to describe its pages", k.Name, k.Summary)
			}
			switch f := k.Field(k.Title); {
			case f == nil:
				p.add(at, "the kind %q has no field %q for its pages' titles; add title = \"FIELD\", a text or string field", k.Name, k.Title)
			case f.Type != Text && f.Type != String && slices.Contains(types, f.Type):
				p.add(p.fieldAt[f], "%s is the title of the kind %q's pages: it must be a text or a string", f.Name, k.Name)
			}
		}
	}
}

// store reads where a kind's files are.
func (p *parser) store(k *Kind, at []string) {
	switch {
	case strings.HasPrefix(k.Files, "content/") && strings.HasSuffix(k.Files, "/{id}.{lang}.md"):
		k.Store = PagePerItem
		if k.Section == "" || k.Dir() != "content/"+k.Section {
			p.add(at, "the pages of a kind go in content/SECTION/, its section's folder: files = \"content/%s/{id}.{lang}.md\"", k.Section)
		}
	case strings.HasPrefix(k.Files, "data/") && strings.HasSuffix(k.Files, "/{id}.toml"):
		k.Store = FilePerItem
	case strings.HasPrefix(k.Files, "data/") && strings.HasSuffix(k.Files, ".toml") && !strings.Contains(k.Files, "{"):
		k.Store = TablePerItem
	default:
		p.add(at, "files %q is not where content goes; write data/FOLDER/{id}.toml, data/FILE.toml or content/SECTION/{id}.{lang}.md", k.Files)
		return
	}
	if strings.Count(k.Files, "{") != strings.Count(k.Files[strings.LastIndexByte(k.Files, '/'):], "{") {
		p.add(at, "only the file name may hold {id} and {lang}")
	}
}

func (p *parser) checkFields(fields []*Field) {
	seen := map[string]bool{}
	for _, f := range fields {
		at := p.fieldAt[f]
		if !tomlfile.BareKey(f.Name) || seen[f.Name] {
			p.add(append(at, "name"), "the field name %q is not a name of its own", f.Name)
		}
		seen[f.Name] = true
		if !slices.Contains(types, f.Type) {
			p.add(append(at, "type"), "unknown type %q; the types are %s", f.Type, strings.Join(typeNames(), ", "))
		}
		if (f.Type == Ref || f.Type == Refs) && p.m.Kind(f.To) == nil {
			p.add(at, "%s refers to no kind: to = %q; the kinds are %s", f.Name, f.To, strings.Join(p.m.Names(), ", "))
		}
		if f.Type == List {
			f.Record = p.m.Records[f.Of]
			if f.Of != "text" && f.Of != "string" && f.Of != "date" && f.Record == nil {
				p.add(at, "%s is a list of nothing known: of = %q; write text, string, date or the name of a record", f.Name, f.Of)
			}
			if f.Key != "" && (f.Record == nil || f.Record.Field(f.Key) == nil || f.Record.Field(f.Key).Type != ID) {
				p.add(append(at, "key"), "%s's key %q is not an id field of its records", f.Name, f.Key)
			}
		}
	}
}

func typeNames() []string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return names
}
