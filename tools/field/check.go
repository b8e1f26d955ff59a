package field

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// idPattern is what ids and slugs look like: they become URLs and anchors.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IDHint says how to write an id.
const IDHint = "use lower-case letters, digits and single hyphens, like 2021-01-22-first-report"

// ValidID reports whether s can be an id or a slug.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Checker collects the problems of the files of one project.
type Checker struct {
	Langs    []project.Language
	Problems diag.List
}

// Add records a problem.
func (c *Checker) Add(p diag.Problem) { c.Problems = append(c.Problems, p) }

// At builds a problem at the position of key in doc.
func At(doc *tomlfile.Document, subject string, key []string, format string, args ...any) diag.Problem {
	line, col := doc.Position(key...)
	return diag.Problem{File: doc.File, Line: line, Col: col, Subject: subject, Message: fmt.Sprintf(format, args...)}
}

// WithHint returns p with the hint.
func WithHint(p diag.Problem, hint string) diag.Problem {
	p.Hint = hint
	return p
}

// URL checks that a link, when there is one, is a full web address.
func (c *Checker) URL(doc *tomlfile.Document, subject string, key []string, what, link string) {
	if link == "" {
		return
	}
	if u, err := url.Parse(link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		c.Add(WithHint(At(doc, subject, key, "the address of %s, %q, is not a web address", what, link), "write the full address, starting with https://"))
	}
}

// Ref checks that id names one of the known things of a kind ("actor",
// "measure"…), which are defined in file.
func (c *Checker) Ref(doc *tomlfile.Document, subject string, key []string, kind, id string, known []string, file string) {
	if slices.Contains(known, id) {
		return
	}
	p := At(doc, subject, key, "unknown %s %q", kind, id)
	if s := tomlfile.Suggest(id, known); s != "" {
		p.Hint = fmt.Sprintf("did you mean %q? The %ss are defined in %s", s, kind, file)
	} else {
		p.Hint = fmt.Sprintf("add it to %s or use one of its ids", file)
	}
	c.Add(p)
}

// Text checks that a text is given in every language of the site, and in no other.
func (c *Checker) Text(doc *tomlfile.Document, subject string, key []string, field string, t Text, required bool) {
	if len(t) == 0 {
		if required {
			c.Add(WithHint(At(doc, subject, parent(key), "%s is missing", field), fmt.Sprintf("add %s", c.textExample(field))))
		}
		return
	}
	var missing, empty []project.Language
	for _, l := range c.Langs {
		s, ok := t[l.Code]
		switch {
		case !ok:
			missing = append(missing, l)
		case strings.TrimSpace(s) == "":
			empty = append(empty, l)
		}
	}
	for _, lang := range SortedKeys(t) {
		if !slices.ContainsFunc(c.Langs, func(l project.Language) bool { return l.Code == lang }) {
			p := At(doc, subject, append(slices.Clone(key), lang), "%s has a text in %q, which is not a language of the site", field, lang)
			p.Hint = "the languages are " + strings.Join(c.Codes(), " and ")
			if s := tomlfile.Suggest(lang, c.Codes()); s != "" {
				p.Hint = fmt.Sprintf("did you mean %q? ", s) + p.Hint
			}
			c.Add(p)
		}
	}
	given := len(c.Langs) - len(missing) - len(empty)
	kind := diag.TranslationGap
	if given == 0 {
		kind = diag.Invalid // nothing to translate from
	}
	for _, l := range missing {
		hint := fmt.Sprintf("add %s.%s = \"…\"", lastKey(key, field), l.Code)
		if strings.Contains(field, "[") { // an inline table in a list
			hint = fmt.Sprintf("add %s = \"…\" inside the { } of %s", l.Code, field)
		}
		p := WithHint(At(doc, subject, c.presentKey(key, t), "%s has no %s text", field, LangName(l)), hint)
		p.Kind = kind
		c.Add(p)
	}
	for _, l := range empty {
		p := WithHint(At(doc, subject, append(slices.Clone(key), l.Code), "%s: the %s text is empty", field, LangName(l)), "write the text between the quotes")
		p.Kind = kind
		c.Add(p)
	}
}

// presentKey points at a language that is there, to show where the text is.
func (c *Checker) presentKey(key []string, t Text) []string {
	for _, l := range c.Langs {
		if _, ok := t[l.Code]; ok {
			return append(slices.Clone(key), l.Code)
		}
	}
	return key
}

func (c *Checker) textExample(field string) string {
	parts := make([]string, len(c.Langs))
	for i, l := range c.Langs {
		parts[i] = fmt.Sprintf("%s.%s = \"…\"", lastKey(nil, field), l.Code)
	}
	return strings.Join(parts, " and ")
}

// Codes returns the language codes of the site.
func (c *Checker) Codes() []string {
	codes := make([]string, len(c.Langs))
	for i, l := range c.Langs {
		codes[i] = l.Code
	}
	return codes
}

// UnknownKeys reports the keys the file sets that have no meaning. classify
// returns, for a key, the subject, which part of the key is unknown (-1: not
// reported here) and the keys that would have been known in its place.
func (c *Checker) UnknownKeys(doc *tomlfile.Document, classify func(toml.Key) (subject string, part int, known []string)) {
	for _, k := range doc.Unknown() {
		subject, part, known := classify(k)
		if part < 0 || part >= len(k) {
			continue
		}
		p := At(doc, subject, k, "unknown key %q", strings.Join(k, "."))
		if s := tomlfile.Suggest(k[part], known); s != "" {
			p.Hint = fmt.Sprintf("did you mean %q?", s)
		} else {
			p.Hint = "the known keys here are " + strings.Join(known, ", ")
		}
		c.Add(p)
	}
}

func LangName(l project.Language) string { return fmt.Sprintf("%q (%s)", l.Code, l.Name) }

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

// Keys lists the keys a struct reads, from its toml tags.
func Keys(v any) []string {
	var keys []string
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("toml"); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
