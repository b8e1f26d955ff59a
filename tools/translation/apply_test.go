package translation_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/cyberpub/site/tools/translation"
)

// Each case removes French texts of one kind, has them translated (by
// merging a goi18n file, as a translator's tool would give it back), and
// checks the files: the translations are where they belong, written as
// their neighbours are, every other byte is as it was, and the site reads
// the same texts back, all of them current.
func TestTranslationsAreWrittenWhereTheyBelong(t *testing.T) {
	tricky := "« Guillemets », \"quotes\", a back\\slash,\nand a second line \"\"\" with ''' quotes"
	for _, tc := range []struct {
		name  string
		files string            // the site before, over the base
		texts map[string]string // id → translation
		want  map[string]string // file → its bytes after
	}{
		{
			name:  "beside its English in an inline table",
			files: "-- data/notes.toml --\n[x]\ntext = { en = \"term\" } # the term\n",
			texts: map[string]string{"note/x#text": "terme"},
			want:  map[string]string{"data/notes.toml": "[x]\ntext = { en = \"term\", fr = \"terme\" } # the term\n"},
		},
		{
			name:  "beside its English as a dotted key, indented",
			files: "-- data/notes.toml --\n[x]\n  text.en = 'term'\n  # more\n",
			texts: map[string]string{"note/x#text": "terme"},
			want:  map[string]string{"data/notes.toml": "[x]\n  text.en = 'term'\n  text.fr = 'terme'\n  # more\n"},
		},
		{
			name:  "in a sub-table, with quotes, backslashes and newlines",
			files: "-- data/notes.toml --\n[x.text]\nen = \"\"\"\nterm\n\"\"\"\n",
			texts: map[string]string{"note/x#text": tricky},
			want:  map[string]string{"data/notes.toml": "[x.text]\nen = \"\"\"\nterm\n\"\"\"\nfr = \"\"\"\n« Guillemets », \"quotes\", a back\\\\slash,\nand a second line \"\"\\\" with ''' quotes\n\"\"\"\n"},
		},
		{
			name:  "in place of an outdated translation, in a CRLF file",
			files: "-- data/notes.toml --\n[x]\r\ntext.en = \"term\"\r\ntext.fr = \"\"\"\r\nancien\r\n\"\"\"\r\n",
			texts: map[string]string{"note/x#text": "terme\nsur deux lignes"},
			want:  map[string]string{"data/notes.toml": "[x]\r\ntext.en = \"term\"\r\ntext.fr = \"\"\"\r\nterme\r\nsur deux lignes\r\n\"\"\"\r\n"},
		},
		{
			name:  "a page's title missing from its French file",
			files: "-- content/pages/about.fr.md --\n+++\ndescription = \"Ce que c’est.\"\n+++\nTexte.\n",
			texts: map[string]string{"page/about#title": "À propos"},
			want:  map[string]string{"content/pages/about.fr.md": "+++\ntitle = \"À propos\"\ndescription = \"Ce que c’est.\"\n+++\nTexte.\n"},
		},
		{
			name:  "a page's body, in a CRLF page",
			files: "-- content/pages/about.fr.md --\n+++\r\ntitle = \"À propos\"\r\ndescription = \"Ce que c’est.\"\r\n+++\r\n\r\nAncien texte.\r\n",
			texts: map[string]string{"page/about#body[b1]": "Nouveau paragraphe,\nsur deux lignes."},
			want:  map[string]string{"content/pages/about.fr.md": "+++\r\ntitle = \"À propos\"\r\ndescription = \"Ce que c’est.\"\r\n+++\r\n\r\nNouveau paragraphe,\r\nsur deux lignes.\r\n"},
		},
		{
			// The English page's front matter, its texts translated or left
			// out, and no address of its own: what is not translated yet is
			// missing, not English.
			name:  "a page that has no French file yet",
			files: "-- content/pages/new.en.md --\n+++\n# The new page.\ntitle = \"New\"\ndescription = \"A new page.\"\nslug = \"new-page\"\n+++\nNew text.\n",
			texts: map[string]string{"page/new#title": "Nouveau", "page/new#body[b1]": "Nouveau texte."},
			want:  map[string]string{"content/pages/new.fr.md": "+++\n# The new page.\ntitle = \"Nouveau\"\n+++\nNouveau texte.\n"},
		},
		{
			name:  "a source's title in a page",
			files: "-- content/pages/about.en.md --\n+++\ntitle = \"About\"\n[[sources]]\ntitle = \"Report\"\nurl = \"https://example.org/r\"\n+++\nText.\n-- content/pages/about.fr.md --\n+++\ntitle = \"À propos\"\n[[sources]]\ntitle = \"\"\nurl = \"https://example.org/r\"\n+++\nTexte.\n",
			texts: map[string]string{"page/about#sources[1].title": "Rapport"},
			want:  map[string]string{"content/pages/about.fr.md": "+++\ntitle = \"À propos\"\n[[sources]]\ntitle = \"Rapport\"\nurl = \"https://example.org/r\"\n+++\nTexte.\n"},
		},
		{
			// A source's title is not its page's title; one not translated
			// yet is left empty, for status and site check to report.
			name:  "a page with sources that has no French file yet",
			files: "-- content/pages/new.en.md --\n+++\ntitle = \"New\"\n[[sources]]\ntitle = \"Report\"\n[[sources]]\ntitle = \"Notice\"\n+++\nNew text.\n",
			texts: map[string]string{"page/new#title": "Nouveau", "page/new#sources[2].title": "Avis", "page/new#body[b1]": "Nouveau texte."},
			want:  map[string]string{"content/pages/new.fr.md": "+++\ntitle = \"Nouveau\"\n[[sources]]\ntitle = \"\"\n[[sources]]\ntitle = \"Avis\"\n+++\nNouveau texte.\n"},
		},
		{
			name:  "a page's body after a closing +++ with no line end",
			files: "-- content/pages/about.fr.md --\n+++\ntitle = \"À propos\"\ndescription = \"Ce que c’est.\"\n+++",
			texts: map[string]string{"page/about#body[b1]": "Texte."},
			want:  map[string]string{"content/pages/about.fr.md": "+++\ntitle = \"À propos\"\ndescription = \"Ce que c’est.\"\n+++\nTexte.\n"},
		},
		{
			// A translator's file with CRLF line ends brings CRLF texts.
			name:  "a text with CRLF line ends into an LF file",
			files: "-- data/notes.toml --\n[x]\ntext.en = \"term\"\n",
			texts: map[string]string{"note/x#text": "terme\r\nsur deux lignes"},
			want:  map[string]string{"data/notes.toml": "[x]\ntext.en = \"term\"\ntext.fr = \"\"\"\nterme\nsur deux lignes\"\"\"\n"},
		},
		{
			name:  "plural forms of a message written as key = \"…\"",
			files: "-- i18n/fr.toml --\ncount = \"{{ .Count }} événements\"\n\n[title]\nother = \"Accueil\"\n",
			texts: map[string]string{"i18n#count.one": "{{ .Count }} événement", "i18n#count.many": "{{ .Count }} d’événements"},
			want:  map[string]string{"i18n/fr.toml": "count = { one = \"{{ .Count }} événement\", many = \"{{ .Count }} d’événements\", other = \"{{ .Count }} événements\" }\n\n[title]\nother = \"Accueil\"\n"},
		},
		{
			name:  "a message the French catalogue lacks, and a plural form another lacks",
			files: "-- i18n/fr.toml --\n[count]\none = \"{{ .Count }} événement\"\nother = \"{{ .Count }} événements\"\n",
			texts: map[string]string{"i18n#title.other": "Accueil", "i18n#count.many": "{{ .Count }} d’événements"},
			want:  map[string]string{"i18n/fr.toml": "[count]\nmany = \"{{ .Count }} d’événements\"\none = \"{{ .Count }} événement\"\nother = \"{{ .Count }} événements\"\n\n[title]\nother = \"Accueil\"\n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, root := open(t, tc.files)
			before := sitetest.Snapshot(t, root)
			// One table per text, or per message with its forms.
			tables := map[string][]string{}
			for id, text := range tc.texts {
				key, form := id, "other"
				if k, ok := model.MessageKey(id); ok {
					key, form, _ = strings.Cut(k, ".")
				}
				tables[key] = append(tables[key], fmt.Sprintf("%s = %s\n", form, tomlfile.Quote(text)))
			}
			var merge strings.Builder
			for key, lines := range tables {
				fmt.Fprintf(&merge, "[%s]\n%s", tomlfile.Key(key), strings.Join(lines, ""))
			}
			r, err := ws.Merge("fr", "translate.fr.toml", strings.NewReader(merge.String()), false)
			if err != nil {
				t.Fatal(err)
			}
			if r.Imported != len(tc.texts) {
				t.Errorf("%d translations written, want %d", r.Imported, len(tc.texts))
			}
			after := sitetest.Snapshot(t, root)
			for file, content := range after {
				switch want, ok := tc.want[file]; {
				case ok && content != want:
					t.Errorf("%s:\n%s\nwant:\n%s", file, content, want)
				case !ok && file != "translation-state.toml" && content != before[file]:
					t.Errorf("%s changed:\n%s", file, content)
				}
			}
			// The site reads back every translation, and each is current.
			ws = reopen(t, root)
			for _, u := range ws.Units("fr") {
				for id, text := range tc.texts {
					if strings.HasPrefix(id, u.ID) && u.Message == nil && u.Target != strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n") {
						t.Errorf("%s reads back as %q, want %q", id, u.Target, text)
					}
				}
				if _, translated := tc.texts[u.ID]; translated && ws.State.Condition(u) != translation.Current {
					t.Errorf("%s is %s after the merge", u.ID, ws.State.Condition(u))
				}
			}
		})
	}
}

// A merge checks each translation as site check does: a message with a
// straight apostrophe is merged with a warning at its line in the file,
// and refused, nothing written, when strict.
func TestMergeWarnsAtTheTranslation(t *testing.T) {
	const file = "[title]\nother = \"L'accueil\"\n"
	ws, root := open(t)
	before := sitetest.Snapshot(t, root)
	if _, err := ws.Merge("fr", "translate.fr.toml", strings.NewReader(file), true); err == nil || !strings.Contains(err.Error(), "translate.fr.toml:2:10: title.other: a straight apostrophe") {
		t.Errorf("strict merge: %v, want the straight apostrophe refused at translate.fr.toml:2:10", err)
	}
	for f, content := range sitetest.Snapshot(t, root) {
		if before[f] != content {
			t.Errorf("strict merge refused: %s changed", f)
		}
	}
	r, err := reopen(t, root).Merge("fr", "translate.fr.toml", strings.NewReader(file), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].String() != "translate.fr.toml:2:10: warning: title.other: a straight apostrophe in \"L'accueil\"; use the typographic apostrophe ’ (U+2019), as in l’équipe and aujourd’hui" {
		t.Errorf("merge warnings: %v", r.Warnings)
	}
	if r.Imported != 1 {
		t.Errorf("merge: %d translations written, want 1", r.Imported)
	}
}
