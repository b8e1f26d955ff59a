package translation

import (
	"slices"
	"testing"
)

// TestParseMessage: what a catalogue message holds, as Hugo's template
// parser reads it, not as a pattern guesses.
func TestParseMessage(t *testing.T) {
	for _, tc := range []struct {
		text, left, right string
		placeholders      []string
		code              string
	}{
		// Text and placeholders, with trim markers: a message.
		{text: "{{ .Count }} événements, du {{- .From -}} au {{ .To }}", placeholders: []string{"Count", "From", "To"}},
		// Braces that are not the delimiters are text.
		{text: "Un { et } seuls", placeholders: nil},
		// A function printed its result.
		{text: `Notes {{ len "abc" }}`, code: `{{ len "abc" }}`},
		// A range ran a billion times.
		{text: "{{ range 1000000000 }}x{{ end }}", code: "{{ range 1000000000 }}"},
		// A field of a field, a variable, dot itself: none is a placeholder.
		{text: "{{ .Count.Name }}", code: "{{ .Count.Name }}"},
		{text: "{{ $x := .Count }}{{ $x }}", code: "{{ $x := .Count }}"},
		{text: "{{ . }}", code: "{{ . }}"},
		// A comment is dropped from what readers see.
		{text: "Avant {{/* caché */}} après", code: "{{/* caché */}}"},
		// A template defined in a message.
		{text: `{{ define "x" }}y{{ end }}`, code: "{{ define }}"},
		// The message's own delimiters: {{ is text, << is an action.
		{text: "{{ len 1 }} << len 1 >>", left: "<<", right: ">>", code: "<< len 1 >>"},
		// What Hugo cannot parse, Hugo cannot build.
		{text: "{{ .Count }", code: "{{ .Count }"},
	} {
		mc := parseMessage(tc.text, tc.left, tc.right)
		if mc.code != tc.code || !slices.Equal(mc.placeholders, tc.placeholders) && tc.code == "" {
			t.Errorf("%q: code %q (%s), placeholders %q; want code %q, placeholders %q", tc.text, mc.code, mc.reason, mc.placeholders, tc.code, tc.placeholders)
		}
	}
}
