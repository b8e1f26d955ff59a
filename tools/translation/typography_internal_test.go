package translation

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestTypographyHits: which rules a text breaks in its language, and at
// which sign, written "what@sign" (the sign found from the start of the
// text, its nth occurrence with "what@sign#n"). The English rules, and what
// keeps its own typography in every language; French's own rules are
// TestTypography's.
func TestTypographyHits(t *testing.T) {
	const (
		apostrophe = "a straight apostrophe"
		single     = "a straight single quotation mark"
		double     = "straight quotation marks"
	)
	for _, tc := range []struct {
		lang, text string
		message    bool
		want       []string
	}{
		// The apostrophe of a contraction, of a possessive, of a plural's
		// possessive, of an elided number, in a name.
		{lang: "en", text: "The Centre's team", want: []string{apostrophe + "@'"}},
		{lang: "en", text: "It's done", want: []string{apostrophe + "@'"}},
		{lang: "en", text: "the users' data", want: []string{apostrophe + "@'"}},
		{lang: "en", text: "in the '90s", want: []string{apostrophe + "@'"}},
		{lang: "en", text: "Mr O'Brien", want: []string{apostrophe + "@'"}},
		// Single quotes used as quotation marks: the opening one is ‘, the
		// closing one ’, the apostrophe's sign.
		{lang: "en", text: "a group called 'Hafnium' by Microsoft", want: []string{apostrophe + "@'#2", single + "@'"}},
		{lang: "en", text: "('quoted') here", want: []string{apostrophe + "@'#2", single + "@'"}},
		// Double quotes, closed or not.
		{lang: "en", text: `which it called "Hafnium".`, want: []string{double + `@"`}},
		{lang: "en", text: `"House of Commons" refers to`, want: []string{double + `@"`}},
		{lang: "en", text: `a stray " sign`, want: []string{double + `@"`}},
		// Each rule once, at its first sign: a text with every sign.
		{lang: "en", text: `It's "the 'Centre's' view"`, want: []string{apostrophe + "@'", single + "@'#2", double + `@"`}},
		// Typographic signs are right.
		{lang: "en", text: "It’s the Centre’s “Hafnium”, its ‘term’ and the users’ data", want: nil},
		// Code keeps its own signs: a code span, and a body's code block
		// never reaches the rules (TestEnglishTypographyInEachKindOfText).
		{lang: "en", text: "run `don't \"quote\"` now", want: nil},
		// A web address, bare or as a link's destination with its title.
		{lang: "en", text: "see https://example.org/it's-\"here\" now", want: nil},
		{lang: "en", text: `[the report](https://example.org/a'b "the title") says`, want: nil},
		{lang: "en", text: "<https://example.org/it's> says", want: nil},
		// An HTML tag's attributes; its text is still prose.
		{lang: "en", text: `<abbr title="People's Republic">PRC</abbr> says`, want: nil},
		{lang: "en", text: `<abbr title="PRC">People's Republic</abbr>`, want: []string{apostrophe + "@'"}},
		// A heading's attributes, at the end of its line; a brace in the
		// middle of a line is prose.
		{lang: "en", text: `Why it's not enough {#why .note style="x"}`, want: []string{apostrophe + "@'"}},
		{lang: "en", text: "## Why {style=\"x\"}\nThe end", want: nil},
		{lang: "en", text: `a {"set"} of`, want: []string{double + `@"`}},
		// Shortcodes and template actions.
		{lang: "en", text: `{{< figure alt="it's" >}} and {{% note "x" %}}`, want: nil},
		// A message's placeholders, and code the catalogue check reports
		// on its own.
		{lang: "en", text: "{{ .Count }} events, from {{ .From }} to {{ .To }}", message: true, want: nil},
		{lang: "en", text: `{{ "it's" }} events`, message: true, want: nil},
		{lang: "en", text: "{{ .Count }} event's", message: true, want: []string{apostrophe + "@'"}},
		// Italics keep their own typography: a title, a word of another
		// language.
		{lang: "en", text: "the *People's Daily* says", want: nil},
		// A "less than" is no tag, nor a lone brace a template.
		{lang: "en", text: "when a < b and c's { d", want: []string{apostrophe + "@'"}},
		// French has its own rules for the same signs: its apostrophe's
		// hint, its quotation marks (« »), never English's.
		{lang: "fr", text: "Sur l'équipe", want: []string{apostrophe + "@'"}},
		{lang: "fr", text: `Il a dit "juste" hier`, want: []string{"English quotation marks@ \""}},
		{lang: "fr", text: "l’équipe dit «\u00a0juste\u00a0» et ‘rien’", want: nil},
		// A language without rules has nothing checked.
		{lang: "es", text: `El equipo de l'Centre dijo "hola" y 'adiós'`, want: nil},
	} {
		var got []string
		for _, h := range typographyHits(typography[tc.lang], tc.text, tc.message) {
			what := strings.TrimSuffix(fmt.Sprintf(typography[tc.lang][h.rule].what, h.sign), " \""+h.sign+"\"")
			got = append(got, what+"@"+signAt(tc.text, h.at))
		}
		want := make([]string, len(tc.want))
		for i, w := range tc.want {
			want[i] = w
			if !strings.Contains(w, "#") {
				want[i] += "#1"
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %q: got %q, want %q", tc.lang, tc.text, got, want)
		}
	}
}

// signAt names the byte at of a text as the sign there and which of its
// occurrences it is: "'#2".
func signAt(text string, at int) string {
	sign := text[at : at+1]
	if sign == " " { // a rule whose match starts before its sign
		sign = text[at : at+2]
	}
	return fmt.Sprintf("%s#%d", sign, strings.Count(text[:at], sign)+1)
}

// The English rules' hints give the typographic signs, each by its code
// point, as the French rules' do.
func TestEnglishHintsNameTheSigns(t *testing.T) {
	var hints string
	for _, r := range typography["en"] {
		hints += r.fix + "\n"
	}
	for _, sign := range []string{"’ (U+2019)", "‘…’ (U+2018 and U+2019)", "“…” (U+201C and U+201D)"} {
		if !strings.Contains(hints, sign) {
			t.Errorf("no hint names %s:\n%s", sign, hints)
		}
	}
}
