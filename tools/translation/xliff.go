package translation

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/project"
)

// XLIFF 1.2, as CAT tools read it: one <file> per file of the site, one
// <trans-unit> per segment, its id the segment's.
type xliffDoc struct {
	XMLName xml.Name    `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string      `xml:"version,attr"`
	Files   []xliffFile `xml:"file"`
}

type xliffFile struct {
	Original       string      `xml:"original,attr"`
	SourceLanguage string      `xml:"source-language,attr"`
	TargetLanguage string      `xml:"target-language,attr"`
	Datatype       string      `xml:"datatype,attr"`
	Units          []xliffUnit `xml:"body>trans-unit"`
}

type xliffUnit struct {
	ID     string       `xml:"id,attr"`
	Space  string       `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Source xliffSource  `xml:"source"`
	Target *xliffTarget `xml:"target"`
	Note   string       `xml:"note,omitempty"`
}

// A source's and a target's content is text with inline elements (see
// xliffInline).
type xliffSource struct {
	Inner string `xml:",innerxml"`
}

type xliffTarget struct {
	State string `xml:"state,attr,omitempty"`
	Inner string `xml:",innerxml"`
}

// XLIFF states of a translation.
const (
	needsTranslation = "needs-translation"
	needsReview      = "needs-review-translation"
	translated       = "translated"
)

// reviewed are the XLIFF states of a translation a translator has
// approved.
var reviewed = map[string]bool{translated: true, "final": true, "signed-off": true}

// ExportXLIFF writes every text of the site, for one target language, as
// XLIFF 1.2: the source, the current translation if any, and its state.
func (w *Workspace) ExportXLIFF(lang string) ([]byte, error) {
	source, target := w.Project.Source(), w.language(lang)
	doc := xliffDoc{Version: "1.2"}
	files := map[string]int{}
	for _, s := range Segments(w.Units(lang)) {
		file, line, col := s.Unit.Where(w.Project)
		i, ok := files[file]
		if !ok {
			i = len(doc.Files)
			files[file] = i
			doc.Files = append(doc.Files, xliffFile{Original: file, SourceLanguage: source.Locale, TargetLanguage: target.Locale, Datatype: "plaintext"})
		}
		u := xliffUnit{ID: s.ID, Space: "preserve", Source: xliffSource{xliffInline(s.Source)}, Note: fmt.Sprintf("%s:%d:%d", file, line, col)}
		u.Target = &xliffTarget{State: translated, Inner: xliffInline(s.Target)}
		switch cond := w.State.Condition(s.Unit); {
		case s.Target == "" || cond == Missing:
			u.Target.State = needsTranslation
		case cond == Outdated:
			u.Target.State = needsReview
		}
		doc.Files[i].Units = append(doc.Files[i].Units, u)
	}
	return encodeXML(doc)
}

// encodeXML writes an XML document, indented, with its declaration.
func encodeXML(doc any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

func (w *Workspace) language(code string) project.Language {
	l, _ := w.Project.Language(code)
	return l
}

// refuseDoctype refuses an XML file with a document type declaration.
// XLIFF needs none, and one may declare entities that expand into texts
// no one translated (or into a billion of them).
func refuseDoctype(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil // the end, or an error that decoding reports
		}
		if dir, ok := tok.(xml.Directive); ok && bytes.HasPrefix(bytes.TrimSpace(dir), []byte("DOCTYPE")) {
			return errors.New("the XLIFF file has a DOCTYPE, which XLIFF does not use: nothing was imported; export the file again, or remove its <!DOCTYPE …> line")
		}
		if _, ok := tok.(xml.StartElement); ok {
			return nil // a DOCTYPE comes before the root element
		}
	}
}

// ImportXLIFF writes the targets of an XLIFF file back into the site's
// files, changing only the values it translates, and records the
// translations as current for the sources they were made from.
func (w *Workspace) ImportXLIFF(data []byte) (*Report, error) {
	if err := refuseDoctype(data); err != nil {
		return nil, err
	}
	var doc xliffDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not an XLIFF 1.2 file: %w", err)
	}
	if len(doc.Files) == 0 {
		return nil, fmt.Errorf("the XLIFF file has no <file>")
	}
	lang := w.language(doc.Files[0].TargetLanguage).Code
	if !slices.Contains(w.Project.Targets(), lang) {
		return nil, fmt.Errorf("the XLIFF target language %q is not a target language of the site (%s)", doc.Files[0].TargetLanguage, strings.Join(w.Project.Targets(), ", "))
	}
	segments := Segments(w.Units(lang))
	byID := map[string]Segment{}
	for _, s := range segments {
		byID[s.ID] = s
	}
	report := &Report{Lang: lang}
	targets := map[string]string{}
	stale := map[string]string{} // unit id → the hash of the source translated
	var unknown, untagged []error
	for _, f := range doc.Files {
		for _, u := range f.Units {
			s, ok := byID[u.ID]
			if !ok {
				unknown = append(unknown, fmt.Errorf("trans-unit %q is not a text of the site", u.ID))
				continue
			}
			if u.Target == nil {
				continue
			}
			source, _ := fromXLIFFInline(u.Source.Inner, "")
			target, err := fromXLIFFInline(u.Target.Inner, source)
			if err != nil {
				unknown = append(unknown, fmt.Errorf("trans-unit %q: its target: %w", u.ID, err))
				continue
			}
			if lost := lostMarkup(source, target); strings.TrimSpace(target) != strings.TrimSpace(s.Target) && strings.TrimSpace(target) != "" && len(lost) > 0 {
				untagged = append(untagged, fmt.Errorf("trans-unit %q: the translation lacks tags of its source: %s", u.ID, strings.Join(lost, " ")))
				continue
			}
			if strings.TrimSpace(target) == "" {
				continue
			}
			if strings.TrimSpace(source) != strings.TrimSpace(s.Source) {
				report.Stale = append(report.Stale, u.ID)
				stale[s.Unit.ID] = Hash(source)
				if s.Unit.Block != nil {
					stale[s.Unit.ID] = blockHash(source)
				}
			}
			switch {
			case strings.TrimSpace(target) != strings.TrimSpace(s.Target):
				targets[u.ID] = target
				report.Imported++
			case reviewed[u.Target.State] && stale[s.Unit.ID] == "":
				// Reviewed and kept as it was: current for its source now.
				targets[u.ID] = target
				report.Same++
			default:
				report.Same++
			}
		}
	}
	if len(unknown) > 0 {
		return nil, errors.Join(append(unknown, errors.New("nothing was imported: was the file exported from another version of the site? Export it again"))...)
	}
	if len(untagged) > 0 {
		return nil, errors.Join(append(untagged, errors.New("nothing was imported: a tag is the markup of a link, of emphasis, of a note or of code; place each tag of the source in the translation, then import the file again"))...)
	}
	return w.foldBack(report, segments, targets, stale)
}
