package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// TestCatalogueCode: Hugo's T runs a catalogue message as a Go template,
// so a message that holds code runs it in every build. Each case replaces
// one message of the fixture's French catalogue (a catalogue must hold
// every message, which a bad-input archive, replacing whole files, cannot
// keep up with) and wants exactly these problems from site build, and
// public/ as it was.
func TestCatalogueCode(t *testing.T) {
	const hint = "a message is text only, as its English: remove it"
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{
			// A function printed its result: {{ len "abc" }} showed 3.
			name: "a function",
			old:  `other = "Notes de bas de page"`, new: "other = \"Notes {{ len `abc` }}\"",
			want: []string{"i18n/fr.toml:142:16: message \"footnotesHeading\": the message holds {{ len `abc` }}: Hugo would run it as code; " + hint},
		},
		{
			// A range passed site check and ended the build out of memory.
			name: "a range",
			old:  `other = "Notes de bas de page"`, new: `other = "Notes {{ range 1000000000 }}x{{ end }}"`,
			want: []string{`i18n/fr.toml:142:16: message "footnotesHeading": the message holds {{ range 1000000000 }}: Hugo would run it as code; ` + hint},
		},
		{
			// A pipeline on a placeholder is code, not the placeholder; it
			// is said once, not again as a missing placeholder.
			name: "a pipeline on a placeholder",
			old:  `other = "Note de bas de page {{ .Number }}"`, new: "other = \"Note {{ .Number | printf `%05d` }}\"",
			want: []string{"i18n/fr.toml:145:15: message \"footnoteRef\": the message holds {{ .Number | printf `%05d` }}: Hugo would run it as code; a message is text with the placeholders of its English ({{ .Number }}) and nothing else: remove it"},
		},
		{
			// Trim markers do not hide an action from the parser.
			name: "trim markers",
			old:  `other = "Retour au texte"`, new: "other = \"Retour {{- printf `x` -}}\"",
			want: []string{"i18n/fr.toml:148:17: message \"footnoteBack\": the message holds {{- printf `x` -}}: Hugo would run it as code; " + hint},
		},
		{
			// Other delimiters are go-i18n's too: the parser reads with them.
			name: "the message's own delimiters",
			old:  "[footnoteBack]\nother = \"Retour au texte\"", new: "[footnoteBack]\nleftDelim = \"<<\"\nrightDelim = \">>\"\nother = \"Retour << len `abc` >>\"",
			want: []string{"i18n/fr.toml:150:17: message \"footnoteBack\": the message holds << len `abc` >>: Hugo would run it as code; " + hint},
		},
		{
			// An escaped quote in the file: the column is still the code's.
			name: "an escape before the code",
			old:  `other = "Retour au texte"`, new: `other = "Retour\\ {{ len 1 }}"`,
			want: []string{`i18n/fr.toml:148:19: message "footnoteBack": the message holds {{ len 1 }}: Hugo would run it as code; ` + hint},
		},
		{
			// A template comment is dropped: readers would lose the words.
			name: "a comment",
			old:  `other = "Retour au texte"`, new: `other = "Retour {{/* au texte */}}"`,
			want: []string{`i18n/fr.toml:148:17: message "footnoteBack": the message holds {{/* au texte */}}: a template comment, which Hugo would drop; ` + hint},
		},
		{
			// An action Hugo cannot parse stops the build with Hugo's error.
			name: "an unclosed action",
			old:  `other = "Retour au texte"`, new: `other = "Retour {{ .Count }"`,
			want: []string{`i18n/fr.toml:148:17: message "footnoteBack": the message holds {{ .Count }: Hugo cannot read it as a template (unexpected "}" in operand); ` + hint},
		},
		{
			// The search page's address: "../en" put the French search
			// page in the place of the English home page.
			name: "an address that climbs",
			old:  `other = "recherche"`, new: `other = "../en"`,
			want: []string{`i18n/fr.toml:179:10: message "searchAddress": the message is the last part of a page's address, and "../en" cannot be one; use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`},
		},
		{
			// A bidirectional control, which imports refused, passed the
			// check when written in the catalogue itself.
			name: "a bidirectional control",
			old:  `other = "Retour au texte"`, new: "other = \"Retour \u202eau texte\"",
			want: []string{`i18n/fr.toml:148:17: message "footnoteBack": the message holds the invisible control character U+202E; delete it: retype the text around it if it came from a copy and paste`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			sitetest.Edit(t, root, "i18n/fr.toml", tc.old, tc.new)
			expectRefused(t, root, tc.want)
		})
	}
}

// TestFootnoteLabelsAreText builds the fixture with footnote labels that
// hold markup: they were put into the page with printf and marked safe,
// so that an image with an event handler and an attribute closed early
// were live HTML. They must read as the text they are.
func TestFootnoteLabelsAreText(t *testing.T) {
	const (
		heading = `Notes <img src=x onerror=alert(1)>`
		back    = `Retour" onmouseover="alert(1)`
		ref     = `Note $0 & {{ .Number }}`
	)
	root := fixture(t)
	sitetest.Edit(t, root, "i18n/fr.toml", `other = "Notes de bas de page"`, `other = "Notes <img src=x onerror=alert(1)>"`)
	sitetest.Edit(t, root, "i18n/fr.toml", `other = "Retour au texte"`, `other = "Retour\" onmouseover=\"alert(1)"`)
	sitetest.Edit(t, root, "i18n/fr.toml", `other = "Note de bas de page {{ .Number }}"`, `other = "Note $0 & {{ .Number }}"`)
	mustRun(t, "check", "--source", root)
	dest := build(t, root, "--search=false")
	page := filepath.Join(dest, "fr", "rapports", "rapport-essai", "index.html")
	if _, err := os.Stat(page); err != nil {
		matches, _ := filepath.Glob(filepath.Join(dest, "fr", "*", "*", "index.html"))
		t.Fatalf("no French report page: %v; pages: %q", err, matches)
	}
	doc := sitetest.ParseHTML(t, page)
	var headings, backs, refs []string
	sitetest.Elements(doc, func(n *html.Node) {
		switch {
		case n.Data == "img" && sitetest.Attr(n, "src") == "x" || sitetest.Attr(n, "onerror") != "" || sitetest.Attr(n, "onmouseover") != "": // the report's chart is an image too
			t.Errorf("a label became markup: <%s> %v", n.Data, n.Attr)
		case n.Data == "h2" && sitetest.Attr(n, "id") == "footnotes-heading":
			headings = append(headings, sitetest.Text(n))
		case sitetest.HasClass(n, "footnote-backref"):
			backs = append(backs, sitetest.Attr(n, "aria-label"))
		case sitetest.HasClass(n, "footnote-ref"):
			refs = append(refs, sitetest.Attr(n, "aria-label"))
		}
	})
	if len(headings) != 1 || headings[0] != heading {
		t.Errorf("the notes' heading reads %q, want %q", headings, heading)
	}
	if len(backs) != 1 || backs[0] != back {
		t.Errorf("the link back reads %q, want %q", backs, back)
	}
	if want := strings.Replace(ref, "{{ .Number }}", "1", 1); len(refs) != 1 || refs[0] != want {
		t.Errorf("the link to the note reads %q, want %q", refs, want)
	}
}
