package translation_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// base is a small site of its own model: notes in a data file, pages, and
// two interface messages, one of which depends on a count.
const base = `
-- config.toml --
[languages.en]
weight = 1
label = "English"
[languages.fr]
weight = 2
label = "Français"
-- data/model.toml --
[[kinds]]
name = "note"
files = "data/notes.toml"
fields = [{ name = "text", type = "text", required = true }]

[[kinds]]
name = "page"
label = "title"
section = "pages"
files = "content/pages/{id}.{lang}.md"
fields = [
  { name = "title", type = "text", required = true },
  { name = "description", type = "text" },
  { name = "slug", type = "slug" },
  { name = "sources", type = "list", of = "source" },
  { name = "body", type = "body" },
]

[records.source]
fields = [{ name = "title", type = "text", required = true }, { name = "url", type = "url" }]
-- layouts/home.html --
<h1>{{ T "title" }}</h1>
<p>{{ T "count" 3 }}</p>
-- i18n/en.toml --
[title]
other = "Home"

[count]
one = "{{ .Count }} event"
other = "{{ .Count }} events"
-- i18n/fr.toml --
[title]
other = "Accueil"

[count]
one = "{{ .Count }} événement"
many = "{{ .Count }} d’événements"
other = "{{ .Count }} événements"
-- data/notes.toml --
[x]
text = { en = "term", fr = "terme" }
-- content/_index.en.md --
+++
title = "Home"
description = "The home page."
+++
-- content/_index.fr.md --
+++
title = "Accueil"
description = "La page d’accueil."
+++
-- content/pages/_index.en.md --
+++
title = "Pages"
description = "Some pages."
+++
-- content/pages/_index.fr.md --
+++
title = "Pages"
description = "Des pages."
+++
-- content/pages/about.en.md --
+++
title = "About"
description = "What this is."
+++
Text.
-- content/pages/about.fr.md --
+++
title = "À propos"
description = "Ce que c’est."
+++
Texte.
-- translation-state.toml --
[fr]
same = ["i18n#pages"]
`

// open opens the base site with the archive's files added or replaced.
func open(t testing.TB, archives ...string) (*translation.Workspace, string) {
	t.Helper()
	root := t.TempDir()
	for _, a := range append([]string{base}, archives...) {
		sitetest.Write(t, root, sitetest.Files(a))
	}
	return reopen(t, root), root
}

// load reads the site at root as the commands do, with its problems.
func load(t testing.TB, root string) (*translation.Workspace, diag.List) {
	t.Helper()
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	site, problems := content.Load(p)
	ws, more := translation.Open(site)
	return ws, append(problems, more...)
}

func reopen(t testing.TB, root string) *translation.Workspace {
	t.Helper()
	ws, problems := load(t, root)
	problems = slices.DeleteFunc(problems, func(p diag.Problem) bool { return p.Kind == diag.TranslationGap })
	if problems.Errors() > 0 {
		t.Fatalf("the site has problems:\n%v", problems)
	}
	return ws
}

func TestCatalogueChecks(t *testing.T) {
	fr := sitetest.Files(base)["i18n/fr.toml"]
	for _, tc := range []struct {
		name    string
		changes map[string]string
		want    []string // problems as printed, by prefix; none for clean catalogues
	}{
		{name: "clean"},
		{
			name:    "a key used in a layout but in no catalogue",
			changes: map[string]string{"layouts/home.html": "<h1>{{ T \"title\" }}</h1>\n<p>{{ T \"count\" 3 }}</p>\n<p>{{ i18n \"missing\" }}</p>\n"},
			want: []string{
				`layouts/home.html:3:13: the message "missing" is not in i18n/en.toml`,
				`layouts/home.html:3:13: the message "missing" is not in i18n/fr.toml`,
			},
		},
		{
			// The kinds' labels count as used: the templates show them.
			name:    "a key no layout uses",
			changes: map[string]string{"layouts/home.html": "<p>{{ T \"count\" 3 }}</p>\n", "data/model.toml": strings.Replace(sitetest.Files(base)["data/model.toml"], `label = "title"`, `label = "count"`, 1)},
			want: []string{
				`i18n/en.toml:2:10: warning: message "title": no template uses this message`,
				`i18n/fr.toml:2:10: warning: message "title": no template uses this message`,
			},
		},
		{
			// French puts 0 and 1 in "one", and large round numbers in "many".
			name:    "a plural form missing for the language's CLDR categories",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(fr, "many = \"{{ .Count }} d’événements\"\n", "", 1)},
			want:    []string{`i18n/fr.toml:6:10: message "count": the message depends on a count but has no many form (Français needs one, many, other); add many = "…"`},
		},
		{
			name:    "placeholders that differ",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(fr, `other = "{{ .Count }} événements"`, `other = "{{ .Nombre }} événements"`, 1)},
			want:    []string{`i18n/fr.toml:7:10: message "count": the placeholders are {{ .Count }}, {{ .Nombre }}; in i18n/en.toml they are {{ .Count }}`},
		},
		{
			name:    "a French message identical to the English",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(fr, `"Accueil"`, `"Home"`, 1)},
			want:    []string{`i18n/fr.toml:2:10: warning: message "title": the Français text is the same as the source: "Home"`},
		},
		{
			name: "an identical message on the list of cognates",
			changes: map[string]string{
				"i18n/fr.toml":           strings.Replace(fr, `"Accueil"`, `"Home"`, 1),
				"translation-state.toml": "[fr]\nsame = [\"title\"]\n",
			},
		},
		{
			name:    "a message missing in French",
			changes: map[string]string{"i18n/fr.toml": strings.Replace(fr, "[title]\nother = \"Accueil\"\n", "", 1)},
			want: []string{
				`data/model.toml:8:10: the message "title" is not in i18n/fr.toml`,
				`i18n/en.toml:2:10: message "title": the message has no Français translation in i18n/fr.toml`,
				`layouts/home.html:1:11: the message "title" is not in i18n/fr.toml`,
			},
		},
		{
			// A catalogue go-i18n cannot read is reported once, where it is
			// read; the checks that need it are not run on it.
			name:    "a catalogue that is not TOML",
			changes: map[string]string{"i18n/fr.toml": fr + "\n[broken\n"},
			want:    []string{`i18n/fr.toml:9:8: expected '.' or ']' to end table name`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			sitetest.Write(t, root, sitetest.Files(base))
			sitetest.Write(t, root, tc.changes)
			p, problems := project.Open(root)
			if problems != nil {
				t.Fatal(problems)
			}
			site, got := content.Load(p)
			ws, more := translation.Open(site)
			got = append(got, more...)
			got = append(got, ws.Check(false)...)
			got.Sort()
			assertProblems(t, got, tc.want)
		})
	}
}

// Each rule of French typography, with where its warning points: the
// first character of at in the text, or the text's start when at is "".
func TestTypography(t *testing.T) {
	for _, tc := range []struct{ text, want, at string }{
		{"Un texte\u00a0: bien écrit\u00a0; «\u00a0juste\u00a0» le 1er mars.", "", ""},
		{"Attention: ceci", `no space before ":"`, ":"},
		{"Attention : ceci", `an ordinary space before ":"`, ":"},
		{"Vraiment ?", `an ordinary space before "?"`, "?"},
		{"Il a dit «juste» hier", "a guillemet without its no-break space", "«"},
		{`Il a dit "juste" hier`, "English quotation marks", ""}, // escaped in the file: not found again there
		{"Le 1 mars 2021", `"1 mars" for the first of the month`, "1 mars"},
		{"Un *titre: en anglais* cité", "", ""}, // italics keep their own typography
		{"Voir https://example.org/x", "", ""},  // a colon in an address
		{"Le [^1]: une note", "", ""},           // a footnote definition
		{"Sur l'équipe d’intervention", "a straight apostrophe", "'"},
		{"Le *People's Daily* et `l'adresse` et [un lien](https://example.org/l'x) d’ici", "", ""},
	} {
		ws, _ := open(t, "-- data/notes.toml --\n[x]\ntext = { en = \"term\", fr = \""+strings.ReplaceAll(tc.text, `"`, `\"`)+"\" }\n")
		var got diag.List
		for _, p := range ws.Check(false) {
			if p.Subject == "note/x#text" {
				got = append(got, p)
			}
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q: unexpected %s", tc.text, got[0])
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tc.want) || got[0].Severity != diag.Warning || got[0].Hint == "" || got[0].Line != 2):
			t.Errorf("%q: want one warning %q on line 2 with a fix, got %v", tc.text, tc.want, got)
		case tc.want != "":
			// The text starts at column 29: text = { en = "term", fr = "
			col := 29
			if tc.at != "" {
				col += utf8.RuneCountInString(tc.text[:strings.Index(tc.text, tc.at)])
			}
			if got[0].Col != col {
				t.Errorf("%q: the warning is at column %d, want %d (%q)", tc.text, got[0].Col, col, tc.at)
			}
		}
	}
}

// A page's texts are warned about at the apostrophe itself: in the front
// matter, and in the body below it.
func TestStraightApostropheInAPage(t *testing.T) {
	ws, _ := open(t, "-- content/pages/about.en.md --\n+++\ntitle = \"About the team\"\n+++\nA text.\n\nThe team's work.\n\n- an item,\n  and the other line\n"+
		"-- content/pages/about.fr.md --\n+++\ntitle = \"À propos de l'équipe\"\n+++\nUn texte.\n\nLe travail de l'équipe.\n\n- un élément,\n  et l'autre ligne\n")
	var got []string
	for _, p := range ws.Check(false) {
		if strings.HasPrefix(p.Subject, "page/about#") {
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message))
		}
	}
	want := []string{
		`content/pages/about.en.md:6:9: a straight apostrophe in "The team's work."`, // English has its rule too
		`content/pages/about.fr.md:2:23: a straight apostrophe in "À propos de l'équipe"`,
		`content/pages/about.fr.md:6:16: a straight apostrophe in "Le travail de l'équipe."`,
		`content/pages/about.fr.md:9:7: a straight apostrophe in "un élément, et l'autre ligne"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// English typography is checked in each kind of English text, as French
// typography is in French texts: a data text, a page's front matter and
// body (not its code), and a catalogue's message, each warning at the sign
// itself. A third language, which has no rules, has none checked, and
// changes nothing for the others.
func TestEnglishTypographyInEachKindOfText(t *testing.T) {
	english := "-- data/notes.toml --\n[x]\ntext.fr = \"terme\"\ntext.en = \"\"\"The team's \"word\" here.\"\"\"\n" +
		"-- content/pages/about.en.md --\n+++\ntitle = \"About the team's work\"\ndescription = \"What this is.\"\n+++\nText.\n\n" +
		"```sh\necho 'it's' \"x\"\n```\n\nA \"quote\" and [a link](https://example.org/it's \"its title\").\n" +
		"-- i18n/en.toml --\n[title]\nother = \"The site's home\"\n\n[count]\none = \"{{ .Count }} event\"\nother = \"{{ .Count }} events\"\n"
	want := []string{
		"content/pages/about.en.md:11:3: straight quotation marks",
		"content/pages/about.en.md:2:24: a straight apostrophe",
		"data/notes.toml:3:22: a straight apostrophe",
		"data/notes.toml:3:25: straight quotation marks",
		"i18n/en.toml:2:18: a straight apostrophe",
	}
	third := "-- config.toml --\n[languages.en]\nweight = 1\nlabel = \"English\"\n[languages.fr]\nweight = 2\nlabel = \"Français\"\n" +
		"[languages.es]\nweight = 3\nlabel = \"Español\"\n" +
		"-- data/notes.toml --\n[x]\ntext.fr = \"terme\"\ntext.en = \"\"\"The team's \"word\" here.\"\"\"\ntext.es = \"l'equipo \\\"x\\\" 'y'\"\n" +
		"-- i18n/es.toml --\n[title]\nother = \"L'inicio \\\"x\\\"\"\n\n[count]\none = \"{{ .Count }} evento\"\nother = \"{{ .Count }} eventos\"\n"
	for _, tc := range []struct {
		name     string
		archives []string
		want     []string
	}{
		{"English", []string{english}, want},
		{"with a third language", []string{english, third}, want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, _ := open(t, tc.archives...)
			if len(ws.Project.Languages) == 3 && (ws.Catalogues["es"].Messages["title"] == nil || !strings.Contains(ws.Site.Texts()[0].Values["es"], "'")) {
				t.Fatal("the third language's texts are not read: the case tests nothing")
			}
			var got []string
			for _, p := range ws.Check(false) {
				if p.Severity == diag.Warning && (strings.Contains(p.Message, "apostrophe") || strings.Contains(p.Message, "quotation")) {
					what, _, _ := strings.Cut(p.Message, " in ")
					got = append(got, fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, what))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Each kind of text: a data text, a page's title, a page's body and a
// message. Changing the source makes the translation outdated, and only
// it; changing the translation too makes it current again; a translation
// never recorded is current.
func TestOutdatedForEachKindOfText(t *testing.T) {
	for _, tc := range []struct {
		id, file, from, to, target, old, new string
	}{
		{"note/x#text", "data/notes.toml", `en = "term"`, `en = "word"`, "data/notes.toml", `fr = "terme"`, `fr = "mot"`},
		{"page/about#title", "content/pages/about.en.md", `"About"`, `"About us"`, "content/pages/about.fr.md", `"À propos"`, `"À notre sujet"`},
		{"page/about#body[b1]", "content/pages/about.en.md", "Text.", "New text.", "content/pages/about.fr.md", "Texte.", "Nouveau texte."},
		{"i18n#title", "i18n/en.toml", `"Home"`, `"Start"`, "i18n/fr.toml", `"Accueil"`, `"Départ"`},
	} {
		t.Run(tc.id, func(t *testing.T) {
			ws, root := open(t)
			conditions := func() map[string]translation.Condition {
				t.Helper()
				ws := reopen(t, root)
				out := map[string]translation.Condition{}
				for _, u := range ws.Units("fr") {
					out[u.ID] = ws.State.Condition(u)
				}
				return out
			}
			sitetest.Edit(t, root, tc.file, tc.from, tc.to)
			if c := conditions()[tc.id]; c != translation.Current {
				t.Errorf("never recorded: %s, want current", c)
			}
			sitetest.Edit(t, root, tc.file, tc.to, tc.from) // back to the recorded source
			for _, u := range ws.Units("fr") {
				ws.State.Confirm(u, "")
			}
			if err := ws.SaveState(); err != nil {
				t.Fatal(err)
			}
			sitetest.Edit(t, root, tc.file, tc.from, tc.to)
			for id, c := range conditions() {
				if want := map[bool]translation.Condition{true: translation.Outdated, false: translation.Current}[id == tc.id]; c != want {
					t.Errorf("%s is %s, want %s", id, c, want)
				}
			}
			sitetest.Edit(t, root, tc.target, tc.old, tc.new)
			if c := conditions()[tc.id]; c != translation.Current {
				t.Errorf("translation updated: %s, want current", c)
			}
		})
	}
}

func assertProblems(t *testing.T, got diag.List, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], w)
		}
	}
}

// A message that depends on a count is missing while a plural form its
// language needs is: the status counts it, and extract gives it to
// translate.
func TestAMessageWithoutAPluralFormIsMissing(t *testing.T) {
	fr := sitetest.Files(base)["i18n/fr.toml"]
	ws, _ := open(t, sitetest.Archive(map[string]string{"i18n/fr.toml": strings.Replace(fr, "many = \"{{ .Count }} d’événements\"\n", "", 1)}))
	st := ws.Status("fr")
	if st.Total.Missing != 1 || len(st.Items) != 1 || st.Items[0].ID != "i18n#count" {
		t.Errorf("status: %+v", st.Items)
	}
	extract, n := ws.Extract("fr")
	if n != 1 || !strings.Contains(string(extract), "[count]\nhash = ") || !strings.Contains(string(extract), "many = ") {
		t.Errorf("extract holds %d texts:\n%s", n, extract)
	}
}

// The editors' rules of usage (the project's own data/usage.toml) are
// warned about at the form itself: whole words, in any case, whatever
// spaces are between them, and a pattern at its first group.
func TestUsage(t *testing.T) {
	rules, err := os.ReadFile("../../data/usage.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, text, want, at string }{
		{"fr", "Des acteurs très sophistiqués", "« sophistiqué », a calque", "sophistiqués"},
		{"fr", "Des acteurs Sophistiqués", "« sophistiqué », a calque", "Sophistiqués"},
		{"fr", "Après une déconfliction avec le SCRS", "« déconfliction », which is not French", "déconfliction"},
		{"fr", "Des indicateurs de compromission techniques", "« indicateurs de compromission techniques »", "indicateurs"},
		{"fr", "Relever sa posture de cybersécurité", "« posture de sécurité », a calque", "posture"},
		{"fr", "Voir les termes dans cette\u00a0page", "« dans cette page »", "dans"},
		{"fr", "Environ 400\u00a0000 serveurs", "thousands separated", "\u00a0"},
		{"fr", "Environ 400 000 serveurs", "thousands separated", " 000"},
		{"en", "apply your own judgement", "“judgement”", "judgement"},
		{"en", "It was Today.", "wording bound to the day", "Today"},
		// Whole words only; the site's own forms are right.
		{"fr", "Un geste inhabile", "", ""},
		{"fr", "Des indicateurs techniques de compromission et une posture assise, 400\u202f000 serveurs, en 2021 100 fois", "", ""},
		{"en", "the judgment of todays", "", ""},
	} {
		other := map[string]string{"en": `fr = "terme"`, "fr": `en = "term"`}[tc.lang]
		ws, _ := open(t, "-- data/usage.toml --\n"+string(rules)+"-- data/notes.toml --\n[x]\ntext = { "+tc.lang+" = \""+strings.ReplaceAll(tc.text, `"`, `\"`)+"\", "+other+" }\n")
		var got diag.List
		for _, p := range ws.Check(false) {
			if p.Subject == "note/x#text" {
				got = append(got, p)
			}
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q: unexpected %s", tc.text, got[0])
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tc.want) || got[0].Hint == ""):
			t.Errorf("%q: want one warning %q with a fix, got %v", tc.text, tc.want, got)
		case tc.want != "":
			// The text starts at column 16: text = { xx = "
			if col := 16 + utf8.RuneCountInString(tc.text[:strings.Index(tc.text, tc.at)]); got[0].Col != col {
				t.Errorf("%q: the warning is at column %d, want %d (%q)", tc.text, got[0].Col, col, tc.at)
			}
		}
	}
}

// A rule the tool cannot use is an error at its place in the file, which
// says what a rule is; the others still apply.
func TestUsageFileProblems(t *testing.T) {
	_, problems := translation.Open(func() *content.Site {
		root := t.TempDir()
		sitetest.Write(t, root, sitetest.Files(base))
		sitetest.Write(t, root, sitetest.Files("-- data/usage.toml --\n"+
			"[[fr]]\nwords = [\"x\"]\nwhat = \"w\"\nfix = \"f\"\ncolour = \"red\"\n\n"+
			"[[fr]]\npattern = \"(unclosed\"\nwhat = \"w\"\nfix = \"f\"\n\n"+
			"[[fr]]\nwords = [\"y\"]\nfix = \"f\"\n\n"+
			"[[de]]\nwords = [\"z\"]\nwhat = \"w\"\nfix = \"f\"\n\n"+
			"[[fr]]\npattern = \"(x*)\"\nwhat = \"w\"\nfix = \"f\"\n"))
		p, problems := project.Open(root)
		if problems != nil {
			t.Fatal(problems)
		}
		site, _ := content.Load(p)
		return site
	}())
	var got []string
	for _, p := range problems {
		if p.File == "data/usage.toml" {
			got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Message))
		}
	}
	want := []string{
		`5:11: "colour" is not a key of a rule of usage`,
		"8:12: the pattern is not a regular expression: missing closing ): `(unclosed`",
		"12:1: the rule has no what",
		`16:3: "de" is not a language of the site`,
		"22:12: the pattern matches an empty text, so every text would break the rule",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
