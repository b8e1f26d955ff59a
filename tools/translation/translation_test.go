package translation_test

import (
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

var base = map[string]string{
	"config.toml":            "[languages.en]\nweight = 1\nlabel = \"English\"\n[languages.fr]\nweight = 2\nlabel = \"Français\"\n",
	"layouts/home.html":      "<h1>{{ T \"title\" }}</h1>\n<p>{{ T \"count\" 3 }}</p>\n",
	"i18n/en.toml":           "[title]\nother = \"Home\"\n\n[count]\none = \"{{ .Count }} event\"\nother = \"{{ .Count }} events\"\n",
	"i18n/fr.toml":           "[title]\nother = \"Accueil\"\n\n[count]\none = \"{{ .Count }} événement\"\nmany = \"{{ .Count }} d’événements\"\nother = \"{{ .Count }} événements\"\n",
	"data/glossary.toml":     "[x]\nterm = { en = \"term\", fr = \"terme\" }\n",
	"content/about.en.md":    "+++\ntitle = \"About\"\n+++\nText.\n",
	"content/about.fr.md":    "+++\ntitle = \"À propos\"\n+++\nTexte.\n",
	"translation-state.toml": "",
}

func project_(t *testing.T, changes map[string]string) *project.Project {
	t.Helper()
	root := t.TempDir()
	sitetest.Write(t, root, sitetest.With(base, changes))
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	return p
}

func TestCatalogueChecks(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes map[string]string
		want    []string // problems as printed, by prefix; none for a clean catalogue
	}{
		{name: "clean"},
		{
			name:    "a key used in a layout but in no catalogue",
			changes: map[string]string{"layouts/home.html": base["layouts/home.html"] + "<p>{{ i18n \"missing\" }}</p>\n"},
			want: []string{
				`layouts/home.html:3:13: the message "missing" is not in i18n/en.toml`,
				`layouts/home.html:3:13: the message "missing" is not in i18n/fr.toml`,
			},
		},
		{
			name:    "a key no layout uses",
			changes: map[string]string{"layouts/home.html": "<p>{{ T \"count\" 3 }}</p>\n"},
			want: []string{
				`i18n/en.toml:2:10: warning: message "title": no template uses this message`,
				`i18n/fr.toml:2:10: warning: message "title": no template uses this message`,
			},
		},
		{
			// French puts 0 and 1 in "one", and large round numbers in "many".
			name:    "a plural form missing for the language's CLDR categories",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(base["i18n/fr.toml"], "many = \"{{ .Count }} d’événements\"\n", "", 1)},
			want:    []string{`i18n/fr.toml:6:10: message "count": the message depends on a count but has no many form (Français needs one, many, other); add many = "…"`},
		},
		{
			name:    "placeholders that differ",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(base["i18n/fr.toml"], `other = "{{ .Count }} événements"`, `other = "{{ .Nombre }} événements"`, 1)},
			want:    []string{`i18n/fr.toml:7:10: message "count": the placeholders are {{ .Count }}, {{ .Nombre }}; in i18n/en.toml they are {{ .Count }}`},
		},
		{
			name:    "a French message identical to the English",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(base["i18n/fr.toml"], `"Accueil"`, `"Home"`, 1)},
			want:    []string{`i18n/fr.toml:2:10: warning: message "title": the Français text is the same as the source: "Home"`},
		},
		{
			name: "an identical message on the allow-list of cognates",
			changes: map[string]string{
				"i18n/fr.toml":           strings.Replace(base["i18n/fr.toml"], `"Accueil"`, `"Home"`, 1),
				"translation-state.toml": "[fr]\nsame = [\"title\"]\n",
			},
		},
		{
			name:    "a message missing in French",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(base["i18n/fr.toml"], "[title]\nother = \"Accueil\"\n", "", 1)},
			want: []string{
				`i18n/en.toml:2:10: message "title": the message has no Français translation in i18n/fr.toml`,
				`layouts/home.html:1:11: the message "title" is not in i18n/fr.toml`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := translation.Check(project_(t, tc.changes), false)
			got.Sort()
			assertProblems(t, got, tc.want)
		})
	}
}

func TestTypography(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Un texte\u00a0: bien écrit\u00a0; «\u00a0juste\u00a0» le 1er mars.", ""},
		{"Attention: ceci", `no space before ":"`},
		{"Attention : ceci", `an ordinary space before ":"`},
		{"Vraiment ?", `an ordinary space before "?"`},
		{"Il a dit «juste» hier", "a guillemet without its no-break space"},
		{`Il a dit "juste" hier`, "English quotation marks"},
		{"Le 1 mars 2021", `"1 mars" for the first of the month`},
		{"Un *titre: en anglais* cité", ""}, // italics keep their own typography
		{"Voir https://example.org/x", ""},  // a colon in an address
		{"Le [^1]: une note", ""},           // a footnote definition
	} {
		p := project_(t, map[string]string{"data/glossary.toml": "[x]\nterm = { en = \"term\", fr = \"" + strings.ReplaceAll(tc.text, `"`, `\"`) + "\" }\n"})
		units, _ := translation.Collect(p, "fr")
		got := translation.CheckTypography("fr", units)
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q: unexpected %s", tc.text, got[0])
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tc.want) || got[0].Severity != diag.Warning || got[0].Hint == ""):
			t.Errorf("%q: want one warning %q with a fix, got %v", tc.text, tc.want, got)
		}
	}
}

// Each kind of source: a data text, a page and a message. Changing the
// source makes the translation outdated; changing the translation too
// makes it current again; a translation never recorded is current.
func TestOutdatedForEachKindOfSource(t *testing.T) {
	for _, tc := range []struct {
		id, file, from, to, target, newTarget string
	}{
		{"data/glossary.toml#x.term", "data/glossary.toml", `en = "term"`, `en = "word"`, "data/glossary.toml", `fr = "mot"`},
		{"content/about", "content/about.en.md", "Text.", "New text.", "content/about.fr.md", "Nouveau texte."},
		{"i18n#title", "i18n/en.toml", `"Home"`, `"Start"`, "i18n/fr.toml", `"Départ"`},
	} {
		t.Run(tc.id, func(t *testing.T) {
			p := project_(t, nil)
			condition := func() translation.Condition {
				t.Helper()
				state, _ := translation.ReadState(p)
				units, _ := translation.Collect(p, "fr")
				for _, u := range units {
					if u.ID == tc.id {
						return state.Condition("fr", u)
					}
				}
				t.Fatalf("no unit %s", tc.id)
				return ""
			}
			edit := func(file, from, to string) {
				t.Helper()
				b, _ := sitetest.ReadFile(t, p.Path(file))
				if !strings.Contains(b, from) {
					t.Fatalf("%s has no %q", file, from)
				}
				sitetest.Write(t, p.Root, map[string]string{file: strings.Replace(b, from, to, 1)})
			}
			edit(tc.file, tc.from, tc.to)
			if c := condition(); c != translation.Current {
				t.Errorf("never recorded: %s, want current", c)
			}
			edit(tc.file, tc.to, tc.from) // back to the recorded source
			state, _ := translation.ReadState(p)
			units, _ := translation.Collect(p, "fr")
			for _, u := range units {
				state.Confirm("fr", u)
			}
			if err := state.Write(p); err != nil {
				t.Fatal(err)
			}
			edit(tc.file, tc.from, tc.to)
			if c := condition(); c != translation.Outdated {
				t.Errorf("source changed: %s, want outdated", c)
			}
			b, _ := sitetest.ReadFile(t, p.Path(tc.target))
			old := map[string]string{"data/glossary.toml": `fr = "terme"`, "content/about.fr.md": "Texte.", "i18n/fr.toml": `"Accueil"`}[tc.target]
			sitetest.Write(t, p.Root, map[string]string{tc.target: strings.Replace(b, old, tc.newTarget, 1)})
			if c := condition(); c != translation.Current {
				t.Errorf("translation updated: %s, want current", c)
			}
		})
	}
}

func assertProblems(t *testing.T, got diag.List, want []string) {
	t.Helper()
	if len(got) != len(want) {
		var b strings.Builder
		got.Print(&b)
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), b.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], w)
		}
	}
}
