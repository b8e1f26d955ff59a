package model_test

import (
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/model"
)

// TestNameProblem: an id or a slug that names files is an anchor, is not
// a name Windows or Hugo keeps, and leaves room for the names made from it.
func TestNameProblem(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want string // a prefix of the hint, or "" for an id that can be a name
	}{
		{"2021-01-22-first-report", ""},
		// Upper case, spaces, accents, emoji: Hugo made the address
		// without a word, and two names one address.
		{"Foo", model.IDHint},
		{"my file", model.IDHint},
		{"caf\u00e9", model.IDHint},
		{"alertes-\U0001F6A8", model.IDHint},
		// Windows' device names cannot be checked out there, whatever
		// follows them (nul.en.md).
		{"nul", `"nul" is a name Windows keeps for a device`},
		{"con", `"con" is a name Windows keeps for a device`},
		{"com1", `"com1" is a name Windows keeps for a device`},
		{"lpt9", `"lpt9" is a name Windows keeps for a device`},
		// Only the names themselves: a word more is a name of its own.
		{"con-2024", ""},
		{"com10", ""},
		{"null", ""},
		// index.en.md is Hugo's page of its folder, and hid the section.
		{"index", `"index" is the name Hugo gives a folder's own page`},
		{"indexes", ""},
		// A name longer than the files made from it can bear: the build
		// failed on "file name too long".
		{strings.Repeat("a", model.MaxNameLength), ""},
		{strings.Repeat("a", model.MaxNameLength+1), "it has 101 characters, and an id has at most 100"},
	} {
		got := model.NameProblem(tc.id)
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("NameProblem(%q) = %q, want %q…", tc.id, got, tc.want)
		}
	}
}
