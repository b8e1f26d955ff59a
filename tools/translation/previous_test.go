package translation_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/translation"
)

// TestWordDiff: the changes from one text to another, word by word, each
// removal before the addition that replaces it; texts too long or too
// changed to compare word by word are shown whole.
func TestWordDiff(t *testing.T) {
	type c = translation.Change
	long := strings.Repeat("word ", 6000)
	for _, tc := range []struct {
		name, old, new string
		want           []c
	}{
		{"a word added", "An event on the first of the month.", "An event on the first working day of the month.",
			[]c{{"=", "An event on the first "}, {"+", "working day "}, {"=", "of the month."}}},
		{"a word replaced", "The actors used spear-phishing.", "The actors used phishing.",
			[]c{{"=", "The actors used "}, {"-", "spear-phishing."}, {"+", "phishing."}}},
		{"words replaced, the space after them kept", "Detection needs logs; escalation follows.", "Detection needs logs and alerts; escalation follows.",
			[]c{{"=", "Detection needs "}, {"-", "logs;"}, {"+", "logs and alerts;"}, {"=", " escalation follows."}}},
		{"the same", "Unchanged text.", "Unchanged text.", []c{{"=", "Unchanged text."}}},
		{"from nothing", "", "New.", []c{{"+", "New."}}},
		{"longer than ten pages", long, long + "more", []c{{"-", long}, {"+", long + "more"}}},
		{"every word changed, at length", strings.Repeat("a ", 1500), strings.Repeat("b ", 1500),
			[]c{{"-", strings.Repeat("a ", 1500)}, {"+", strings.Repeat("b ", 1500)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := translation.WordDiff(tc.old, tc.new)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("WordDiff(%.60q, %.60q) = %.200v, want %.200v", tc.old, tc.new, got, tc.want)
			}
			var old, new strings.Builder
			for _, ch := range got {
				if ch.Op != "+" {
					old.WriteString(ch.Text)
				}
				if ch.Op != "-" {
					new.WriteString(ch.Text)
				}
			}
			if old.String() != tc.old || new.String() != tc.new {
				t.Error("the changes do not rebuild both texts")
			}
		})
	}
}
