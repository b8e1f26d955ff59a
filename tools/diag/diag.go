// Package diag describes problems found in the files editors write, in the
// form editors and their tools act on: file:line:col: message; hint.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	Error Severity = iota
	// Warning is reported but does not stop a build.
	Warning
)

// Kind groups problems that some commands treat differently.
type Kind int

const (
	// Invalid is any problem with the data itself.
	Invalid Kind = iota
	// TranslationGap is a text missing in some languages but not all; the
	// preview server shows it on the page instead of failing.
	TranslationGap
	// HeldBack is a published item that names one held back (a draft, or
	// scheduled later); the preview shows both.
	HeldBack
	// Outcome is no problem but what a command did for the problems
	// before it ("nothing was imported"), at the file they are in: not
	// counted.
	Outcome
)

// Problem is one thing wrong in one place.
type Problem struct {
	File      string // path relative to the project root
	Line, Col int    // 1-based; 0 when unknown
	Subject   string // what the problem is about, e.g. `event "2021-01-22-report"`; may be empty
	Message   string // what is wrong
	Hint      string // what to do; may be empty
	Severity  Severity
	Kind      Kind
}

// Error makes a problem an error, as printed.
func (p Problem) Error() string { return p.String() }

func (p Problem) String() string {
	var b strings.Builder
	// A file name with an invisible control (U+202E turns the rest of the
	// line around) is quoted, its controls escaped: the line reads as it is.
	if strings.ContainsFunc(p.File, func(r rune) bool { return unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control) }) {
		fmt.Fprintf(&b, "%+q", p.File)
	} else {
		b.WriteString(p.File)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Subject != "" {
		b.WriteString(p.Subject + ": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("; " + p.Hint)
	}
	return b.String()
}

// List is every problem found in one pass. As an error, it is every
// problem, one a line.
type List []Problem

func (l List) Error() string {
	var b strings.Builder
	l.Print(&b)
	return strings.TrimSuffix(b.String(), "\n")
}

// Err returns the list as an error when it has an error, or nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}

// Sort orders problems by file and position, so that reports read top to
// bottom like the files do.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Errors counts the problems that stop a build.
func (l List) Errors() int { return l.count(Error) }

// Warnings counts the problems that do not stop a build.
func (l List) Warnings() int { return l.count(Warning) }

// count counts the problems of a severity; an Outcome is none.
func (l List) count(s Severity) int {
	n := 0
	for _, p := range l {
		if p.Severity == s && p.Kind != Outcome {
			n++
		}
	}
	return n
}

// Demote turns the problems of the given kind into warnings.
func (l List) Demote(k Kind) {
	for i := range l {
		if l[i].Kind == k {
			l[i].Severity = Warning
		}
	}
}

// Print writes one problem a line.
func (l List) Print(w io.Writer) {
	for _, p := range l {
		fmt.Fprintln(w, p)
	}
}

// And joins names as a sentence does: "en", "en and fr", "en, fr and es".
// A list of languages, of files or of keys reads the same whatever its
// length.
func And(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
