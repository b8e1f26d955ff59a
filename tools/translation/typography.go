package translation

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cyberpub/site/tools/diag"
)

// typographyRule is a convention of a language's typography, as a pattern
// of what breaks it and the fix.
type typographyRule struct {
	signs string // the rule can only be broken by a text with one of these
	wrong *regexp.Regexp
	what  string
	fix   string
}

// typography are the rules by language. French wants a no-break space
// (narrow or not) before : ; ! ? and inside « », French quotation marks, and
// "1er" for the first day of a month.
var typography = map[string][]typographyRule{
	"fr": {
		{":;!?", regexp.MustCompile(`[^\s\x{00A0}\x{202F}(\[]([;!?])(?:\s|$)|[^\s\x{00A0}\x{202F}(\[\]/:0-9](:)(?:\s|$)`), "no space before %q", "put a no-break space (U+00A0) or a narrow no-break space (U+202F) before it"},
		{":;!?", regexp.MustCompile(` ([:;!?])(?:\s|$)`), "an ordinary space before %q", "use a no-break space (U+00A0) or a narrow no-break space (U+202F), so that the sign never starts a line"},
		{"«»", regexp.MustCompile(`«[ ]|«[^\s\x{00A0}\x{202F}]|[ ]»|[^\s\x{00A0}\x{202F}]»`), "a guillemet without its no-break space%.0s", "write «\u00a0…\u00a0» with no-break spaces inside"},
		{`"`, regexp.MustCompile(`(?:^|\s)"[^"\n]+"(?:[\s.,;:!?]|$)`), "English quotation marks%.0s", "use French quotation marks: «\u00a0…\u00a0»"},
		{"1", regexp.MustCompile(`\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b`), "\"1 %s\" for the first of the month", "write 1er"},
	},
}

// italic is a span in italics: the titles of works, and words in another
// language, which keep their own typography.
var italic = regexp.MustCompile(`\*[^*\n]+\*|\b_[^_\n]+_\b`)

// checkTypography reports, as warnings, the translations that break the
// typography of their language. Spans in italics are left as they are.
func (w *Workspace) checkTypography(lang string, units []*Unit) diag.List {
	rules := typography[lang]
	var problems diag.List
	for _, u := range units {
		text := u.Target
		if u.Message != nil {
			text = placeholder.ReplaceAllString(text, "N")
		}
		if strings.ContainsAny(text, "*_") {
			text = italic.ReplaceAllString(text, "…")
		}
		for _, r := range rules {
			// Most texts have none of a rule's signs: the pattern, which
			// backtracks through the whole text, is left out for them.
			if !strings.ContainsAny(text, r.signs) {
				continue
			}
			m := r.wrong.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			sign := ""
			for _, g := range m[1:] {
				if g != "" {
					sign = g
				}
			}
			file, line, col := u.Where(w.Project)
			problems = append(problems, diag.Problem{File: file, Line: line, Col: col, Severity: diag.Warning,
				Subject: u.ID, Message: fmt.Sprintf(r.what, sign) + " in " + quoteExcerpt(text, m[0]), Hint: r.fix})
		}
	}
	return problems
}

// quoteExcerpt shows a match with a little of its context.
func quoteExcerpt(text, match string) string {
	i := strings.Index(text, match)
	start, end := max(0, i-20), min(len(text), i+len(match)+20)
	for start > 0 && !isRuneStart(text[start]) {
		start--
	}
	for end < len(text) && !isRuneStart(text[end]) {
		end++
	}
	return fmt.Sprintf("%q", strings.Join(strings.Fields(text[start:end]), " "))
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
