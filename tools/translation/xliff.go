package translation

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
	Note           string      `xml:"header>note,omitempty"` // what the export holds
	Units          []xliffUnit `xml:"body>trans-unit"`
}

type xliffUnit struct {
	ID     string       `xml:"id,attr"`
	Space  string       `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Source xliffSource  `xml:"source"`
	Target *xliffTarget `xml:"target"`
	// Previous is, for an outdated translation, the source it was made
	// from and the translation then: XLIFF 1.2's previous version, which
	// CAT tools show beside the unit.
	Previous *xliffAltTrans `xml:"alt-trans"`
	// Notes are where the text is in the site, and for an outdated
	// translation since when.
	Notes []string `xml:"note"`
}

type xliffAltTrans struct {
	Type   string      `xml:"alttranstype,attr"`
	Source xliffSource `xml:"source"`
	Target xliffTarget `xml:"target"`
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

// ExportXLIFF writes the texts of the site a selection holds (every one,
// with the zero Selection), for one target language, as XLIFF 1.2: the
// source, the current translation if any, and its state; each file's
// header says what it holds. It returns nil when the selection holds none.
func (w *Workspace) ExportXLIFF(lang string, sel Selection) ([]byte, error) {
	if err := sel.check(w); err != nil {
		return nil, err
	}
	source, target := w.Project.Source(), w.language(lang)
	doc := xliffDoc{Version: "1.2"}
	files := map[string]int{}
	all := w.Units(lang)
	var held []*Unit
	for _, s := range Segments(all) {
		file, line, col := s.Unit.Where(w.Project)
		if !sel.holds(w, s.Unit, file) {
			continue
		}
		if len(held) == 0 || held[len(held)-1] != s.Unit {
			held = append(held, s.Unit)
		}
		i, ok := files[file]
		if !ok {
			i = len(doc.Files)
			files[file] = i
			doc.Files = append(doc.Files, xliffFile{Original: file, SourceLanguage: source.Locale, TargetLanguage: target.Locale, Datatype: "plaintext"})
		}
		u := xliffUnit{ID: s.ID, Space: "preserve", Source: xliffSource{xliffInline(s.Source)}, Notes: []string{fmt.Sprintf("%s:%d:%d", file, line, col)}}
		u.Target = &xliffTarget{State: translated, Inner: xliffInline(s.Target)}
		switch cond := w.State.Condition(s.Unit); {
		case s.Target == "" || cond == Missing:
			u.Target.State = needsTranslation
		case cond == Outdated:
			u.Target.State = needsReview
			u.Notes = append(u.Notes, w.outdatedNote(s.Unit))
			if p := w.Previous(s.Unit); p != nil && (s.Form == "" || s.Form == "other") {
				u.Previous = &xliffAltTrans{Type: "previous-version", Source: xliffSource{xliffInline(p.Source)}, Target: xliffTarget{Inner: xliffInline(s.Target)}}
			}
		}
		doc.Files[i].Units = append(doc.Files[i].Units, u)
	}
	units := 0
	for _, f := range doc.Files {
		units += len(f.Units)
	}
	if units == 0 {
		return nil, nil // nothing selected: no file
	}
	for i := range doc.Files {
		doc.Files[i].Note = sel.describe(units, w.wordCounts(held, all))
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

// xliffNamespace is XLIFF 1.2's.
const xliffNamespace = "urn:oasis:names:tc:xliff:document:1.2"

// placedUnit is a trans-unit as read, with where it is in its file.
type placedUnit struct {
	xliffUnit
	line, col         int // of its <target>, or of the trans-unit when it has none
	unitLine, unitCol int // of the trans-unit
}

// readXLIFF reads the trans-units of an XLIFF 1.2 file, wherever they are
// (CAT tools may group them), each with its place, and the target language
// of its first <file>. A document type declaration is refused: XLIFF needs
// none, and one may declare entities that expand into texts no one
// translated (or into a billion of them).
func readXLIFF(data []byte) (targetLanguage string, units []placedUnit, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	files := 0
	// The XLIFF elements the reader is in: units are read where XLIFF has
	// them (a file's body, or a group in it), and only there. Whatever
	// else, a <header>, another tool's element, is skipped whole: a unit
	// inside it is one no CAT tool shows.
	var path []string
	fail := func(err error) (string, []placedUnit, error) {
		line, col := lineCol(data, int(d.InputOffset()))
		return "", nil, fmt.Errorf("%d:%d: %s", line, col, notXLIFF(err))
	}
	for {
		offset := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if len(path) == 0 && bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return "", nil, errors.New("the XLIFF file has a DOCTYPE, which XLIFF does not use: nothing was imported; export the file again, or remove its <!DOCTYPE …> line")
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.StartElement:
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			inBody := parent == "body" || parent == "group"
			switch {
			case parent == "" && (t.Name.Space != xliffNamespace || t.Name.Local != "xliff"):
				line, col := lineCol(data, offset)
				return "", nil, fmt.Errorf("%d:%d: not an XLIFF 1.2 file: its root is <%s>, where XLIFF 1.2 has <xliff xmlns=%q>; export it again", line, col, t.Name.Local, xliffNamespace)
			case parent == "":
				path = append(path, "xliff")
			case t.Name.Space != xliffNamespace:
				if err := d.Skip(); err != nil {
					return fail(err)
				}
			case parent == "xliff" && t.Name.Local == "file":
				files++
				for _, a := range t.Attr {
					if a.Name.Local == "target-language" && targetLanguage == "" {
						targetLanguage = a.Value
					}
				}
				path = append(path, "file")
			case parent == "file" && t.Name.Local == "body", inBody && t.Name.Local == "group":
				path = append(path, t.Name.Local)
			case inBody && t.Name.Local == "trans-unit":
				u, err := readTransUnit(d, t, data, offset)
				if err != nil {
					return "", nil, err
				}
				units = append(units, u)
			default:
				if err := d.Skip(); err != nil {
					return fail(err)
				}
			}
		}
	}
	if files == 0 {
		return "", nil, errors.New("the XLIFF file has no <file>")
	}
	return targetLanguage, units, nil
}

// notXLIFF says that the file is not XLIFF, for an error of its XML.
func notXLIFF(err error) string {
	return fmt.Sprintf("not an XLIFF 1.2 file: %s; export it again", strings.TrimPrefix(err.Error(), "XML syntax error on line "))
}

// readTransUnit reads a trans-unit that starts at offset in data with its
// start element. Only its own <source> and <target> in XLIFF's namespace
// count, as in the CAT tool that showed them: a second one, which a tool
// would not show, is refused, not imported in the first one's place; the
// translation of <alt-trans> and other tools' elements are skipped.
func readTransUnit(d *xml.Decoder, start xml.StartElement, data []byte, offset int) (placedUnit, error) {
	u := placedUnit{}
	u.unitLine, u.unitCol = lineCol(data, offset)
	u.line, u.col = u.unitLine, u.unitCol
	for _, a := range start.Attr {
		if a.Name.Local == "id" && a.Name.Space == "" {
			u.ID = a.Value
		}
	}
	fail := func(at int, format string, args ...any) (placedUnit, error) {
		line, col := lineCol(data, at)
		return placedUnit{}, fmt.Errorf("%d:%d: trans-unit %q: %s", line, col, u.ID, fmt.Sprintf(format, args...))
	}
	sources := 0
	for {
		at := int(d.InputOffset())
		tok, err := d.Token()
		if err != nil {
			return fail(int(d.InputOffset()), "%s", notXLIFF(err))
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if sources == 0 {
				return fail(offset, "it has no <source>; export the file again")
			}
			return u, nil
		case xml.StartElement:
			if t.Name.Space != xliffNamespace || (t.Name.Local != "source" && t.Name.Local != "target") {
				if err := d.Skip(); err != nil {
					return fail(int(d.InputOffset()), "%s", notXLIFF(err))
				}
				continue
			}
			if t.Name.Local == "source" {
				sources++
				if sources > 1 {
					return fail(at, "it has a second <source>, which a CAT tool does not show: nothing was imported; keep the unit's first <source> only")
				}
				err = d.DecodeElement(&u.Source, &t)
			} else {
				if u.Target != nil {
					return fail(at, "it has a second <target>, which a CAT tool does not show: nothing was imported; keep the one translation you mean, then import the file again")
				}
				u.Target = &xliffTarget{}
				u.line, u.col = lineCol(data, at)
				err = d.DecodeElement(u.Target, &t)
			}
			if err != nil {
				return fail(at, "%s", notXLIFF(err))
			}
		}
	}
}

// ImportXLIFF writes the targets of an XLIFF file (named file, read from
// r) back into the site's files, changing only the values it translates,
// and records the translations as current for the sources they were made
// from. Any translation refused, and nothing is written; strict, any
// warning too.
func (w *Workspace) ImportXLIFF(file string, r io.Reader, strict bool) (*Report, error) {
	in, segments, err := w.readXLIFFTargets(file, r, strict)
	if err != nil {
		return nil, err
	}
	return w.foldBack(in, segments)
}

// readXLIFFTargets reads and checks the targets of an XLIFF file: what an
// import would write.
func (w *Workspace) readXLIFFTargets(file string, r io.Reader, strict bool) (*intake, []Segment, error) {
	data, err := ReadTranslatorFile(r)
	if err != nil {
		return nil, nil, err
	}
	targetLanguage, units, err := readXLIFF(data)
	if err != nil {
		return nil, nil, err
	}
	lang := w.language(targetLanguage).Code
	if !slices.Contains(w.Project.Targets(), lang) {
		return nil, nil, fmt.Errorf("the XLIFF target language %q is not a target language of the site (%s)", targetLanguage, strings.Join(w.Project.Targets(), ", "))
	}
	segments := Segments(w.Units(lang))
	byID := map[string]Segment{}
	for _, s := range segments {
		byID[s.ID] = s
	}
	in := newIntake(file, lang, "nothing was imported: correct each translation above, then import the file again", strict)
	first := map[string]placedUnit{} // by id: the first trans-unit with a target
	unknown, untagged := 0, 0
	for _, u := range units {
		subject := fmt.Sprintf("trans-unit %q", u.ID)
		s, ok := byID[u.ID]
		if !ok {
			in.refuse(u.unitLine, u.unitCol, "", subject+" is not a text of the site", "")
			unknown++
			continue
		}
		if u.Target == nil {
			continue
		}
		source, _ := fromXLIFFInline(u.Source.Inner, "")
		target, err := fromXLIFFInline(u.Target.Inner, source)
		if err != nil {
			in.refuse(u.line, u.col, subject, "its target: "+err.Error(), "")
			continue
		}
		target = strings.TrimSpace(target)
		if f, ok := first[u.ID]; ok {
			if ft, _ := fromXLIFFInline(f.Target.Inner, source); strings.TrimSpace(ft) != target {
				in.refuse(u.line, u.col, subject, fmt.Sprintf("the unit is in the file twice, with another translation at line %d", f.line),
					"keep the one that is right, remove the other, then import the file again")
			}
			continue
		}
		first[u.ID] = u
		in.place(u.ID, u.line, u.col, subject)
		if target == "" {
			continue
		}
		if lost := lostMarkup(source, target); target != strings.TrimSpace(s.Target) && len(lost) > 0 {
			in.refuse(u.line, u.col, subject, "the translation lacks tags of its source: "+strings.Join(lost, " "),
				"a tag is the markup of a link, of emphasis, of a note or of code; place each tag of the source in the translation, then import the file again")
			untagged++
			continue
		}
		if message, hint := w.checkTarget(s, target); message != "" {
			in.refuse(u.line, u.col, subject, message, hint)
			continue
		}
		w.checkUsage(in, s, target)
		if strings.TrimSpace(source) != strings.TrimSpace(s.Source) {
			from := strings.TrimSpace(source)
			// The English it was translated from is kept, to show what
			// changed since: no more than a text may be.
			if !keepable(from) {
				in.refuse(u.unitLine, u.unitCol, subject, "its <source> is not a text of the site, then or now: it is too long or holds an invisible control character",
					"put back the <source> the export wrote, or export the file again")
				continue
			}
			in.report.Stale = append(in.report.Stale, u.ID)
			in.stale[s.Unit.ID] = sourceText{Hash(from), from}
			if s.Unit.Block != nil {
				in.stale[s.Unit.ID] = sourceText{blockHash(from), from}
			}
		}
		switch {
		case target != strings.TrimSpace(s.Target) && w.revertsNewerEdit(s, target):
			in.report.Kept = append(in.report.Kept, u.ID)
		case target != strings.TrimSpace(s.Target):
			in.targets[u.ID] = target
			in.report.Imported++
		case reviewed[u.Target.State] && in.stale[s.Unit.ID].hash == "":
			// Reviewed and kept as it was: current for its source now.
			in.targets[u.ID] = target
			in.report.Same++
			if w.State.Condition(s.Unit) == Outdated {
				in.report.Confirmed++
			}
		default:
			in.report.Same++
		}
	}
	w.checkStaleSize(in)
	what := in.nothing
	switch {
	case unknown > 0 && unknown == len(in.problems):
		what = "nothing was imported: was the file exported from another version of the site? Export it again"
	case untagged > 0 && untagged == len(in.problems):
		what = "nothing was imported: place each tag of the source in its translation, then import the file again"
	}
	if err := in.err(what); err != nil {
		return nil, nil, err
	}
	return in, segments, nil
}

// PendingXLIFF returns the ids of the translations an XLIFF file holds that the site does not: work that replacing the
// file would lose. A unit the site does not have counts when it has a
// translation. An error says that the file is not an XLIFF file.
func (w *Workspace) PendingXLIFF(data []byte) ([]string, error) {
	targetLanguage, units, err := readXLIFF(data)
	if err != nil {
		return nil, err
	}
	lang := w.language(targetLanguage).Code
	if !slices.Contains(w.Project.Targets(), lang) {
		return nil, fmt.Errorf("its target language %q is not one the site is translated into", targetLanguage)
	}
	byID := map[string]Segment{}
	for _, s := range Segments(w.Units(lang)) {
		byID[s.ID] = s
	}
	var pending []string
	for _, u := range units {
		if u.Target == nil {
			continue
		}
		source, _ := fromXLIFFInline(u.Source.Inner, "")
		target, err := fromXLIFFInline(u.Target.Inner, source)
		if target = strings.TrimSpace(target); target == "" && err == nil {
			continue
		}
		if s, ok := byID[u.ID]; !ok || err != nil || target != strings.TrimSpace(s.Target) {
			pending = append(pending, u.ID)
		}
	}
	return pending, nil
}
