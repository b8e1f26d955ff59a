package translation

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
)

// term is a glossary term's forms in the source and in a target language,
// in lower case: its term, and the other forms its words field lists.
type term struct {
	item           *content.Item
	source, target []string
}

// glossaryTerms returns the terms of the termbase kinds that have word
// forms (glossary terms), in a target language.
func (w *Workspace) glossaryTerms(lang string) []*term {
	source := w.Project.Source().Code
	var terms []*term
	for _, it := range w.Site.Items {
		if !it.Kind.Termbase {
			continue
		}
		// The term and its other forms in a language, in lower case, each once.
		in := func(l string) []string {
			var out []string
			for _, f := range it.Forms(l) {
				if f = strings.ToLower(strings.TrimSpace(f)); f != "" && !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
			return out
		}
		if t := (&term{it, in(source), in(lang)}); len(t.source) > 0 && len(t.target) > 0 {
			terms = append(terms, t)
		}
	}
	return terms
}

// checkTerminology warns about a translation whose source uses a glossary
// term and which uses none of the term's forms in the target language: the
// termbase, checked on the site's side. A term is a whole word or words,
// in any case, outside italics and code.
func (w *Workspace) checkTerminology(lang string, units []*Unit) diag.List {
	terms := w.glossaryTerms(lang)
	if len(terms) == 0 {
		return nil
	}
	g := newGlossaryForms(terms)
	gk := w.Memo.glossary(lang, g)
	var problems diag.List
	for _, u := range units {
		if u.Text == nil || u.Target == "" {
			continue
		}
		for _, h := range w.Memo.terminology(u, g, gk) {
			file, line, col := u.Where(w.Project)
			message, hint := h.problem(terms[h.term], w.language(lang).Name)
			problems = append(problems, diag.Problem{File: file, Line: line, Col: col, Subject: u.ID, Severity: diag.Warning, Message: message, Hint: hint})
		}
	}
	return problems
}

// glossaryForms are the glossary's terms in a target language, each
// source form as its words, by its first word, so that each text is read
// once, a word at a time.
type glossaryForms struct {
	byFirst map[string][]termForm
	targets [][]string // each term's forms in the target language
	// key is every form of every term, in order: two glossaries with the
	// same key find the same.
	key string
}

func newGlossaryForms(terms []*term) *glossaryForms {
	g := &glossaryForms{byFirst: map[string][]termForm{}}
	var key strings.Builder
	for i, t := range terms {
		for _, f := range t.source {
			if w := content.Words(f); len(w) > 0 {
				g.byFirst[w[0]] = append(g.byFirst[w[0]], termForm{w, f, i})
			}
		}
		fmt.Fprintf(&key, "%q%q\n", t.source, t.target)
	}
	g.key = key.String()
	g.targets = make([][]string, len(terms))
	for i, t := range terms {
		g.targets[i] = t.target
	}
	return g
}

// termHit is a glossary term a source uses, in a form, and its
// translation does not: the term's index in the glossary.
type termHit struct {
	form string
	term int
}

// problem says which term of the glossary the translation lacks, and what
// to do.
func (h termHit) problem(t *term, language string) (message, hint string) {
	return fmt.Sprintf("the source uses the glossary term %q, and the translation none of its %s forms: %s", h.form, language, quoteAll(t.target)),
		fmt.Sprintf("translate it as the glossary does, or, if this form is right, add it to the forms of %s %q in %s", t.item.Kind.Name, t.item.ID, t.item.Kind.Files)
}

// terminologyHits returns the glossary terms the source uses and the
// target does not, each once.
func terminologyHits(g *glossaryForms, source, target string) []termHit {
	if strings.ContainsAny(source, "*_`") || strings.Contains(source, "](") || strings.Contains(source, "://") {
		// Titles of works, words in another language (in italics),
		// code and addresses are not terms to translate.
		source = mask(source, ownTypography, " ")
	}
	// Lines wrapped anywhere, no-break spaces: one space between words.
	target = strings.Join(strings.Fields(strings.ToLower(target)), " ")
	var hits []termHit
	text := content.Words(strings.ToLower(source))
	for i, word := range text {
		for _, f := range g.byFirst[word] {
			if !slices.Equal(f.words, text[i:min(len(text), i+len(f.words))]) || slices.ContainsFunc(hits, func(h termHit) bool { return h.term == f.term }) ||
				slices.ContainsFunc(g.targets[f.term], func(form string) bool { return containsWord(target, form) }) {
				continue
			}
			hits = append(hits, termHit{f.form, f.term})
		}
	}
	return hits
}

// termForm is a form of a term, as its words, and the term's index in
// the glossary.
type termForm struct {
	words []string
	form  string
	term  int
}

// containsWord reports whether text holds word as a whole word: not
// inside a longer one.
func containsWord(text, word string) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], word)
		if i < 0 {
			return false
		}
		start, end := at+i, at+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !content.IsWordRune(before) && !content.IsWordRune(after) {
			return true
		}
		at = start + 1
	}
}

// quoteAll writes words in quotes, separated by commas.
func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(quoted, ", ")
}
