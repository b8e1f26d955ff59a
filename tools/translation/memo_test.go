package translation_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// A check that remembers what it found in each text (the preview's) finds
// what a check of every text finds, after each change: to a text, which
// moves the others of its file; to the glossary the terminology is
// checked against; to the translation state.
func TestAMemoFindsWhatACheckOfEveryTextFinds(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	memo := translation.NewMemo()
	check := func(what string, found ...string) {
		t.Helper()
		p, problems := project.Open(root)
		if problems != nil {
			t.Fatal(problems)
		}
		site, _ := content.Load(p)
		ws, _ := translation.Open(site)
		want := ws.Check(false)
		for _, f := range found {
			if !strings.Contains(want.Error(), f) {
				t.Errorf("%s: the check finds no %q:\n%v", what, f, want)
			}
		}
		ws.Memo = memo
		if got := ws.Check(false); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the memo:\n%v\nwithout:\n%v", what, got, want)
		}
		if got, want := outdated(ws), outdated(&translation.Workspace{Project: ws.Project, Site: ws.Site, Catalogues: ws.Catalogues, State: ws.State}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the outdated translations with the memo:\n%v\nwithout:\n%v", what, got, want)
		}
	}
	const timeline = "data/timelines/fixture.toml"
	check("the fixture")
	sitetest.Edit(t, root, timeline, `text.fr = "Un événement plus tardif, inscrit en premier dans le fichier."`,
		"text.fr = \"Un \\\"exploit\\\"\u00a0: l'événement plus tardif, inscrit en premier dans le fichier.\"")
	sitetest.Edit(t, root, timeline, `text.en = "An event on the first of the month."`, `text.en = "A firewall, on the first of the month."`)
	check("a text breaking typography, and a term left out of a translation", "straight apostrophe", `glossary term "firewall"`)
	sitetest.Edit(t, root, "data/glossary.toml", `forms.en = ["firewalls"]`, `forms.en = ["firewalls"]`+"\nforms.fr = [\"le premier du mois\"]")
	check("the glossary's forms, which the translation now has")
	sitetest.Edit(t, root, timeline, "slug.fr    = \"chronologie-essai\"", "# A comment moves every text down.\nslug.fr    = \"chronologie-essai\"")
	check("every text of the file one line down")
	sitetest.Write(t, root, map[string]string{"translation-state.toml": "[fr.units]\n\"timeline/fixture#title\" = { source = \"sha1-0\", target = \"" + translation.Hash("Chronologie d’essai") + "\" }\n"})
	check("an outdated translation", "translation is outdated")
}

// outdated lists the outdated units of a workspace: their ids, texts and
// hashes.
func outdated(ws *translation.Workspace) []string {
	var units []string
	for lang, us := range ws.Outdated() {
		for _, u := range us {
			units = append(units, fmt.Sprintf("%s %s %q %q %s %s", lang, u.ID, u.Source, u.Target, u.SourceHash, u.TargetHash))
		}
	}
	return units
}
