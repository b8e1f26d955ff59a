package translation

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
)

// What comes back from translators is untrusted: a file of any size, of
// any bytes, with the same unit twice or a target that would rewrite the
// file it goes into. An import reads it within limits, checks every
// translation, and writes nothing at all when any is refused.

// MaxImportSize is the size of the largest XLIFF or goi18n file an import
// reads: the export of a site of ten thousand events is a few megabytes.
const MaxImportSize = 64 << 20

// MaxTargetSize is the size of the longest translation an import writes.
// A page's body, the longest text, is translated block by block; a text of
// more is a paste gone wrong.
const MaxTargetSize = 1 << 20

// ReadTranslatorFile reads a file a translator sends back, a chunk at a
// time: one larger than MaxImportSize, or holding a NUL byte (a binary
// file, /dev/zero), is refused at once, before it fills the memory.
func ReadTranslatorFile(r io.Reader) ([]byte, error) {
	var b bytes.Buffer
	chunk := make([]byte, 64<<10)
	lr := io.LimitReader(r, MaxImportSize+1)
	for {
		n, err := lr.Read(chunk)
		if i := bytes.IndexByte(chunk[:n], 0); i >= 0 {
			return nil, fmt.Errorf("the file holds a NUL byte at byte %d: it is not a text file; give the XLIFF or goi18n file the export wrote", b.Len()+i)
		}
		b.Write(chunk[:n])
		if b.Len() > MaxImportSize {
			return nil, fmt.Errorf("the file is more than %d MB, which no export of the site is: nothing was imported; give the file the export wrote", MaxImportSize>>20)
		}
		if errors.Is(err, io.EOF) {
			return b.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// intake is a translator's file as read: the translations it holds, where
// each is in the file, and the problems that refuse it.
type intake struct {
	file     string // as the translator named it
	nothing  string // "nothing was imported", or merged
	report   *Report
	targets  map[string]string     // by segment id
	stale    map[string]sourceText // unit id → the source translated, when not the site's
	at       map[string][2]int     // segment id → line and column in the file
	subjects map[string]string     // segment id → how problems name it
	problems diag.List
	// warnings are what site check would warn about in the translations;
	// strict refuses them as problems.
	warnings diag.List
	strict   bool
	terms    []*term // the glossary, read for the first translation that needs it
	glossary *glossaryForms
}

func newIntake(file, lang, nothing string, strict bool) *intake {
	return &intake{file: file, nothing: nothing, strict: strict, report: &Report{Lang: lang}, targets: map[string]string{}, stale: map[string]sourceText{}, at: map[string][2]int{}, subjects: map[string]string{}}
}

// sourceText is a source text a translation was made from: its hash, and the
// text when known.
type sourceText struct{ hash, text string }

// refuse records a problem at a line and column of the file.
func (in *intake) refuse(line, col int, subject, message, hint string) {
	in.problems = append(in.problems, diag.Problem{File: in.file, Line: line, Col: col, Subject: subject, Message: message, Hint: hint})
}

// place records where a segment's translation is in the file, and how
// problems name it there.
func (in *intake) place(id string, line, col int, subject string) {
	in.at[id] = [2]int{line, col}
	in.subjects[id] = subject
}

// refuseSegment records a problem of a segment's translation, at its place
// in the file.
func (in *intake) refuseSegment(id, message, hint string) {
	at := in.at[id]
	in.refuse(at[0], at[1], in.subjects[id], message, hint)
}

// err is the intake's problems, ended by what was done, or nil. Strict,
// its warnings are problems too; otherwise the report has them.
func (in *intake) err(what string) error {
	in.warnings.Sort()
	if in.strict && len(in.warnings) > 0 {
		if len(in.problems) == 0 {
			what = strings.Replace(what, "correct each translation above", "--strict refuses warnings: correct each translation above", 1)
		}
		for _, p := range in.warnings {
			p.Severity = diag.Error
			in.problems = append(in.problems, p)
		}
	}
	in.report.Warnings = in.warnings
	if len(in.problems) == 0 {
		return nil
	}
	if !in.strict {
		// Refused for its errors: its warnings too are to correct now.
		in.problems = append(in.problems, in.warnings...)
	}
	in.problems.Sort()
	return append(in.problems, diag.Problem{File: in.file, Message: what, Kind: diag.Outcome})
}

// checkStaleSize refuses an intake whose stale sources, kept in the state
// as what their translations were made from, would make the state file
// larger than the tools read: every command would stop at it.
func (w *Workspace) checkStaleSize(in *intake) {
	size := int64(0)
	if info, err := os.Stat(w.Project.Path(project.StateFile)); err == nil {
		size = info.Size()
	}
	known := w.State.Lang(in.report.Lang).Sources
	seen := map[string]bool{}
	for _, from := range in.stale {
		if _, ok := known[from.hash]; !ok && !seen[from.hash] {
			seen[from.hash] = true
			size += int64(len(from.text)) + 64
		}
	}
	if size > project.MaxFileSize*3/4 {
		in.refuse(0, 0, "", fmt.Sprintf("its <source> texts differ from the site's in %d units: kept as what they were translated from, they would make %s %.1f MB, too near the %d MB the tools read at most", len(in.stale), project.StateFile, float64(size)/(1<<20), project.MaxFileSize>>20),
			"export the file again, and translate from the site's texts as they are now")
	}
}

// keepable reports whether a source text may be kept as what a
// translation was made from: no larger than a text may be, without an
// invisible character.
func keepable(text string) bool {
	_, bad := content.BadCharacter(text)
	return bad < 0 && len(text) <= MaxTargetSize
}

// checkTarget says what is wrong with a translation of a segment, whatever
// file it came in: its size, an invisible character, code in a message.
// It returns the problem and its hint, or "".
func (w *Workspace) checkTarget(s Segment, text string) (message, hint string) {
	if len(text) > MaxTargetSize {
		return fmt.Sprintf("the translation is %.1f MB, more than the %d MB a text may be", float64(len(text))/(1<<20), MaxTargetSize>>20),
			"translate the text itself: something was pasted into it by mistake"
	}
	if r, i := content.BadCharacter(text); i >= 0 {
		if r == utf8.RuneError {
			return "the translation is not UTF-8", "save the file as UTF-8, then import it again"
		}
		return fmt.Sprintf("the translation holds the invisible control character %U", r),
			"delete it: retype the text around it if it came from a copy and paste"
	}
	if m := s.Unit.Message; m != nil {
		if problem := addressMessageProblem(m.Key, text); problem != "" {
			return strings.Replace(problem, "the message", "the translation", 1), model.IDHint
		}
		left, right := m.delims()
		allowed := m.placeholders()
		source := w.Project.Source().Name
		if problem := codeProblem(parseMessage(text, left, right), allowed, source); problem != "" {
			return strings.Replace(problem, "the message", "the translation", 1), codeHint(allowed, source)
		}
	}
	return "", ""
}

// checkUsage warns, at the translation's place in the file, about what
// site check would warn about in it: its language's typography, and, for
// a text of the content, a glossary term of its source it does not
// translate as the glossary does.
func (w *Workspace) checkUsage(in *intake, s Segment, target string) {
	at, lang := in.at[s.ID], in.report.Lang
	warn := func(message, hint string) {
		in.warnings = append(in.warnings, diag.Problem{File: in.file, Line: at[0], Col: at[1], Subject: in.subjects[s.ID], Severity: diag.Warning, Message: message, Hint: hint})
	}
	rules := w.rules(lang)
	for _, h := range typographyHits(rules, target, s.Unit.Message != nil) {
		warn(h.problem(rules, target))
	}
	if s.Unit.Text == nil {
		return
	}
	if in.glossary == nil {
		in.terms = w.glossaryTerms(lang)
		in.glossary = newGlossaryForms(in.terms)
	}
	for _, h := range terminologyHits(in.glossary, s.Source, target) {
		warn(h.problem(in.terms[h.term], w.language(lang).Name))
	}
}

// Warnings returns, by unit id, what site check warns about in the
// translations of text units: their typography, usage and terminology,
// each as its message and hint. Units without one are not in it.
// The units are of one language: one intake reads its glossary once.
func (w *Workspace) Warnings(units []*Unit) map[string][]string {
	found := map[string][]string{}
	var in *intake
	for _, u := range units {
		if u.Target == "" || u.Message != nil {
			continue
		}
		if in == nil {
			in = newIntake("", u.Lang, "", false)
		}
		before := len(in.warnings)
		w.checkUsage(in, Segment{ID: u.ID, Unit: u, Source: strings.TrimSpace(u.Source), Target: u.Target}, u.Target)
		for _, p := range in.warnings[before:] {
			found[u.ID] = append(found[u.ID], p.Message+"; "+p.Hint)
		}
	}
	return found
}

// lineCol returns the line and column (in characters) of a byte of data.
func lineCol(data []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(data))
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	return 1 + bytes.Count(data[:offset], []byte("\n")), 1 + utf8.RuneCount(data[start:offset])
}
