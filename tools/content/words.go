package content

import (
	"unicode"
	"unicode/utf8"
)

// Span is where a word is in a text: its bytes' start and end.
type Span struct{ Start, End int }

// WordSpans returns where the words of a text are: runs of letters and
// digits, with the hyphens inside them ("spear-phishing"); an apostrophe
// ends a word ("centre's" is "centre", then "s"). A glossary term is a
// whole word or words: the terminology check and the glossary's links
// read texts this way.
func WordSpans(text string) []Span {
	var out []Span
	start := -1
	for i, r := range text {
		switch {
		case IsWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && r == '-':
			// inside a word if a letter or digit follows
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if !IsWordRune(next) {
				out, start = append(out, Span{start, i}), -1
			}
		case start >= 0:
			out, start = append(out, Span{start, i}), -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(text)})
	}
	return out
}

// Words returns the words of a text (WordSpans).
func Words(text string) []string {
	var out []string
	for _, w := range WordSpans(text) {
		out = append(out, text[w.Start:w.End])
	}
	return out
}

// IsWordRune reports whether r is part of a word: a letter or a digit.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
