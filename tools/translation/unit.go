// Package translation knows every text of the site that is translated:
// the texts of the data files, the pages, and the interface messages of
// the catalogues. For each target language it tells what is missing and
// what is outdated (its source changed after the translation was last
// written or confirmed), and it reads and writes the record of that in
// translation-state.toml.
package translation

import (
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/pages"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Kind is where a unit's texts live.
type Kind int

const (
	DataText Kind = iota // a { en = "…", fr = "…" } table of a data file
	Page                 // a Markdown page and its counterpart
	Message              // a message of the i18n catalogues
)

// Unit is one text to translate into one target language.
type Unit struct {
	// ID is stable across edits: the file and the key path, with events by
	// their id ("data/timelines/t.toml#events[2021-01-22-report].text"),
	// pages by their path without language ("content/bulletins/b"), messages
	// by their id ("i18n#skipToContent").
	ID      string
	Kind    Kind
	Lang    string // the target language
	Section string // for counts: "timelines", "bulletins", "interface"…
	// File, Line and Col are where the target is, or would go.
	File      string
	Line, Col int
	// Key is the unit's key path in File (data texts and messages).
	Key        []string
	Source     string // the text in the source language
	SourceHash string // "sha1-…": goi18n's hash for messages
	Target     string // "" when missing
	TargetHash string // "" when missing
	// Forms are a message's plural forms, source and target.
	SourceForms, TargetForms map[string]string
	// SourceAt and TargetAt are where the values are in File (line, col),
	// for writing translations back; TargetAt is zero when there is none.
	SourceAt, TargetAt [2]int
	// InArray is set for a text inside an inline array (notes = [{ … }]),
	// where the decoder knows only the position of the array.
	InArray *ArrayPath
}

// ArrayPath is where a text is inside an inline array: the array's
// position, the element's index, and the keys from the element to the text.
type ArrayPath struct {
	At    [2]int
	Index int
	Keys  []string
}

// Hash is how a text is fingerprinted in the state file.
func Hash(s string) string { return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(s))) }

// hashIf is the hash of a text that is there, or "" for one that is missing.
func hashIf(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return Hash(s)
}

// Collect returns every unit of the project for the target language, in
// file order.
func Collect(p *project.Project, target string) ([]Unit, diag.List) {
	source := p.Languages[0].Code
	var units []Unit
	var problems diag.List
	files, _ := filepath.Glob(p.Path("data/*.toml"))
	more, _ := filepath.Glob(p.Path("data/*/*.toml"))
	files = append(files, more...)
	slices.Sort(files)
	for _, f := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(f, p.Root+string(filepath.Separator)))
		u, prob := dataUnits(p, rel, source, target)
		units = append(units, u...)
		if prob != nil {
			problems = append(problems, *prob)
		}
	}
	u, probs := pageUnits(p, source, target)
	units = append(units, u...)
	problems = append(problems, probs...)
	u, probs = messageUnits(p, source, target)
	units = append(units, u...)
	problems = append(problems, probs...)
	return units, problems
}

// section is how a file is counted: the folder under data/ or content/, or
// the data file's name.
func section(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) > 2 {
		return parts[1]
	}
	return strings.TrimSuffix(parts[len(parts)-1], ".toml")
}

// dataUnits finds the texts of a data file: every table whose keys are all
// language codes. Addresses (slug) are not texts.
func dataUnits(p *project.Project, rel, source, target string) ([]Unit, *diag.Problem) {
	src, err := os.ReadFile(p.Path(rel))
	if err != nil {
		return nil, &diag.Problem{File: rel, Message: err.Error()}
	}
	var data map[string]any
	doc, prob := tomlfile.Decode(rel, src, &data)
	if prob != nil {
		return nil, prob
	}
	w := &walker{codes: p.Codes(), source: source, target: target, file: rel, section: section(rel)}
	for _, k := range field.SortedKeys(data) {
		v := data[k]
		// An array of tables is split by element so that each has its
		// own positions.
		if elems, ok := v.([]map[string]any); ok {
			docs := doc.Elements(k, func() any { return &map[string]any{} })
			for i, e := range elems {
				d, key := doc, []string{k}
				if docs != nil {
					d, key = docs[i], nil
				}
				w.walk(d, key, k+"["+elementID(e, i)+"]", e)
			}
			continue
		}
		w.walk(doc, []string{k}, k, v)
	}
	return w.units, nil
}

func elementID(e map[string]any, i int) string {
	if id, ok := e["id"].(string); ok && id != "" {
		return id
	}
	return strconv.Itoa(i + 1)
}

type walker struct {
	codes                         []string
	source, target, file, section string
	units                         []Unit
	inArray                       *ArrayPath // while walking an element of an inline array
}

// walk visits a value at key (its position in doc) and id (its path in the unit id).
func (w *walker) walk(doc *tomlfile.Document, key []string, id string, v any) {
	switch v := v.(type) {
	case map[string]any:
		if w.isText(v) {
			if len(key) > 0 && key[len(key)-1] == "slug" {
				return
			}
			w.add(doc, key, id, v)
			return
		}
		for _, k := range field.SortedKeys(v) {
			outer := w.inArray
			if outer != nil { // positions stay the array's; the path goes on
				w.inArray = &ArrayPath{At: outer.At, Index: outer.Index, Keys: append(slices.Clone(outer.Keys), k)}
				w.walk(doc, key, id+"."+k, v[k])
				w.inArray = outer
				continue
			}
			w.walk(doc, append(slices.Clone(key), k), id+"."+k, v[k])
		}
	case []map[string]any:
		for i, e := range v {
			w.walk(doc, key, fmt.Sprintf("%s[%s]", id, elementID(e, i)), e)
		}
	case []any:
		if w.inArray != nil {
			return // arrays in arrays hold no texts here
		}
		line, col := doc.Position(key...)
		for i, e := range v {
			if m, ok := e.(map[string]any); ok {
				w.inArray = &ArrayPath{At: [2]int{line, col}, Index: i}
				w.walk(doc, key, fmt.Sprintf("%s[%s]", id, elementID(m, i)), m)
				w.inArray = nil
			}
		}
	}
}

// isText reports whether a table is a text: one string per language.
func (w *walker) isText(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k, v := range m {
		if _, ok := v.(string); !ok || !slices.Contains(w.codes, k) {
			return false
		}
	}
	return true
}

func (w *walker) add(doc *tomlfile.Document, key []string, id string, t map[string]any) {
	src, _ := t[w.source].(string)
	tgt, _ := t[w.target].(string)
	u := Unit{
		ID: w.file + "#" + id, Kind: DataText, Section: w.section, Lang: w.target,
		File: w.file, Key: key,
		Source: src, SourceHash: Hash(src), Target: strings.TrimSpace(tgt), TargetHash: hashIf(tgt),
	}
	u.SourceAt[0], u.SourceAt[1] = doc.Position(append(slices.Clone(key), w.source)...)
	u.Line, u.Col = u.SourceAt[0], u.SourceAt[1]
	if w.inArray != nil {
		u.InArray = w.inArray
		u.SourceAt = [2]int{}
	} else if _, ok := t[w.target]; ok {
		u.TargetAt[0], u.TargetAt[1] = doc.Position(append(slices.Clone(key), w.target)...)
		u.Line, u.Col = u.TargetAt[0], u.TargetAt[1]
	}
	w.units = append(w.units, u)
}

// pageUnits pairs each page with its counterpart: the whole file is the
// text to translate, front matter included.
func pageUnits(p *project.Project, source, target string) ([]Unit, diag.List) {
	var units []Unit
	err := filepath.WalkDir(p.Path(pages.ContentDir), func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, "."+source+".md") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(file, p.Root+string(filepath.Separator)))
		base := strings.TrimSuffix(rel, "."+source+".md")
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		targetFile := base + "." + target + ".md"
		tgt, _ := os.ReadFile(p.Path(targetFile))
		sec := path.Dir(strings.TrimPrefix(base, pages.ContentDir+"/"))
		if sec == "." {
			sec = "home"
		}
		units = append(units, Unit{
			ID: base, Kind: Page, Section: strings.Split(sec, "/")[0], Lang: target,
			File: targetFile, Line: 1, Col: 1,
			Source: string(src), SourceHash: Hash(string(src)), Target: strings.TrimSpace(string(tgt)), TargetHash: hashIf(string(tgt)),
		})
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, diag.List{{File: pages.ContentDir, Message: err.Error()}}
	}
	return units, nil
}

// CatalogueFile is the catalogue of a language.
func CatalogueFile(lang string) string { return "i18n/" + lang + ".toml" }

// Catalogue is a language's messages, read with go-i18n, with positions.
type Catalogue struct {
	File     string
	Messages map[string]*i18n.Message
	Doc      *tomlfile.Document
}

// ReadCatalogue reads a language's catalogue; a missing file is an empty
// catalogue.
func ReadCatalogue(p *project.Project, lang string) (*Catalogue, *diag.Problem) {
	rel := CatalogueFile(lang)
	c := &Catalogue{File: rel, Messages: map[string]*i18n.Message{}}
	src, err := os.ReadFile(p.Path(rel))
	if os.IsNotExist(err) {
		doc, _ := tomlfile.Decode(rel, nil, &map[string]any{})
		c.Doc = doc
		return c, nil
	}
	if err != nil {
		return nil, &diag.Problem{File: rel, Message: err.Error()}
	}
	var raw map[string]any
	doc, prob := tomlfile.Decode(rel, src, &raw)
	if prob != nil {
		return nil, prob
	}
	c.Doc = doc
	mf, err := i18n.ParseMessageFileBytes(src, rel, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		return nil, &diag.Problem{File: rel, Message: err.Error(), Hint: "each message is a table: [id] with other = \"…\" (and one = \"…\" where the count matters)"}
	}
	for _, m := range mf.Messages {
		c.Messages[m.ID] = m
	}
	return c, nil
}

// Forms returns a message's texts by plural form ("other", "one"…).
func Forms(m *i18n.Message) map[string]string {
	forms := map[string]string{}
	if m == nil {
		return forms
	}
	for form, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if s != "" {
			forms[form] = s
		}
	}
	return forms
}

// MessageHash is goi18n's hash of a message: its description and its
// "other" form.
func MessageHash(m *i18n.Message) string { return Hash(m.Description + m.Other) }

func messageUnits(p *project.Project, source, target string) ([]Unit, diag.List) {
	src, prob := ReadCatalogue(p, source)
	if prob != nil {
		return nil, diag.List{*prob}
	}
	tgt, prob := ReadCatalogue(p, target)
	if prob != nil {
		return nil, diag.List{*prob}
	}
	var units []Unit
	for _, id := range field.SortedKeys(src.Messages) {
		m := src.Messages[id]
		line, col := tgt.Doc.Position(id)
		if line == 0 {
			line, col = 1, 1
		}
		u := Unit{
			ID: "i18n#" + id, Kind: Message, Section: "interface", Lang: target,
			File: tgt.File, Line: line, Col: col, Key: []string{id},
			Source: m.Other, SourceHash: MessageHash(m),
			SourceForms: Forms(m), TargetForms: Forms(tgt.Messages[id]),
		}
		if t := tgt.Messages[id]; t != nil {
			u.Target = t.Other
			var all strings.Builder
			for _, form := range field.SortedKeys(u.TargetForms) {
				all.WriteString(form + "=" + u.TargetForms[form] + "\n")
			}
			u.TargetHash = hashIf(all.String())
		}
		units = append(units, u)
	}
	return units, nil
}
