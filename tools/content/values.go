package content

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// walk is where the loader is while it reads a value: the item, the file
// and the value's key path in it, how problems name it, and the path text
// ids give it.
type walk struct {
	item    *Item
	file    *File
	key     []string
	subject string // `event "2021-01-22-first-report"`, `measure "use-mfa"`, or ""
	noun    string // what the current table is: "event", "timeline"
	name    string // the value's path from the subject: "text", "sources[1].title"
	id      string // the value's path in text ids: "events[2021-01-22-first-report].text"
	lang    string // in a page: the language of its file
}

func (w walk) place() Place { return Place{File: w.file, Key: w.key} }

// field is the walk into one field of the current table.
func (w walk) field(name string) walk {
	w.key = append(slices.Clone(w.key), name)
	w.name = model.FieldPath(w.name, name)
	w.id = model.FieldPath(w.id, name)
	return w
}

// elem is the walk into element i of the current list, named by its key
// when it has one, or by its number from 1.
func (w walk) elem(i int, key string) walk {
	w.key = append(slices.Clone(w.key), strconv.Itoa(i))
	w.name = model.ElemPath(w.name, key, i)
	w.id = model.ElemPath(w.id, key, i)
	return w
}

// record reads the fields of a table into r.
func (l *loader) record(w walk, r *Record, fields []*model.Field, table map[string]any) {
	for _, f := range fields {
		if w.lang != "" && f.Translated() && len(w.key) == 0 && w.item.Text(f.Name) == nil {
			// Every language's file adds to the same text; a page's own
			// texts are made before any file has them, so that a missing
			// one is known (a source's title, in a list, only when there).
			w.item.Values[f.Name] = l.newText(w.field(f.Name), f)
		}
		if f.Type == model.Body {
			l.body(w.field(f.Name), f)
			continue
		}
		v, ok := table[f.Name]
		switch {
		case ok:
			if value := l.value(w.field(f.Name), f, v); value != nil {
				r.Values[f.Name] = value
			}
		case f.Required:
			l.missing(w, f)
		}
	}
	for _, f := range fields {
		if f.Latest != "" {
			l.latest(w, r, f)
		}
	}
	known := fieldNames(fields)
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if slices.Contains(known, k) {
			continue
		}
		hint := "the keys here are " + strings.Join(known, ", ")
		if s := tomlfile.Suggest(k, known); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		what := "key"
		if w.lang != "" {
			what = "front matter key"
		}
		at := w.field(k).place()
		at.Name = true
		l.add(diag.Invalid, at, w.subject, fmt.Sprintf("unknown %s %q", what, k), hint)
	}
}

// latest checks that a history's last date is the date field it names
// (a bulletin's revisions and its lastmod): both there, the same, or
// neither.
func (l *loader) latest(w walk, r *Record, f *model.Field) {
	dates, _ := r.Values[f.Name].([]Date)
	latest, given := r.Values[f.Latest].(Date)
	switch {
	case len(dates) == 0 && given:
		l.add(diag.Invalid, w.field(f.Latest).place(), w.subject, fmt.Sprintf("%s is %s, which is not in %s", f.Latest, latest.Raw, f.Name),
			fmt.Sprintf("a change is a revision: add %s = [%s]", f.Name, latest.Raw))
	case len(dates) > 0 && !given:
		l.add(diag.Invalid, w.field(f.Name).place(), w.subject, fmt.Sprintf("the %s has no %s, the date of its last revision", w.noun, f.Latest),
			fmt.Sprintf("add %s = %s", f.Latest, dates[len(dates)-1].Raw))
	case len(dates) > 0 && latest != dates[len(dates)-1]:
		last := dates[len(dates)-1].Raw
		l.add(diag.Invalid, w.field(f.Latest).place(), w.subject, fmt.Sprintf("%s is %s, but the last of %s is %s", f.Latest, latest.Raw, f.Name, last),
			fmt.Sprintf("a change is a revision: add %s at the end of %s, or write %s = %s", latest.Raw, f.Name, f.Latest, last))
	}
}

func fieldNames(fields []*model.Field) []string {
	var names []string
	for _, f := range fields {
		if f.Type != model.Body {
			names = append(names, f.Name)
		}
	}
	return names
}

// missing reports a required field that is not there.
func (l *loader) missing(w walk, f *model.Field) {
	hint := "add " + example(f, w.lang != "", l.p.Codes())
	switch {
	case w.lang != "" && f.Translated() && len(w.key) == 0:
		return // a page's own texts are checked once all its languages are read
	case w.lang != "" && w.name != "":
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s has no %s", w.name, f.Name), hint)
		return
	case w.lang != "":
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("the front matter has no %s", f.Name), hint)
		return
	case f.Record != nil && w.item.Kind.Store == model.FilePerItem:
		hint += fmt.Sprintf("; site new %s %s writes one", f.Record.Name, w.item.ID)
	}
	message := w.field(f.Name).name + " is missing"
	if w.name == "" {
		message = fmt.Sprintf("the %s has no %s", w.noun, f.Name)
	}
	l.add(diag.Invalid, w.place(), w.subject, message, hint)
}

// eachLanguage is a value written in each language, for hints:
// en = "…", fr = "…" for a text, en = ["…"], fr = ["…"] for a list.
func eachLanguage(langs []string, value string) string {
	texts := make([]string, len(langs))
	for i, lang := range langs {
		texts[i] = lang + " = " + value
	}
	return strings.Join(texts, ", ")
}

// example is how a field is written, for hints, in a site of those
// languages.
func example(f *model.Field, page bool, langs []string) string {
	switch f.Type {
	case model.Text:
		if page {
			return f.Name + ` = "…"`
		}
		keys := make([]string, len(langs))
		for i, lang := range langs {
			keys[i] = fmt.Sprintf(`%s.%s = "…"`, f.Name, lang)
		}
		return diag.And(keys)
	case model.Date:
		if f.Partial {
			return f.Name + ` = 2021-01-22, or "2021-01" or "2021" when only the month or year is known`
		}
		if f.Doc == "" {
			return f.Name + " = 2024-03-01"
		}
		return f.Name + " = 2024-03-01: " + strings.ToLower(f.Doc[:1]) + f.Doc[1:]
	case model.Refs:
		return f.Name + ` = ["id-1", "id-2"]`
	case model.List:
		if f.Record != nil {
			return fmt.Sprintf("a [[%s]] table", f.Name)
		}
		if f.Of == "date" {
			return f.Name + " = [2024-03-01, 2024-05-15]"
		}
		return f.Name + " = [{ " + eachLanguage(langs, `"…"`) + " }]"
	case model.ID:
		return fmt.Sprintf("%s = \"…\"; %s", f.Name, f.Doc)
	case model.Flag:
		return f.Name + " = true"
	case model.Moment:
		return f.Name + " = 2027-03-12, or 2027-03-12T09:00:00-05:00 for an hour"
	}
	return f.Name + ` = "…"`
}

func (l *loader) newText(w walk, f *model.Field) *Text {
	t := &Text{ID: model.TextID(w.item.Kind.Name, w.item.ID, w.id), Item: w.item, Field: f, Values: map[string]string{}, At: map[string]Place{}, subject: w.subject, name: w.name}
	w.item.Texts = append(w.item.Texts, t)
	return t
}

// pageText returns the text of a page at the walk's path, which every
// language's file adds to, made on first use.
func (l *loader) pageText(w walk, f *model.Field) *Text {
	id := model.TextID(w.item.Kind.Name, w.item.ID, w.id)
	for _, t := range w.item.Texts {
		if t.ID == id {
			return t
		}
	}
	return l.newText(w, f)
}

// value reads one field's value, as its type says, and returns it typed
// (see Record), or nil when it is wrong.
func (l *loader) value(w walk, f *model.Field, v any) any {
	wrong := func(what string) any {
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be %s, found %s", w.name, what, describe(v)), "write "+example(f, w.lang != "", l.p.Codes()))
		return nil
	}
	switch f.Type {
	case model.Text:
		if w.lang != "" {
			t := l.pageText(w, f)
			s, ok := v.(string)
			if !ok {
				t.At[w.lang] = w.place() // written, wrong: reported once, here
				return wrong("text in quotes")
			}
			t.Values[w.lang], t.At[w.lang] = Normalize(s), w.place()
			return t
		}
		return l.text(w, f, v)
	case model.String, model.URL, model.Ref, model.ID:
		s, ok := v.(string)
		if !ok {
			return wrong("text in quotes")
		}
		l.str(w, f, s)
		return s
	case model.Slug:
		return l.slug(w, f, v)
	case model.Date:
		return l.date(w, f, v)
	case model.Refs:
		ids, ok := stringList(v)
		if !ok {
			return wrong("a list of ids")
		}
		for i, id := range ids {
			l.ref(w.elem(i, ""), f, id)
		}
		return ids
	case model.Words:
		return l.words(w, v)
	case model.List:
		return l.list(w, f, v)
	case model.Flag:
		b, ok := v.(bool)
		if !ok {
			return wrong("true or false, without quotes")
		}
		return b
	case model.Moment:
		return l.moment(w, f, v)
	}
	return wrong("written below the front matter")
}

// text reads a text of the data: a table of one string per language.
func (l *loader) text(w walk, f *model.Field, v any) *Text {
	table, ok := v.(map[string]any)
	if !ok {
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s: expected one text per language, like { %s }, found %s", w.name, eachLanguage(l.p.Codes(), `"…"`), describe(v)), "")
		return nil
	}
	t := l.newText(w, f)
	codes := l.p.Codes()
	for _, lang := range slices.Sorted(maps.Keys(table)) {
		at := w.field(lang).place()
		s, ok := table[lang].(string)
		switch {
		case !slices.Contains(codes, lang):
			hint := "the languages are " + diag.And(codes)
			if s := tomlfile.Suggest(lang, codes); s != "" {
				hint = fmt.Sprintf("did you mean %q? ", s) + hint
			}
			l.add(diag.Invalid, at, w.subject, fmt.Sprintf("%s has a text in %q, which is not a language of the site", w.name, lang), hint)
		case !ok:
			t.At[lang] = at // written, wrong: reported once, here
			l.add(diag.Invalid, at, w.subject, fmt.Sprintf("the %q text of %s must be a quoted string, found %s", lang, w.name, describe(table[lang])), "")
		default:
			t.Values[lang], t.At[lang] = Normalize(s), at
		}
	}
	gap := t.gapKind()
	for _, lang := range l.p.Languages {
		s, ok := t.Values[lang.Code]
		_, written := t.At[lang.Code]
		switch {
		case !ok && written: // reported above
		case !ok:
			at, hint := w.place(), fmt.Sprintf("add %s = \"…\" inside the { } of %s", lang.Code, w.name)
			if w.file.TOML.Header(w.key...) {
				hint = fmt.Sprintf("add %s = \"…\" below its [header]", lang.Code)
			}
			for _, other := range l.p.Codes() { // beside a language that is there, written as it is
				if _, ok := t.Values[other]; ok {
					at = t.At[other]
					key, inline := w.file.TOML.SiblingKey(at.Key, lang.Code)
					hint = fmt.Sprintf("add %s = \"…\"", key)
					if inline {
						hint += fmt.Sprintf(" inside the { } of %s", w.name)
					}
					break
				}
			}
			l.add(gap, at, w.subject, fmt.Sprintf("%s has no %s text", w.name, lang), hint)
		case strings.TrimSpace(s) == "":
			l.add(gap, t.At[lang.Code], w.subject, fmt.Sprintf("%s: the %s text is empty", w.name, lang), "write the text between the quotes")
		}
	}
	return t
}

// str checks a one-language value: a name, an id, an address, a reference.
func (l *loader) str(w walk, f *model.Field, s string) {
	switch {
	case strings.TrimSpace(s) == "" && (f.Required || f.Type == model.Ref):
		l.add(diag.Invalid, w.place(), w.subject, w.name+" is empty", "write it between the quotes")
	case f.Type == model.ID && !model.ValidID(s):
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("the id %q cannot be an anchor", s), model.IDHint)
	case f.Type == model.URL && s != "":
		if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s, %q, is not a web address", w.name, s), "write the full address, starting with https://")
		}
	case f.Type == model.Ref:
		l.ref(w, f, s)
	}
}

// ref records a reference, checked once every item is read.
func (l *loader) ref(w walk, f *model.Field, id string) {
	l.site.Refs = append(l.site.Refs, &Ref{From: w.item, Field: f, Lang: w.lang, To: l.p.Model.Kind(f.To), ID: id, At: w.place(), subject: w.subject})
}

// slug reads the last part of an item's address: per language in data, a
// string in each page.
func (l *loader) slug(w walk, f *model.Field, v any) map[string]string {
	slugs, _ := w.item.Values[f.Name].(map[string]string)
	if slugs == nil {
		slugs = map[string]string{}
	}
	check := func(at walk, lang, s string) {
		if hint := model.NameProblem(s); s != "" && hint != "" {
			l.add(diag.Invalid, at.place(), w.subject, fmt.Sprintf("the %s %s %q cannot be part of an address", langName(l.p, lang), w.name, s), hint)
			return
		}
		slugs[lang] = s
	}
	if w.lang != "" {
		s, ok := v.(string)
		if !ok {
			l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be text in quotes, found %s", w.name, describe(v)), fmt.Sprintf("write %s = \"…\"", f.Name))
			return nil
		}
		check(w, w.lang, s)
		w.item.Values[f.Name] = slugs // every language's file adds to the item's
		return slugs
	}
	table, ok := v.(map[string]any)
	if !ok {
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be one address per language, like { %s }, found %s", w.name, eachLanguage(l.p.Codes(), `"…"`), describe(v)), "")
		return nil
	}
	for _, lang := range slices.Sorted(maps.Keys(table)) {
		s, ok := table[lang].(string)
		if !ok {
			l.add(diag.Invalid, w.field(lang).place(), w.subject, fmt.Sprintf("the %s %s must be text in quotes, found %s", langName(l.p, lang), w.name, describe(table[lang])), fmt.Sprintf("write %s.%s = \"…\"", f.Name, lang))
			continue
		}
		if !slices.Contains(l.p.Codes(), lang) {
			l.add(diag.Invalid, w.field(lang).place(), w.subject, fmt.Sprintf("%s has an address in %q, which is not a language of the site", w.name, lang), "the languages are "+diag.And(l.p.Codes()))
			continue
		}
		check(w.field(lang), lang, s)
	}
	return slugs
}

func langName(p *project.Project, code string) string {
	l, _ := p.Language(code)
	return l.String()
}

// date reads a date: a TOML date, or, for a partial date, a string too.
func (l *loader) date(w walk, f *model.Field, v any) any {
	hint := "write " + example(f, w.lang != "", l.p.Codes())
	switch v := v.(type) {
	case time.Time:
		if f.Partial && v.Location().String() != "date-local" {
			l.add(diag.Invalid, w.place(), w.subject, w.name+" has a time of day", hint)
			return nil
		}
		return Date{Raw: v.Format(time.DateOnly)}
	case string:
		d := Date{Raw: v}
		if _, _, ok := d.Parse(); !f.Partial || !ok {
			message := fmt.Sprintf("%q is not a date that exists", v)
			if !f.Partial {
				message = fmt.Sprintf("%s must be a date, found a string", w.name)
			}
			l.add(diag.Invalid, w.place(), w.subject, message, hint)
			return nil
		}
		return d
	}
	l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be a date, found %s", w.name, describe(v)), hint)
	return nil
}

// moment reads a day or a moment: a day is its first instant in UTC (the
// site's time zone, config.toml's timeZone); a moment must say its offset
// from UTC, or an embargo would lift at the hour of whichever machine
// builds the site.
func (l *loader) moment(w walk, f *model.Field, v any) any {
	t, ok := v.(time.Time)
	switch {
	case !ok:
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be a day or a moment, found %s", w.name, describe(v)), "write "+example(f, w.lang != "", l.p.Codes()))
		return nil
	case t.Location().String() == "date-local":
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	case t.Location().String() == "datetime-local" || t.Location().String() == "time-local":
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s has an hour but no offset from UTC", w.name),
			fmt.Sprintf("add it: %s for Ottawa's winter time, -04:00 in summer, or Z for UTC", t.Format("2006-01-02T15:04:05")+"-05:00"))
		return nil
	}
	return t
}

// wordPattern is what a word may hold, so that it can be looked for in
// running text as it is.
var wordPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} '’-]*$`)

// words reads lists of words by language.
func (l *loader) words(w walk, v any) map[string][]string {
	table, ok := v.(map[string]any)
	if !ok {
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be a list of words per language, like { %s }, found %s", w.name, eachLanguage(l.p.Codes(), `["…"]`), describe(v)), "")
		return nil
	}
	words := map[string][]string{}
	for _, lang := range slices.Sorted(maps.Keys(table)) {
		at := w.field(lang)
		list, ok := stringList(table[lang])
		switch {
		case !slices.Contains(l.p.Codes(), lang):
			l.add(diag.Invalid, at.place(), w.subject, fmt.Sprintf("%s in %q, which is not a language of the site", w.name, lang), "the languages are "+diag.And(l.p.Codes()))
			continue
		case !ok:
			l.add(diag.Invalid, at.place(), w.subject, fmt.Sprintf("%s in %s must be a list of words in quotes", w.name, langName(l.p, lang)), "")
			continue
		}
		for i, word := range list {
			if !wordPattern.MatchString(word) {
				l.add(diag.Invalid, at.elem(i, "").place(), w.subject, fmt.Sprintf("the %s %s %q cannot be looked for in text", langName(l.p, lang), strings.TrimSuffix(w.name, "s"), word), "use letters, digits, spaces, hyphens and apostrophes only")
			}
		}
		words[lang] = list
	}
	return words
}

// list reads a list of texts, strings or records.
func (l *loader) list(w walk, f *model.Field, v any) any {
	elems, ok := anyList(v)
	if !ok {
		l.add(diag.Invalid, w.place(), w.subject, fmt.Sprintf("%s must be a list, found %s", w.name, describe(v)), "write "+example(f, w.lang != "", l.p.Codes()))
		return nil
	}
	if f.Required && len(elems) == 0 {
		hint := "add " + example(f, w.lang != "", l.p.Codes())
		if f.Record != nil && w.item.Kind.Store == model.FilePerItem {
			hint += fmt.Sprintf("; site new %s %s writes one", f.Record.Name, w.item.ID)
		}
		l.add(diag.Invalid, w.place(), w.subject, w.name+" is empty", hint)
	}
	switch f.Of {
	case "text":
		var texts []*Text
		for i, e := range elems {
			if t := l.text(w.elem(i, ""), f, e); t != nil {
				texts = append(texts, t)
			}
		}
		return texts
	case "date":
		var dates []Date
		for i, e := range elems {
			ew := w.elem(i, "")
			d, ok := l.date(ew, &model.Field{Name: f.Name, Type: model.Date}, e).(Date)
			switch {
			case !ok: // reported
			case len(dates) > 0 && d.Raw <= dates[len(dates)-1].Raw:
				l.add(diag.Invalid, ew.place(), w.subject, fmt.Sprintf("%s: %s comes after %s", w.name, d.Raw, dates[len(dates)-1].Raw), "write the dates oldest first, each once")
			default:
				dates = append(dates, d)
			}
		}
		return dates
	case "string":
		var out []string
		for i, e := range elems {
			s, ok := e.(string)
			if !ok || strings.TrimSpace(s) == "" {
				l.add(diag.Invalid, w.elem(i, "").place(), w.subject, fmt.Sprintf("%s %d is empty, or not text in quotes", strings.TrimSuffix(w.name, "es"), i+1), "write it between quotes")
				continue
			}
			out = append(out, s)
		}
		return out
	}
	var records []*Record
	seen := map[string]int{}
	for i, e := range elems {
		table, ok := e.(map[string]any)
		if !ok {
			l.add(diag.Invalid, w.elem(i, "").place(), w.subject, fmt.Sprintf("%s must be a list of tables, found %s", w.name, describe(e)), "")
			continue
		}
		ew := w.elem(i, "")
		if f.Key != "" {
			// A keyed record is named by its key, and its fields from it.
			key, _ := table[f.Key].(string)
			ew.subject, ew.noun = fmt.Sprintf("%s %d", f.Record.Name, i+1), f.Record.Name
			if key != "" {
				ew.subject = fmt.Sprintf("%s %q", f.Record.Name, key)
			}
			if model.ValidID(key) {
				ew.id = fmt.Sprintf("%s[%s]", w.id, key)
			}
			ew.name = ""
			if n := seen[key]; n > 0 && key != "" {
				l.add(diag.Invalid, ew.field(f.Key).place(), ew.subject, fmt.Sprintf("the %s %q is already used by %s %d", f.Key, key, f.Record.Name, n), fmt.Sprintf("give each %s its own %s", f.Record.Name, f.Key))
			} else if key != "" {
				seen[key] = i + 1
			}
		}
		r := &Record{Values: map[string]any{}}
		l.record(ew, r, f.Record.Fields, table)
		records = append(records, r)
	}
	return records
}

// body reads a page's text below its front matter.
func (l *loader) body(w walk, f *model.Field) {
	t := w.item.Text(f.Name)
	t.Values[w.lang] = strings.TrimSpace(Normalize(string(w.file.Page.Text())))
	t.At[w.lang] = Place{File: w.file, Body: true}
}

func stringList(v any) ([]string, bool) {
	elems, ok := anyList(v)
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, isString := e.(string)
		if !isString {
			return nil, false
		}
		out = append(out, s)
	}
	return out, ok
}

// anyList returns an array's elements, written inline or as an array of
// tables.
func anyList(v any) ([]any, bool) {
	switch v := v.(type) {
	case []any:
		return v, true
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = e
		}
		return out, true
	}
	return nil, false
}

// describe names the type of a decoded value, for problems.
func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	case time.Time:
		return "a date"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	}
	return fmt.Sprintf("%T", v)
}
