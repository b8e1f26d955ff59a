package translation

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
)

// typographyRule is a convention of a language's typography or usage, as
// a pattern of what breaks it and the fix.
type typographyRule struct {
	signs string // the rule can only be broken by a text with one of these
	// or, for a rule of usage, by a text holding one of these, in lower
	// case (none: any text); its hit is its pattern's first group
	cues  []string
	usage bool
	wrong *regexp.Regexp
	what  string // with the sign found, for a rule of signs
	fix   string
}

// typography are the rules of typography by language; a language without
// rules has none checked (its usage, project.UsageFile's, is the editors'
// to list). French wants a no-break space (narrow or not) before : ; ! ? and
// inside « », French quotation marks, "1er" for the first day of a month
// and the typographic apostrophe. English wants typographic quotation marks, “…” and
// ‘…’, and apostrophe, ’ (the sign that also closes ‘…’): a straight ' is
// an opening quotation mark at the start of a word, an apostrophe anywhere
// else (it’s, the users’ data, ’90s, and the end of ‘…’).
var typography = map[string][]typographyRule{
	"fr": {
		{signs: ":;!?", wrong: regexp.MustCompile(`[^\s\x{00A0}\x{202F}(\[]([;!?])(?:\s|$)|[^\s\x{00A0}\x{202F}(\[\]/:0-9](:)(?:\s|$)`), what: "no space before %q", fix: "put a no-break space (U+00A0) or a narrow no-break space (U+202F) before it"},
		{signs: ":;!?", wrong: regexp.MustCompile(` ([:;!?])(?:\s|$)`), what: "an ordinary space before %q", fix: "use a no-break space (U+00A0) or a narrow no-break space (U+202F), so that the sign never starts a line"},
		{signs: "«»", wrong: regexp.MustCompile(`«[ ]|«[^\s\x{00A0}\x{202F}]|[ ]»|[^\s\x{00A0}\x{202F}]»`), what: "a guillemet without its no-break space%.0s", fix: "write «\u00a0…\u00a0» with no-break spaces inside"},
		{signs: `"`, wrong: regexp.MustCompile(`(?:^|\s)"[^"\n]+"(?:[\s.,;:!?]|$)`), what: "English quotation marks%.0s", fix: "use French quotation marks: «\u00a0…\u00a0»"},
		{signs: "1", wrong: regexp.MustCompile(`\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b`), what: "\"1 %s\" for the first of the month", fix: "write 1er"},
		{signs: "'", wrong: regexp.MustCompile(`'`), what: "a straight apostrophe%.0s", fix: "use the typographic apostrophe ’ (U+2019), as in l’équipe and aujourd’hui"},
	},
	"en": {
		{signs: "'", wrong: regexp.MustCompile(`[^\s(\[{"“—–](')|(?:^|[\s(\[{"“—–])(')(?:[\s\d]|$)`), what: "a straight apostrophe%.0s", fix: "use the typographic apostrophe ’ (U+2019), as in it’s and the Centre’s (it also closes ‘…’)"},
		{signs: "'", wrong: regexp.MustCompile(`(?:^|[\s(\[{"“—–])(')[^\s\d]`), what: "a straight single quotation mark%.0s", fix: "use typographic single quotation marks: ‘…’ (U+2018 and U+2019)"},
		{signs: `"`, wrong: regexp.MustCompile(`"(?:[^"\n]*")?`), what: "straight quotation marks%.0s", fix: "use typographic quotation marks: “…” (U+201C and U+201D)"},
	},
}

// placeholder is a placeholder of a message, {{ .Count }}, masked before
// the rules run: a message's code is the catalogue check's (message.go).
var placeholder = regexp.MustCompile(`\{\{-?\s*\.(\w+)\s*-?\}\}`)

// ownTypography are the spans of a text that keep their own typography:
// spans in italics (the titles of works, words in another language), code,
// web addresses, bare or as a link's destination, HTML tags with their
// attributes, shortcodes and template actions ({{< … >}}, {{ … }}), and
// the attributes at the end of a heading's line ({#id key="value"}).
// Bold is not one: its markers alone are.
var ownTypography = regexp.MustCompile("\\*\\*|\\*[^*\n]+\\*|\\b_[^_\n]+_\\b|`[^`\n]+`|\\]\\([^)\n]*\\)|<?https?://[^\\s>)]+|</?[A-Za-z!][^<>\n]*>|\\{\\{[^\n]*?\\}\\}|(?m:\\{[^{}\n]*\\}[ \\t]*$)")

// mask overwrites what re matches in s with as many bytes of fill, so that
// the rules do not see it and offsets stay those of s.
func mask(s string, re *regexp.Regexp, fill string) string {
	return re.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(fill, len(m)) })
}

// checkTypography reports, as warnings, the texts of a language that break
// its typography, each at the first place that breaks a rule: its texts of
// the content (a body block by block, without its code) and every form of
// its catalogue's messages. Spans with their own typography (see
// ownTypography) are left out.
func (w *Workspace) checkTypography(lang string) diag.List {
	rules := w.rules(lang)
	if len(rules) == 0 {
		return nil
	}
	var problems diag.List
	warn := func(file string, line, col int, subject string, h typographyHit, text string) {
		message, hint := h.problem(rules, text)
		problems = append(problems, diag.Problem{File: file, Line: line, Col: col, Severity: diag.Warning, Subject: subject, Message: message, Hint: hint})
	}
	for _, t := range w.Site.Texts() {
		at, ok := t.At[lang]
		if !ok || at.File == nil {
			continue
		}
		for _, h := range w.Memo.typography(t, lang, rules, w.usage.key) {
			line, col := at.Within(t.Values[lang], h.offset).Position()
			warn(at.File.Path, line, col, t.ID, h.typographyHit, h.text)
		}
	}
	c := w.Catalogues[lang]
	if c == nil || c.Doc == nil {
		return problems
	}
	for _, key := range slices.Sorted(maps.Keys(c.Messages)) {
		forms := Forms(c.Messages[key])
		for _, form := range pluralForms {
			text, ok := forms[form]
			if !ok {
				continue
			}
			for _, h := range typographyHits(rules, text, true) {
				line, col := valueOffset(c.Doc, formPath(c, key, form), text, h.at)
				warn(c.File, line, col, model.MessageID(key), h, text)
			}
		}
	}
	return problems
}

// textTypographyHit is where a text of the content breaks a rule: the hit
// in the text it was found in (the text, or the block of its body), and
// the byte of the whole text it points at.
type textTypographyHit struct {
	typographyHit
	text   string
	offset int
}

// textTypographyHits returns where a text of the content, in a language,
// breaks its rules: a body's blocks each on its own, its code left out.
func textTypographyHits(t *content.Text, lang string, rules []typographyRule) []textTypographyHit {
	value := t.Values[lang]
	var hits []textTypographyHit
	if t.Field.Type != model.Body {
		for _, h := range typographyHits(rules, value, false) {
			hits = append(hits, textTypographyHit{h, value, h.at})
		}
		return hits
	}
	for _, b := range splitBlocks(value) {
		if !b.translatable() {
			continue
		}
		for _, h := range typographyHits(rules, b.Text, false) {
			hits = append(hits, textTypographyHit{h, b.Text, b.bodyOffset(h.at)})
		}
	}
	return hits
}

// typographyHit is where a text breaks a rule of typography: the rule's
// index, the match, and the sign that breaks it.
type typographyHit struct {
	rule, start, end, at int
	sign                 string
}

// problem says what the hit in text breaks, and how to fix it.
func (h typographyHit) problem(rules []typographyRule, text string) (message, hint string) {
	r := rules[h.rule]
	what := r.what
	if !r.usage {
		what = fmt.Sprintf(r.what, h.sign)
	}
	return what + " in " + quoteExcerpt(text, h.start, h.end), r.fix
}

// rules are a language's rules: its typography, then its usage.
func (w *Workspace) rules(lang string) []typographyRule {
	return append(slices.Clip(typography[lang]), w.usage.rules[lang]...)
}

// typographyHits returns where a text breaks rules (a language's), at
// most once each; a message's placeholders are left out.
func typographyHits(rules []typographyRule, text string, message bool) []typographyHit {
	checked := text
	if message {
		checked = mask(checked, placeholder, "N")
	}
	if strings.ContainsAny(checked, "*_`:<{") {
		checked = mask(checked, ownTypography, "x")
	}
	var hits []typographyHit
	lower := ""
	for i, r := range rules {
		// Most texts have none of a rule's signs or its cues: the
		// pattern, which backtracks through the whole text, is left
		// out for them.
		if len(r.cues) > 0 && lower == "" {
			lower = strings.ToLower(checked)
		}
		if !r.usage && !strings.ContainsAny(checked, r.signs) ||
			len(r.cues) > 0 && !slices.ContainsFunc(r.cues, func(cue string) bool { return strings.Contains(lower, cue) }) {
			continue
		}
		m := r.wrong.FindStringSubmatchIndex(checked)
		if m == nil {
			continue
		}
		h := typographyHit{rule: i, start: m[0], end: m[1], at: m[0]}
		if r.usage && len(m) > 2 && m[2] >= 0 {
			h.start, h.end, h.at = m[2], m[3], m[2]
			hits = append(hits, h)
			continue
		}
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				h.sign = checked[m[g]:m[g+1]]
				if strings.Contains(r.signs, h.sign) {
					h.at = m[g] // the sign itself, not what comes before it
				}
			}
		}
		hits = append(hits, h)
	}
	return hits
}

// quoteExcerpt shows the text from start to end with a little of its
// context.
func quoteExcerpt(text string, i, j int) string {
	start, end := max(0, i-20), min(len(text), j+20)
	for start > 0 && !isRuneStart(text[start]) {
		start--
	}
	for end < len(text) && !isRuneStart(text[end]) {
		end++
	}
	return fmt.Sprintf("%q", strings.Join(strings.Fields(text[start:end]), " "))
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
