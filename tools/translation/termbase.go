package translation

import (
	"encoding/xml"
	"strings"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
)

// TBX (ISO 30042:2008, the "TBX-Basic" subset CAT tools read): one
// <termEntry> per term, a <langSet> per language with the term, its other
// forms and its definition.
type tbxDoc struct {
	XMLName xml.Name       `xml:"martif"`
	Type    string         `xml:"type,attr"`
	Lang    string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string         `xml:"martifHeader>fileDesc>titleStmt>title"`
	Source  string         `xml:"martifHeader>fileDesc>sourceDesc>p"`
	Entries []tbxTermEntry `xml:"text>body>termEntry"`
}

type tbxTermEntry struct {
	ID       string       `xml:"id,attr"`
	Subject  tbxData      `xml:"descrip"` // the kind, as the subject field
	LangSets []tbxLangSet `xml:"langSet"`
}

type tbxLangSet struct {
	Lang       string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Definition *tbxData `xml:"descrip"`
	Terms      []tbxTerm
}

type tbxTerm struct {
	XMLName xml.Name `xml:"tig"`
	Term    string   `xml:"term"`
	Type    *tbxData `xml:"termNote"` // for a form other than the term: its type
}

// tbxData is a data category: <descrip type="definition">…</descrip>.
type tbxData struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// ExportTBX writes the termbase of a target language: every item of the
// model's termbase kinds (glossary terms, organizations), with its title,
// its other short texts and its words in the source and target languages,
// and its summary as the definition, so that a CAT tool flags a term
// translated in another way than the site's.
func (w *Workspace) ExportTBX(lang string) ([]byte, error) {
	source, target := w.Project.Source(), w.language(lang)
	doc := tbxDoc{Type: "TBX", Lang: source.Locale, Title: "Termbase, " + source.Name + " and " + target.Name,
		Source: "site i18n export, from " + diag.And(termbaseFiles(w.Project.Model))}
	for _, it := range w.Site.Items {
		k := it.Kind
		if !k.Termbase {
			continue
		}
		entry := tbxTermEntry{ID: k.Name + "." + it.ID, Subject: tbxData{Type: "subjectField", Text: k.Name}}
		for _, l := range []string{source.Code, target.Code} {
			set := tbxLangSet{Lang: w.language(l).Locale}
			seen := map[string]bool{}
			add := func(term, kind string) {
				if term = strings.TrimSpace(term); term != "" && !seen[term] {
					seen[term] = true
					t := tbxTerm{Term: term}
					if kind != "" {
						t.Type = &tbxData{Type: "termType", Text: kind}
					}
					set.Terms = append(set.Terms, t)
				}
			}
			add(textIn(it.Record.Text(k.Title), l), "")
			for _, f := range k.Fields {
				switch {
				case f.Name == k.Title || f.Name == k.Summary:
				case f.Type == model.Text && !f.Long:
					add(textIn(it.Record.Text(f.Name), l), "shortForm")
				case f.Type == model.Words:
					words, _ := it.Values[f.Name].(map[string][]string)
					for _, word := range words[l] {
						add(word, "variant")
					}
				}
			}
			if definition := strings.TrimSpace(textIn(it.Record.Text(k.Summary), l)); k.Summary != "" && definition != "" {
				set.Definition = &tbxData{Type: "definition", Text: definition}
			}
			if len(set.Terms) > 0 {
				entry.LangSets = append(entry.LangSets, set)
			}
		}
		doc.Entries = append(doc.Entries, entry)
	}
	if len(doc.Entries) == 0 {
		return nil, nil
	}
	return encodeXML(doc)
}

// textIn is a text in one language, "" when there is none.
func textIn(t *content.Text, lang string) string {
	if t == nil {
		return ""
	}
	return t.Values[lang]
}

// termbaseFiles are the files the termbase is made from.
func termbaseFiles(m *model.Model) []string {
	var files []string
	for _, k := range m.Kinds {
		if k.Termbase {
			files = append(files, k.Files)
		}
	}
	return files
}
