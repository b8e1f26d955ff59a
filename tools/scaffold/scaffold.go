// Package scaffold writes the skeletons of new content from the content
// model: every field of the kind, in the model's order, with its doc as a
// comment above it and a key per language for each text. Required fields
// are there to fill in; optional ones are commented out, as examples.
package scaffold

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Values are what a skeleton is filled with: the item's id, the date of a
// date field, and the id of a new record.
type Values struct {
	ID       string
	Date     string // 2024-03-01, or "2024-03" or "2024" for a partial date
	RecordID string
}

// File writes a new data item that is a file of its own.
func File(k *model.Kind, langs []project.Language, v Values) string {
	var b strings.Builder
	comment(&b, fmt.Sprintf("%s: %s", v.ID, k.Doc))
	fields(&b, k.Fields, langs, v, "")
	return b.String()
}

// Table writes a new data item that is a table of a file, to add at its end.
func Table(k *model.Kind, langs []project.Language, v Values) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n[%s]\n", tomlfile.Key(v.ID))
	fields(&b, k.Fields, langs, v, v.ID+".")
	return b.String()
}

// Page writes a new page in one language.
func Page(k *model.Kind, lang project.Language, v Values) string {
	var b strings.Builder
	b.WriteString("+++\n")
	comment(&b, fmt.Sprintf("This page in %s (%s). Its counterparts in the other languages are the files of the same name beside it.", lang.Name, lang.Code))
	var body *model.Field
	for _, f := range k.Fields {
		if f.Type == model.Body {
			body = f
			continue
		}
		field(&b, f, []project.Language{lang}, v, true)
	}
	if body != nil {
		comment(&b, body.Doc)
	}
	b.WriteString("+++\n")
	return b.String()
}

// Record writes a new element of a list of records (an event), to add at
// the end of its item's file.
func Record(list *model.Field, langs []project.Language, v Values) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n[[%s]]\n", tomlfile.Key(list.Name))
	fields(&b, list.Record.Fields, langs, v, "")
	return b.String()
}

// fields writes the fields of a data table. A required list of records
// comes last, as one [[table]] to fill in: TOML puts tables after keys.
func fields(b *strings.Builder, fields []*model.Field, langs []project.Language, v Values, table string) {
	var lists []*model.Field
	for _, f := range fields {
		if f.Type == model.List && f.Record != nil && f.Required {
			lists = append(lists, f)
			continue
		}
		field(b, f, langs, v, false)
	}
	for _, f := range lists {
		comment(b, f.Doc)
		fmt.Fprintf(b, "\n[[%s%s]]\n", table, tomlfile.Key(f.Name))
		rv := v
		if rv.RecordID == "" { // a record's id is its date and what it is
			rv.RecordID = v.Date + "-new-" + f.Record.Name
		}
		for _, rf := range f.Record.Fields {
			field(b, rf, langs, rv, false)
		}
	}
}

// field writes one field: its doc, then its keys.
func field(b *strings.Builder, f *model.Field, langs []project.Language, v Values, page bool) {
	doc := f.Doc
	if !f.Required {
		doc = "Optional: " + lowerFirst(doc)
		if f.Doc == "" {
			doc = "Optional."
		}
	}
	comment(b, doc)
	prefix := ""
	if !f.Required {
		prefix = "# "
	}
	key := tomlfile.Key(f.Name)
	switch f.Type {
	case model.Text:
		switch {
		case page && f.Required:
			fmt.Fprintf(b, "%s = \"\"\n", key)
		case page:
			fmt.Fprintf(b, "# %s = \"…\"\n", key)
		case f.Required:
			for _, l := range langs {
				if f.Long {
					fmt.Fprintf(b, "%s.%s = \"\"\"\n\"\"\"\n", key, l.Code)
				} else {
					fmt.Fprintf(b, "%s.%s = \"\"\n", key, l.Code)
				}
			}
		default:
			fmt.Fprintf(b, "# %s = %s\n", key, perLanguage(langs, `"…"`))
		}
	case model.Slug:
		if page {
			fmt.Fprintf(b, "# %s = \"…\"\n", key)
		} else {
			fmt.Fprintf(b, "# %s = %s\n", key, perLanguage(langs, `"…"`))
		}
	case model.ID:
		fmt.Fprintf(b, "%s = %s\n", key, tomlfile.Quote(v.RecordID))
	case model.Date:
		fmt.Fprintf(b, "%s%s = %s\n", prefix, key, dateValue(v.Date))
	case model.URL:
		fmt.Fprintf(b, "%s%s = \"https://…\"\n", prefix, key)
	case model.Refs:
		fmt.Fprintf(b, "%s%s = []\n", prefix, key)
	case model.Words:
		fmt.Fprintf(b, "%s%s = %s\n", prefix, key, perLanguage(langs, `["…"]`))
	case model.Flag:
		fmt.Fprintf(b, "%s%s = true\n", prefix, key)
	case model.Moment:
		fmt.Fprintf(b, "%s%s = %sT09:00:00-05:00\n", prefix, key, dateValue(v.Date))
	case model.List:
		switch {
		case f.Of == "string":
			fmt.Fprintf(b, "%s%s = [\"…\"]\n", prefix, key)
		case f.Of == "date":
			fmt.Fprintf(b, "%s%s = [%s]\n", prefix, key, dateValue(v.Date))
		case f.Of == "text":
			fmt.Fprintf(b, "%s%s = [\n%s  %s,\n%s]\n", prefix, key, prefix, perLanguage(langs, `"…"`), prefix)
		default:
			fmt.Fprintf(b, "%s%s = [\n%s  %s,\n%s]\n", prefix, key, prefix, inlineRecord(f.Record, langs, v, page), prefix)
		}
	default: // string, ref
		if f.Required {
			fmt.Fprintf(b, "%s = \"\"\n", key)
		} else {
			fmt.Fprintf(b, "# %s = \"…\"\n", key)
		}
	}
}

// perLanguage is a value in each language: { en = "…", fr = "…" }.
func perLanguage(langs []project.Language, value string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l.Code + " = " + value
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// inlineRecord is an example of a record on one line: in a page, its
// texts in the page's language only.
func inlineRecord(r *model.Record, langs []project.Language, v Values, page bool) string {
	var parts []string
	for _, f := range r.Fields {
		switch {
		case f.Type == model.Text && page:
			parts = append(parts, f.Name+` = "…"`)
		case f.Type == model.Text:
			parts = append(parts, f.Name+" = "+perLanguage(langs, `"…"`))
		case f.Type == model.Date:
			parts = append(parts, f.Name+" = "+dateValue(v.Date))
		case f.Type == model.URL:
			parts = append(parts, f.Name+` = "https://…"`)
		default:
			parts = append(parts, f.Name+` = "…"`)
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func dateValue(date string) string {
	if len(date) == len("2006-01-02") {
		return date
	}
	return tomlfile.Quote(date) // a month or a year alone is a string in TOML
}

// comment writes text as comment lines of about 76 characters.
func comment(b *strings.Builder, text string) {
	if text == "" {
		return
	}
	line := "#"
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > 76 && len(line) > 1 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	b.WriteString(line + "\n")
}

// lowerFirst lowers the first letter of a sentence, but not of an acronym.
func lowerFirst(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	second, _ := utf8.DecodeRuneInString(s[size:])
	if unicode.IsUpper(second) {
		return s
	}
	return string(unicode.ToLower(first)) + s[size:]
}
