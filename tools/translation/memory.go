package translation

import "encoding/xml"

// TMX 1.4b: one <tu> per segment, its id the segment's, with the source
// and its translation. No dates: the memory of a commit is the same on
// every export.
type tmxDoc struct {
	XMLName xml.Name  `xml:"tmx"`
	Version string    `xml:"version,attr"`
	Header  tmxHeader `xml:"header"`
	Units   []tmxUnit `xml:"body>tu"`
}

type tmxHeader struct {
	CreationTool        string `xml:"creationtool,attr"`
	CreationToolVersion string `xml:"creationtoolversion,attr"`
	SegType             string `xml:"segtype,attr"`
	DataType            string `xml:"datatype,attr"`
	AdminLang           string `xml:"adminlang,attr"`
	SrcLang             string `xml:"srclang,attr"`
	OTMF                string `xml:"o-tmf,attr"`
}

type tmxUnit struct {
	ID       string        `xml:"tuid,attr"`
	Variants [2]tmxVariant `xml:"tuv"`
}

type tmxVariant struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Seg  tmxSeg `xml:"seg"`
}

// tmxSeg is a segment's text, its markup in <ph> elements, as in the
// XLIFF, so that a CAT tool matches the two.
type tmxSeg struct {
	Inner string `xml:",innerxml"`
}

// ExportTMX writes the translation memory of a target language: every
// translation with the source it was made from (its source now when
// current, the one before when outdated), so that an agency pre-translates
// what the site already has, and finds the previous version of what
// changed.
func (w *Workspace) ExportTMX(lang string) ([]byte, error) {
	source, target := w.Project.Source(), w.language(lang)
	doc := tmxDoc{Version: "1.4", Header: tmxHeader{CreationTool: "site i18n export", CreationToolVersion: "1",
		SegType: "block", DataType: "plaintext", AdminLang: source.Locale, SrcLang: source.Locale, OTMF: "site"}}
	for _, s := range Segments(w.Units(lang)) {
		from := s.Source
		switch cond := w.State.Condition(s.Unit); {
		case s.Target == "" || cond == Missing:
			continue
		case cond == Outdated:
			p := w.Previous(s.Unit)
			if p == nil || s.Form != "" && s.Form != "other" {
				continue // what it was made from is not known
			}
			from = p.Source
		}
		doc.Units = append(doc.Units, tmxUnit{ID: s.ID, Variants: [2]tmxVariant{
			{source.Locale, tmxSeg{withTags(from, "x")}}, {target.Locale, tmxSeg{withTags(s.Target, "x")}}}})
	}
	if len(doc.Units) == 0 {
		return nil, nil
	}
	return encodeXML(doc)
}
