package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"cut at the end of a word", 12, "cut at the…"}, // not "cut at the e"
		{"cut at the end of a word", 10, "cut at the…"}, // a word that ends at the limit stays whole
		{"Évènement à l’écran", 12, "Évènement à…"},     // characters, not octets
		{"onelongwordwithoutspaces", 8, "onelongw…"},    // no word ends before: cut at the limit
		{"🔒🔒🔒🔒🔒🔒🔒🔒 and more", 4, "🔒🔒🔒🔒…"},               // never inside a character
	} {
		if got := Truncate(tc.s, tc.n, "…"); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

// Folded, every line is at most 75 octets, never cut inside a character,
// and unfolding gives the lines back as they were.
func TestFoldLines(t *testing.T) {
	lines := []string{
		"SHORT:line",
		"DESCRIPTION:" + strings.Repeat("a", 63), // 75 octets: not folded
		"DESCRIPTION:" + strings.Repeat("a", 64), // 76 octets
		"DESCRIPTION:" + strings.Repeat("é", 200),
		"SUMMARY:" + strings.Repeat("🔒", 50) + strings.Repeat("x", 3),
		"X:" + strings.Repeat("€a", 100),
	}
	src := strings.Join(lines, "\r\n") + "\r\n"
	got := foldLines([]byte(src))
	physical := strings.Split(strings.TrimSuffix(string(got), "\r\n"), "\r\n")
	for i, line := range physical {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Errorf("line %d: %d octets: %q", i+1, len(line), line)
		}
	}
	if unfolded := strings.ReplaceAll(string(got), "\r\n ", ""); unfolded != src {
		t.Errorf("unfolded:\n%q\nwant:\n%q", unfolded, src)
	}
	// A line is folded only when its next character would not fit.
	for i, line := range physical[:len(physical)-1] {
		next, ok := strings.CutPrefix(physical[i+1], " ")
		if _, size := utf8.DecodeRuneInString(next); ok && len(line)+size <= 75 {
			t.Errorf("line %d is folded with room left: %q", i+1, line)
		}
	}
	if len(physical) != 19 {
		t.Errorf("%d lines, want 19", len(physical))
	}
	if !bytes.Equal(foldLines([]byte("A:b\r\n")), []byte("A:b\r\n")) {
		t.Error("a short line was changed")
	}
}

// A STIX id never changes from one build to the next, nor from the
// templates that made them before: tools know the objects by it.
func TestSTIXIDsAreStable(t *testing.T) {
	for _, tc := range []struct{ typ, name, want string }{
		{"intrusion-set", "apt99", "intrusion-set--e29c38aa-627c-5bec-99a6-f01d43bb8712"},
		{"bundle", "apt99", "bundle--e6132d0d-4f28-5483-b0e7-8a904e3b87ce"},
		{"identity", "apt99/targets/1", "identity--9afb28ae-3a60-5d08-ad3d-7abb22c637d6"},
	} {
		if got := stixID("https://cyber.example.ca", tc.typ, tc.name); got != tc.want {
			t.Errorf("stixID(%s, %s) = %s, want %s", tc.typ, tc.name, got, tc.want)
		}
	}
	// Each is a UUID of version 5 and RFC 4122's variant.
	for i := range 64 {
		id := stixID("ns", "identity", strings.Repeat("x", i))
		uuid := strings.TrimPrefix(id, "identity--")
		if len(uuid) != 36 || uuid[14] != '5' || !strings.ContainsRune("89ab", rune(uuid[19])) {
			t.Errorf("%s is not a version 5 UUID", id)
		}
	}
}
