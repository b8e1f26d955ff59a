package translation_test

import (
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// The termbase, checked on the site's side: a translation of a text that
// uses a glossary term (here "firewall", in French "pare-feu") uses one of
// the term's French forms, or site check says so, at the translation.
func TestTerminology(t *testing.T) {
	const (
		timeline = "data/timelines/fixture.toml"
		bulletin = "content/bulletins/fixture-bulletin.fr.md"
	)
	event := func(en, fr string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) {
			sitetest.Edit(t, root, timeline, `text.en = "An event on the first of the month."`, `text.en = "`+en+`"`)
			sitetest.Edit(t, root, timeline, `text.fr = "Un événement le premier du mois."`, `text.fr = "`+fr+`"`)
		}
	}
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, root string)
		want string // the warning, as printed; "" for none
	}{
		{"the French term", event("A firewall failed.", "Un pare-feu a cédé."), ""},
		{"translated another way", event("A firewall failed.", "Un coupe-feu a cédé."),
			`data/timelines/fixture.toml:36:12: warning: timeline/fixture#events[2021-03-01-first-of-month].text: the source uses the glossary term "firewall", and the translation none of its Français forms: "pare-feu"; translate it as the glossary does, or, if this form is right, add it to the forms of term "firewall" in data/glossary.toml`},
		{"another form of the term", event("Two firewalls failed.", "Deux pare-feu ont cédé."), ""},
		{"in another case", event("Firewall rules.", "Règles du Pare-feu."), ""},
		{"inside a longer word", event("Firewalling, as a verb.", "Filtrage, comme verbe."), ""},
		{"in a title, in italics", event("*Firewall Basics*, a guide.", "*Firewall Basics*, un guide."), ""},
		{"no term at all", event("A router failed.", "Un routeur a cédé."), ""},
		{"before an apostrophe", event("The firewall's rules.", "Les règles du coupe-feu."),
			`data/timelines/fixture.toml:36:12: warning: timeline/fixture#events[2021-03-01-first-of-month].text: the source uses the glossary term "firewall"`},
		{"in bold", event("A **firewall** failed.", "Un **coupe-feu** a cédé."),
			`data/timelines/fixture.toml:36:12: warning: timeline/fixture#events[2021-03-01-first-of-month].text: the source uses the glossary term "firewall"`},
		{"the French term across a no-break space", event("Privilege escalation.", "Élévation de\u00a0privilèges."), ""},
		{"a block of a page's body", func(t *testing.T, root string) {
			sitetest.Edit(t, root, bulletin, "Un pare-feu filtre le trafic", "Un coupe-feu filtre le trafic")
			sitetest.Edit(t, root, bulletin, "Le pare-feu est de nouveau", "Le coupe-feu est de nouveau")
		}, `content/bulletins/fixture-bulletin.fr.md:18:1: warning: bulletin/fixture-bulletin#body[b2]: the source uses the glossary term "firewall", and the translation none of its Français forms: "pare-feu"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sitetest.New(t, sitetest.Fixture)
			tc.edit(t, root)
			p, problems := project.Open(root)
			if problems != nil {
				t.Fatal(problems)
			}
			site, _ := content.Load(p)
			ws, _ := translation.Open(site)
			var got []string
			for _, prob := range ws.Check(false) {
				if prob.Severity == diag.Warning && strings.Contains(prob.Message, "glossary term") {
					got = append(got, prob.String())
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("unexpected: %v", got)
			case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
				t.Errorf("got %v\nwant %s", got, tc.want)
			}
		})
	}
}
