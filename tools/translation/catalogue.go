package translation

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// templateDirs are where templates ask the catalogues for messages: the
// layouts, and the content adapters.
var templateDirs = []string{project.LayoutsDir, project.ContentDir}

// keyUse finds the keys templates ask the catalogues for: T "key",
// i18n "key", lang.Translate "key".
var keyUse = regexp.MustCompile(`\b(?:T|i18n|lang\.Translate)\s+"([^"]+)"`)

// use is a key as a template, or the model (a kind's label), uses it.
type use struct {
	key       string
	file      string
	line, col int
	kind      *model.Kind // the kind whose label it is, in the model: its place is found when a problem needs it
}

// templateKeys returns every use of a catalogue key in the templates.
func templateKeys(p *project.Project) ([]use, error) {
	var uses []use
	for _, dir := range templateDirs {
		err := fs.WalkDir(p.FS, dir, func(file string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || dir == project.ContentDir && !strings.HasSuffix(file, ".gotmpl") {
				return err // every file of layouts/ is a template; in content/, the adapters are
			}
			src, err := p.ReadFile(file)
			if err != nil {
				return err
			}
			for _, m := range keyUse.FindAllSubmatchIndex(src, -1) {
				line := 1 + bytes.Count(src[:m[2]], []byte("\n"))
				col := m[2] - bytes.LastIndexByte(src[:m[2]], '\n')
				uses = append(uses, use{key: string(src[m[2]:m[3]]), file: file, line: line, col: col})
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return uses, nil
}

// PluralForms returns the CLDR plural categories of a language, as go-i18n
// chooses them: a message with a text per category is asked for numbers
// that between them fall in every category CLDR defines.
func PluralForms(lang string) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return []string{"other"}
	}
	b := i18n.NewBundle(tag)
	all := &i18n.Message{ID: "forms", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, all); err != nil {
		return []string{"other"}
	}
	l := i18n.NewLocalizer(b, lang)
	seen := map[string]bool{}
	for _, n := range []any{0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 15, 20, 21, 22, 100, 101, 102, 1000000, "0.5", "1.5", "2.5"} {
		if form, err := l.Localize(&i18n.LocalizeConfig{MessageID: "forms", PluralCount: n}); err == nil {
			seen[form] = true
		}
	}
	var forms []string
	for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	return forms
}

// checkCatalogues checks the interface catalogues against the templates
// and the model's labels, and against each other: keys used but not
// defined, keys defined but not used, plural forms a language needs,
// placeholders that differ, and translations left identical to the source.
func (w *Workspace) checkCatalogues() diag.List {
	var problems diag.List
	p, state, catalogues := w.Project, w.State, w.Catalogues
	uses, err := templateKeys(p)
	if err != nil {
		return diag.List{{File: project.LayoutsDir, Message: err.Error()}}
	}
	// The kinds' labels are used by the templates through the model.
	for _, k := range p.Model.Kinds {
		if k.Label != "" {
			uses = append(uses, use{key: k.Label, file: project.ModelFile, kind: k})
		}
	}
	source := p.Source().Code
	used := map[string]bool{}
	for _, u := range uses {
		used[u.key] = true
		for _, l := range p.Languages {
			if c := catalogues[l.Code]; c.Messages[u.key] == nil && !c.unreadable {
				if u.kind != nil {
					u.line, u.col = p.Model.Position(u.kind, "label")
				}
				problems = append(problems, diag.Problem{File: u.file, Line: u.line, Col: u.col, Kind: diag.TranslationGap,
					Message: fmt.Sprintf("the message %q is not in %s", u.key, project.CatalogueFile(l.Code)),
					Hint:    fmt.Sprintf("add [%s] with other = \"…\" to %s", u.key, project.CatalogueFile(l.Code))})
			}
		}
	}
	for _, key := range ToolMessages {
		used[key] = true
	}
	src := catalogues[source]
	if src.unreadable {
		return problems
	}
	for _, l := range p.Languages {
		c := catalogues[l.Code]
		if c.unreadable {
			continue
		}
		forms := PluralForms(l.Code)
		for _, id := range slices.Sorted(maps.Keys(c.Messages)) {
			m := c.Messages[id]
			at := func(sev diag.Severity, msg, hint string) {
				line, col := c.Doc.Position(id, "other")
				problems = append(problems, diag.Problem{File: c.File, Line: line, Col: col, Subject: fmt.Sprintf("message %q", id), Message: msg, Hint: hint, Severity: sev})
			}
			code := messageCodeProblem(c, id, m, src.Messages[id], p.Source().Name)
			if code != nil {
				problems = append(problems, *code)
			}
			if p := messageCharacterProblem(c, id, m); p != nil {
				problems = append(problems, *p)
			}
			if problem := addressMessageProblem(id, m.Other); problem != "" {
				at(diag.Error, problem, model.IDHint)
			}
			if !used[id] {
				at(diag.Warning, "no template uses this message", "remove it, or use it with T \""+id+"\"")
			}
			s := src.Messages[id]
			if s == nil {
				if l.Code != source {
					at(diag.Warning, fmt.Sprintf("the message is not in %s, the source catalogue", src.File), "remove it, or add it to "+src.File)
				}
				continue
			}
			if plural := len(Forms(s)) > 1; plural {
				have := Forms(m)
				var missing []string
				for _, f := range forms {
					if have[f] == "" {
						missing = append(missing, f)
					}
				}
				if len(missing) > 0 {
					hint := fmt.Sprintf("add %s = \"…\"", missing[0])
					if _, isString := c.Doc.Data[id].(string); isString {
						hint = fmt.Sprintf("write it as a table of its forms: [%s] with %s = \"…\" and other = \"…\"", id, strings.Join(missing, ` = "…", `))
					}
					at(diag.Error, fmt.Sprintf("the message depends on a count but has no %s form (%s needs %s)", strings.Join(missing, ", "), l.Name, strings.Join(forms, ", ")), hint)
				}
			}
			if l.Code == source {
				continue
			}
			want, got := placeholders(s), placeholders(m)
			if !slices.Equal(want, got) && code == nil { // code is no placeholder: said once
				at(diag.Error, fmt.Sprintf("the placeholders are %s; in %s they are %s", list(got), src.File, list(want)),
					"use the same {{ .Name }} placeholders as the source, translated around them")
			}
			if m.Other == s.Other && !slices.Contains(state.Lang(l.Code).Same, id) {
				at(diag.Warning, fmt.Sprintf("the %s text is the same as the source: %q", l.Name, m.Other),
					fmt.Sprintf("translate it, or, if it is rightly the same, add %q to same in the [%s] table of %s", id, l.Code, project.StateFile))
			}
		}
		for _, id := range slices.Sorted(maps.Keys(src.Messages)) {
			if l.Code != source && c.Messages[id] == nil {
				line, col := src.Doc.Position(id, "other")
				problems = append(problems, diag.Problem{File: src.File, Line: line, Col: col, Subject: fmt.Sprintf("message %q", id), Kind: diag.TranslationGap,
					Message: fmt.Sprintf("the message has no %s translation in %s", l.Name, c.File), Hint: fmt.Sprintf("add [%s] to %s", id, c.File)})
			}
		}
	}
	return problems
}

// placeholders lists the distinct placeholders of all a message's forms.
func placeholders(m *i18n.Message) []string {
	seen := map[string]bool{}
	for _, s := range Forms(m) {
		for _, name := range parseMessage(s, m.LeftDelim, m.RightDelim).placeholders {
			seen[name] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// messageCodeProblem reports the first form of a message that holds code
// (anything Hugo would run but its placeholders), at the code itself. The
// source's own placeholders are the ones a message may have; the
// placeholders' check says when a translation's differ.
func messageCodeProblem(c *Catalogue, id string, m, source *i18n.Message, sourceName string) *diag.Problem {
	forms := Forms(m)
	for _, form := range pluralForms {
		text, ok := forms[form]
		if !ok {
			continue
		}
		mc := parseMessage(text, m.LeftDelim, m.RightDelim)
		if mc.code == "" {
			continue
		}
		path := formPath(c, id, form)
		allowed := placeholders(m)
		if source != nil && source != m {
			allowed = placeholders(source)
		}
		line, col := valueOffset(c.Doc, path, text, mc.offset)
		return &diag.Problem{File: c.File, Line: line, Col: col, Subject: fmt.Sprintf("message %q", id),
			Message: codeProblem(mc, nil, sourceName), Hint: codeHint(allowed, sourceName)}
	}
	return nil
}

// addressMessageProblem says why a message that is the last part of a
// page's address (the search page's) cannot be one, or "": "../en" put the
// French search page in the place of the English home page.
func addressMessageProblem(key, text string) string {
	if !content.AddressMessage(key) || model.NameProblem(text) == "" {
		return ""
	}
	return fmt.Sprintf("the message is the last part of a page's address, and %q cannot be one", text)
}

// messageCharacterProblem reports the first invisible control character
// of a message (bidirectional controls too), at the character: site check
// holds catalogues to the rule of every text, and of imports.
func messageCharacterProblem(c *Catalogue, id string, m *i18n.Message) *diag.Problem {
	forms := Forms(m)
	for _, form := range pluralForms {
		text, ok := forms[form]
		if !ok {
			continue
		}
		r, i := content.BadCharacter(text)
		if i < 0 {
			continue
		}
		path := formPath(c, id, form)
		line, col := valueOffset(c.Doc, path, text, i)
		message := fmt.Sprintf("the message holds the invisible control character %U", r)
		if r == utf8.RuneError {
			message = "the message is not UTF-8 from here on"
		}
		return &diag.Problem{File: c.File, Line: line, Col: col, Subject: fmt.Sprintf("message %q", id),
			Message: message, Hint: "delete it: retype the text around it if it came from a copy and paste"}
	}
	return nil
}

// formPath is where a form of a message is in its catalogue: [id] with
// form = "…", or id = "…", a message written as its text alone.
func formPath(c *Catalogue, id, form string) []string {
	if _, isString := c.Doc.Data[id].(string); isString {
		return []string{id}
	}
	return []string{id, form}
}

func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{ ." + n + " }}"
	}
	return strings.Join(out, ", ")
}
