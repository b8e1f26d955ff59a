package diag

import "testing"

// A list of names reads as a sentence whatever its length: hints list the
// site's languages, and a site may have one, two or more.
func TestAnd(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"en"}, "en"},
		{[]string{"en", "fr"}, "en and fr"}, // as the hints read before a third language
		{[]string{"en", "fr", "es"}, "en, fr and es"},
	} {
		if got := And(tc.names); got != tc.want {
			t.Errorf("And(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
