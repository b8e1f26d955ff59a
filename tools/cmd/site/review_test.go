package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/translation"
)

// reviewedText is a row of a review page: a text beside its translation.
type reviewedText struct {
	source, sourceLang    string
	target, targetLang    string
	state, place, changes string
	since                 string
	warnings              []string
}

// reviewedTexts reads the rows of a review page, by text id.
func reviewedTexts(t *testing.T, page string) map[string]reviewedText {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]reviewedText{}
	sitetest.Elements(doc, func(tr *html.Node) {
		if tr.Data != "tr" || sitetest.Attr(tr, "id") == "" {
			return
		}
		var r reviewedText
		sitetest.Elements(tr, func(n *html.Node) {
			switch {
			case sitetest.HasClass(n, "preview-review__changes"):
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					html.Render(&b, c)
				}
				r.changes = b.String()
			case sitetest.HasClass(n, "preview-review__text") && r.sourceLang == "":
				r.source, r.sourceLang = sitetest.Text(n), sitetest.Attr(n, "lang")
			case sitetest.HasClass(n, "preview-review__text"):
				r.target, r.targetLang = sitetest.Text(n), sitetest.Attr(n, "lang")
			case sitetest.HasClass(n, "preview-review__state"):
				r.state = sitetest.Text(n)
			case sitetest.HasClass(n, "preview-review__place"):
				r.place = sitetest.Text(n)
			case sitetest.HasClass(n, "preview-review__since"):
				r.since = sitetest.Text(n)
			case n.Data == "li" && n.Parent != nil && sitetest.HasClass(n.Parent, "preview-review__warnings"):
				r.warnings = append(r.warnings, sitetest.Text(n))
			}
		})
		rows[sitetest.Attr(tr, "id")] = r
	})
	return rows
}

// sameTexts checks that the review of an item shows each of its texts
// into French as the workspace has it, and no other; it returns how many.
func sameTexts(t *testing.T, ws *translation.Workspace, it *content.Item, rows map[string]reviewedText) int {
	t.Helper()
	units := 0
	for _, u := range ws.Units("fr") {
		if u.Text == nil || u.Text.Item != it {
			continue
		}
		units++
		file, line, col := u.Where(ws.Project)
		got, want := rows[u.ID], reviewedText{source: strings.TrimSpace(u.Source), sourceLang: "en", state: string(ws.State.Condition(u)), place: fmt.Sprintf("%s:%d:%d", file, line, col)}
		if u.Target != "" {
			want.target, want.targetLang = u.Target, "fr"
		}
		got.changes, got.since, got.warnings = "", "", nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: shown as %+v, want %+v", u.ID, got, want)
		}
	}
	if units < 2 || len(rows) != units {
		t.Errorf("the review of %s shows %d texts, the item has %d", it.ID, len(rows), units)
	}
	return units
}

// indexCounts reads the review index: what is left to do in French, by
// the address of each item's review.
func indexCounts(t *testing.T, page string) map[string]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]string{}
	sitetest.Elements(doc, func(tr *html.Node) {
		if tr.Data != "tr" {
			return
		}
		var href, count string
		sitetest.Elements(tr, func(n *html.Node) {
			switch n.Data {
			case "a":
				href = sitetest.Attr(n, "href")
			case "td":
				count = sitetest.Text(n)
			}
		})
		if href != "" {
			counts[href] = count
		}
	})
	return counts
}

// The preview's review of a page shows each text of its item beside its
// translation, with its id, its state, where the translation is written
// and, for an outdated one, what changed in the English; the index lists
// the item with what is left to do. Both are valid HTML.
func TestPreviewReviewsAPagesTranslations(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "An event on the first of the month.", "An event on the first working day of the month.")
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.fr = "Connu seulement par son mois."`, "")
	// A page's body is reviewed block by block.
	sitetest.Edit(t, root, "content/bulletins/fixture-bulletin.en.md", "Detection needs logs;", "Detection needs logs and alerts;")
	// What site check warns about in a translation is shown with it.
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "inscrit en premier dans le fichier.", "inscrit d'abord dans le fichier.")
	s, _ := startPreview(t, root)

	status, page := get(t, address(s, "/_review/en/timelines/fixture/"))
	if status != http.StatusOK {
		t.Fatalf("the review page: %d\n%s", status, page)
	}
	rows := reviewedTexts(t, page)
	const (
		outdated = "timeline/fixture#events[2021-03-01-first-of-month].text"
		missing  = "timeline/fixture#events[2021-03-month-only].text"
		current  = "timeline/fixture#events[2022-07-14-later].text"
	)
	var outdatedBlock string // the id of the bulletin body's second block
	for id, want := range map[string]reviewedText{
		outdated: {source: "An event on the first working day of the month.", target: "Un événement le premier du mois.", state: "outdated",
			changes: "An event on the first <ins>working day </ins>of the month."},
		missing: {source: "Known only by its month.", state: "missing"},
		current: {source: "A later event, listed first in the file.", target: "Un événement plus tardif, inscrit d'abord dans le fichier.", state: "current"},
	} {
		got := rows[id]
		if got.source != want.source || got.target != want.target || got.state != want.state || got.changes != want.changes {
			t.Errorf("%s: shown as %+v, want %+v", id, got, want)
		}
	}
	if w := rows[current].warnings; len(w) != 1 || !strings.HasPrefix(w[0], "a straight apostrophe in ") {
		t.Errorf("the translation with a straight apostrophe is shown with the warnings %q", w)
	}
	if w := rows[outdated].warnings; len(w) > 0 {
		t.Errorf("a translation without a problem is shown with the warnings %q", w)
	}
	if since := rows[outdated].since; !strings.Contains(since, "has changed since this translation was recorded") {
		t.Errorf("the outdated text does not say since when: %q", since)
	}
	// Every text of the item, as the workspace has it, and no other; and
	// so for a page's body, block by block.
	ws, _, err := load(root)
	if err != nil {
		t.Fatal(err)
	}
	units := sameTexts(t, ws, ws.Site.Item("timeline", "fixture"), rows)
	status, bulletin := get(t, address(s, "/_review/en/bulletins/fixture-bulletin/"))
	if status != http.StatusOK {
		t.Fatalf("the bulletin's review: %d\n%s", status, bulletin)
	}
	blocks := reviewedTexts(t, bulletin)
	for _, u := range ws.Units("fr") {
		if u.Block != nil && u.Text.ID == "bulletin/fixture-bulletin#body" && strings.HasPrefix(u.Source, "A firewall") {
			outdatedBlock = u.ID
		}
	}
	sameTexts(t, ws, ws.Site.Item("bulletin", "fixture-bulletin"), blocks)
	changed := "A firewall filters traffic, but an exploit of a known vulnerability goes\nthrough it. Detection needs <del>logs;</del><ins>logs and alerts;</ins> privilege escalation follows compromise.\nFirewalls are mentioned again here, and only the first use is linked."
	n := 0
	for id := range blocks {
		if strings.HasPrefix(id, "bulletin/fixture-bulletin#body[") {
			n++
		}
	}
	if n != 2 || blocks[outdatedBlock].changes != changed || blocks[outdatedBlock].state != "outdated" {
		t.Errorf("the bulletin's review shows %d blocks of its body, its second as %+v, with the changes\n%s", n, blocks[outdatedBlock], changed)
	}
	if !strings.Contains(rows[missing].place, "data/timelines/fixture.toml:") {
		t.Errorf("the missing text's place: %q", rows[missing].place)
	}

	// The French page's review is the same item's, in French words.
	status, fr := get(t, address(s, "/_review/fr/chronologies/chronologie-essai/"))
	if frRows := reviewedTexts(t, fr); status != http.StatusOK || frRows[outdated].state != "à mettre à jour" || frRows[missing].state != "manquante" || len(frRows) != units {
		t.Errorf("the French page's review: %d\n%s", status, fr)
	}

	// The index lists the item, with what is left to do, linked to its
	// review.
	status, index := get(t, address(s, "/_review/"))
	if counts := indexCounts(t, index); status != http.StatusOK || counts["/_review/en/timelines/fixture/"] != "1 to translate, 1 to update" ||
		counts["/_review/en/backgrounders/fixture-backgrounder/"] != "current" {
		t.Errorf("the review index: %d, %q\n%s", status, counts, index)
	}
	if status, _ := get(t, address(s, "/_review/en/nowhere/")); status != http.StatusNotFound {
		t.Errorf("the review of no page: %d", status)
	}

	// Valid HTML, with its stylesheet.
	dir := t.TempDir()
	_, css := get(t, address(s, "/_preview/review.css"))
	files := map[string]string{"review.html": page, "review-fr.html": fr, "bulletin.html": bulletin, "index.html": index, "review.css": css}
	var paths []string
	for name, content := range files {
		paths = append(paths, filepath.Join(dir, name))
		if err := os.WriteFile(paths[len(paths)-1], []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range sitetest.VNU(t, paths...) {
		t.Error(e)
	}
}

// The review pages are the preview's alone: a build publishes none, nor
// links to them.
func TestBuildHasNoReviewPages(t *testing.T) {
	dest := build(t, fixture(t), "--search=false")
	for name, content := range tree(t, dest) {
		if strings.Contains(name, "_review") || strings.Contains(content, "_review") {
			t.Errorf("the build's %s is or names a review page", name)
		}
	}
}
