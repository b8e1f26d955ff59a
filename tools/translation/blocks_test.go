package translation_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/translation"
)

const (
	englishBody = `## What happened

A first paragraph,
wrapped on two lines.

- an item
- another item, with a [link](https://example.org/) and a note[^1]

` + "```\ncode is not translated\n```" + `

A last paragraph.

[^1]: The note.
`
	frenchBody = `## Ce qui s’est passé

Un premier paragraphe, sur une ligne.

* un élément
* un autre élément, avec un [lien](https://example.org/) et une note[^1]

` + "```\ncode is not translated\n```" + `

Un dernier paragraphe.

[^1]: La note.
`
)

// blocksSite is the base site with a page whose body has a block of each
// kind, in English and French, each translation recorded as current.
func blocksSite(t *testing.T) (string, func() map[string]translation.Condition) {
	t.Helper()
	_, root := open(t, "-- content/pages/about.en.md --\n+++\ntitle = \"About\"\n+++\n"+englishBody+
		"-- content/pages/about.fr.md --\n+++\ntitle = \"À propos\"\n+++\n"+frenchBody)
	ws := reopen(t, root)
	for _, u := range ws.Units("fr") {
		ws.State.Confirm(u, "")
	}
	if err := ws.SaveState(); err != nil {
		t.Fatal(err)
	}
	conditions := func() map[string]translation.Condition {
		out := map[string]translation.Condition{}
		ws := reopen(t, root)
		for _, u := range ws.Units("fr") {
			if strings.HasPrefix(u.ID, "page/about#body") {
				out[u.ID] = ws.State.Condition(u)
			}
		}
		return out
	}
	return root, conditions
}

func TestABodyIsTranslatedBlockByBlock(t *testing.T) {
	root, conditions := blocksSite(t)
	ws := reopen(t, root)
	var got []string
	for _, u := range ws.Units("fr") {
		if strings.HasPrefix(u.ID, "page/about#body") {
			got = append(got, fmt.Sprintf("%s %q → %q", u.ID, u.Source, u.Target))
		}
	}
	want := []string{
		`page/about#body[b1] "What happened" → "Ce qui s’est passé"`,
		`page/about#body[b2] "A first paragraph,\nwrapped on two lines." → "Un premier paragraphe, sur une ligne."`,
		`page/about#body[b3] "an item" → "un élément"`,
		`page/about#body[b4] "another item, with a [link](https://example.org/) and a note[^1]" → "un autre élément, avec un [lien](https://example.org/) et une note[^1]"`,
		`page/about#body[b5] "A last paragraph." → "Un dernier paragraphe."`,
		`page/about#body[b6] "The note." → "La note."`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	all := func(c translation.Condition, except map[string]translation.Condition) map[string]translation.Condition {
		out := map[string]translation.Condition{}
		for i := 1; i <= 6; i++ {
			out[fmt.Sprintf("page/about#body[b%d]", i)] = c
		}
		maps.Copy(out, except)
		return out
	}
	if got := conditions(); !maps.Equal(got, all(translation.Current, nil)) {
		t.Fatalf("after confirming: %v", got)
	}

	// One English paragraph changed, rewrapped another: one block outdated.
	sitetest.Edit(t, root, "content/pages/about.en.md", "A last paragraph.", "The last paragraph.")
	sitetest.Edit(t, root, "content/pages/about.en.md", "A first paragraph,\nwrapped", "A first paragraph, wrapped")
	sitetest.Edit(t, root, "content/pages/about.en.md", " on two lines.", "\non two lines.")
	if got, want := conditions(), all(translation.Current, map[string]translation.Condition{"page/about#body[b5]": translation.Outdated}); !maps.Equal(got, want) {
		t.Errorf("one paragraph changed: %v, want %v", got, want)
	}

	// A paragraph added before it (the change undone): missing, at its
	// place; every other block keeps its id.
	sitetest.Edit(t, root, "content/pages/about.en.md", "The last paragraph.", "A new paragraph.\n\nA last paragraph.")
	added := blockID(t, root, "A new paragraph.")
	got2 := conditions()
	if want := all(translation.Current, map[string]translation.Condition{added: translation.Missing}); !maps.Equal(got2, want) {
		t.Errorf("a paragraph added: %v, want %v", got2, want)
	}
	var order []string
	for _, u := range reopen(t, root).Units("fr") {
		order = append(order, u.ID)
	}
	if i := slices.Index(order, added); i < 0 || order[i+1] != "page/about#body[b5]" {
		t.Errorf("the new block is not before the last paragraph: %v", order)
	}
	// Another added before it, before the first is translated: the first
	// keeps its id, so that a translation of it exported meanwhile lands
	// on it.
	sitetest.Edit(t, root, "content/pages/about.en.md", "A new paragraph.", "Another new one.\n\nA new paragraph.")
	if id := blockID(t, root, "A new paragraph."); id != added {
		t.Errorf("a paragraph added before a new one: its id went from %s to %s", added, id)
	}

	// A paragraph removed: the others keep their ids.
	sitetest.Edit(t, root, "content/pages/about.en.md", "## What happened\n\n", "")
	got3 := conditions()
	if _, there := got3["page/about#body[b1]"]; there || got3["page/about#body[b2]"] != translation.Current || got3[added] != translation.Missing {
		t.Errorf("a heading removed: %v", got3)
	}
}

// blockID is the unit id of the block whose English is source.
func blockID(t *testing.T, root, source string) string {
	t.Helper()
	for _, u := range reopen(t, root).Units("fr") {
		if u.Block != nil && u.Source == source {
			return u.ID
		}
	}
	t.Fatalf("no block reads %q", source)
	return ""
}

// An import writes each block's translation in place, in the French
// file's own markup (its list markers, its line breaks); a block the
// French lacks goes after the block before it; a block whose English is
// gone goes too; every other byte stays.
func TestImportRebuildsTheBodyBlockByBlock(t *testing.T) {
	root, _ := blocksSite(t)
	sitetest.Edit(t, root, "content/pages/about.en.md", "A last paragraph.", "A new paragraph.\n\nThe last paragraph.")
	sitetest.Edit(t, root, "content/pages/about.en.md", "- an item\n", "")
	ws := reopen(t, root)
	// A block changed and one added beside it, at once: the first of the
	// two takes the changed block's id (b5), the second is new.
	r, err := ws.Merge("fr", "translate.fr.toml", strings.NewReader("[\"page/about#body[b4]\"]\nother = \"un autre élément, *traduit de nouveau*\"\n"+
		"[\"page/about#body[b5]\"]\nother = \"Un nouveau paragraphe.\"\n"+
		"[\""+blockID(t, root, "The last paragraph.")+"\"]\nother = \"Le dernier paragraphe.\"\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 3 {
		t.Errorf("imported %d", r.Imported)
	}
	want := "+++\ntitle = \"À propos\"\n+++\n" + strings.NewReplacer(
		"* un élément\n", "",
		"* un autre élément, avec un [lien](https://example.org/) et une note[^1]", "* un autre élément, *traduit de nouveau*",
		"Un dernier paragraphe.", "Un nouveau paragraphe.\n\nLe dernier paragraphe.",
	).Replace(frenchBody)
	if got := sitetest.Snapshot(t, root)["content/pages/about.fr.md"]; got != want {
		t.Errorf("the French page:\n%s\nwant:\n%s", got, want)
	}
	for _, u := range reopen(t, root).Units("fr") {
		if c := ws.State.Condition(u); strings.HasPrefix(u.ID, "page/about#body") && c != translation.Current {
			t.Errorf("%s is %s after the import", u.ID, c)
		}
	}
}

// A new French page is held to the same: a block is translated by one.
func TestABlockOfANewPageIsTranslatedByOneBlock(t *testing.T) {
	_, root := open(t, "-- content/pages/new.en.md --\n+++\ntitle = \"New\"\n+++\nP1.\n\nP2.\n")
	before := sitetest.Snapshot(t, root)
	_, err := reopen(t, root).Merge("fr", "translate.fr.toml", strings.NewReader("[\"page/new#body[b1]\"]\nother = \"Deux\\n\\nparagraphes.\"\n"), false)
	if err == nil || !strings.Contains(err.Error(), `translate.fr.toml:2:10: "page/new#body[b1]".other: the translation is not one paragraph`) {
		t.Errorf("a new page's block as two: %v", err)
	}
	if !maps.Equal(before, sitetest.Snapshot(t, root)) {
		t.Error("files changed")
	}
}

// A translation that would change the page's structure is refused whole.
func TestABlockIsTranslatedByOneBlock(t *testing.T) {
	root, _ := blocksSite(t)
	before := sitetest.Snapshot(t, root)
	for _, text := range []string{"Deux\n\nparagraphes.", "Un titre\n## caché", "Une ligne\n- et une liste"} {
		_, err := reopen(t, root).Merge("fr", "translate.fr.toml", strings.NewReader("[\"page/about#body[b2]\"]\nother = "+fmt.Sprintf("%q", text)+"\n"), false)
		if err == nil || !strings.Contains(err.Error(), `translate.fr.toml:2:10: "page/about#body[b2]".other: the translation is not one paragraph`) {
			t.Errorf("%q: %v", text, err)
		}
		if !maps.Equal(before, sitetest.Snapshot(t, root)) {
			t.Fatalf("%q: files changed", text)
		}
	}
}

// What an import keeps of the French body's structure: code between
// blocks, the blank line that ends a list, a list's own markers; and a new
// French page made from the English, its code kept.
func TestImportKeepsTheStructureOfTheBody(t *testing.T) {
	for _, tc := range []struct {
		name, en, fr, newEn string
		texts               map[string]string // the block's English → its translation
		want                string            // the French body after
	}{
		{
			name: "a paragraph removed before code",
			en:   "P1.\n\n```\ncode\n```\n\nP2.\n\nP3.\n", fr: "FP1.\n\n```\ncode\n```\n\nFP2.\n\nFP3.\n",
			newEn: "```\ncode\n```\n\nP2.\n\nP3 changed.\n", texts: map[string]string{"P3 changed.": "FP3 changé."},
			want: "```\ncode\n```\n\nFP2.\n\nFP3 changé.\n",
		},
		{
			name: "the last item of a list removed",
			en:   "- a\n- b\n\nPara.\n", fr: "* fa\n* fb\n\nFpara.\n",
			newEn: "- a changed\n\nPara.\n", texts: map[string]string{"a changed": "fa changé"},
			want: "* fa changé\n\nFpara.\n",
		},
		{
			// The changed paragraph is paired with the paragraph, not with
			// the heading removed before it.
			name: "a heading removed and the paragraph after it changed",
			en:   "## Head\n\nPara.\n\nLast.\n", fr: "## FHead\n\nFpara.\n\nFlast.\n",
			newEn: "Para changed.\n\nLast.\n", texts: map[string]string{"Para changed.": "Fpara changé."},
			want: "Fpara changé.\n\nFlast.\n",
		},
		{
			name: "an item added to a list",
			en:   "- a\n- b\n", fr: "* fa\n* fb\n",
			newEn: "- a\n- n\n- b\n", texts: map[string]string{"n": "fn"},
			want: "* fa\n* fn\n* fb\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, root := open(t, "-- content/pages/about.en.md --\n+++\ntitle = \"About\"\n+++\n"+tc.en+
				"-- content/pages/about.fr.md --\n+++\ntitle = \"À propos\"\n+++\n"+tc.fr)
			ws := reopen(t, root)
			for _, u := range ws.Units("fr") {
				ws.State.Confirm(u, "")
			}
			if err := ws.SaveState(); err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, root, map[string]string{"content/pages/about.en.md": "+++\ntitle = \"About\"\n+++\n" + tc.newEn})
			var merge strings.Builder
			for source, text := range tc.texts {
				fmt.Fprintf(&merge, "[%q]\nother = %q\n", blockID(t, root, source), text)
			}
			if _, err := reopen(t, root).Merge("fr", "translate.fr.toml", strings.NewReader(merge.String()), false); err != nil {
				t.Fatal(err)
			}
			if got := sitetest.Snapshot(t, root)["content/pages/about.fr.md"]; got != "+++\ntitle = \"À propos\"\n+++\n"+tc.want {
				t.Errorf("the French page:\n%s\nwant the body:\n%s", got, tc.want)
			}
		})
	}
	// A French page made by the import keeps the English page's code.
	_, root := open(t, "-- content/pages/new.en.md --\n+++\ntitle = \"New\"\n+++\nP1.\n\n```\ncode\n```\n\nP2.\n")
	if _, err := reopen(t, root).Merge("fr", "translate.fr.toml", strings.NewReader("[\"page/new#title\"]\nother = \"Nouveau\"\n[\"page/new#body[b1]\"]\nother = \"FP1.\"\n[\"page/new#body[b2]\"]\nother = \"FP2.\"\n"), false); err != nil {
		t.Fatal(err)
	}
	if got, want := sitetest.Snapshot(t, root)["content/pages/new.fr.md"], "+++\ntitle = \"Nouveau\"\n+++\nFP1.\n\n```\ncode\n```\n\nFP2.\n"; got != want {
		t.Errorf("the new French page:\n%s\nwant:\n%s", got, want)
	}
}

// While the French body does not have the English body's blocks, it is one
// unit; the records of its blocks are kept meanwhile, so that an outdated
// block is outdated again once the French has its blocks back.
func TestBlockRecordsOutliveAWholeBody(t *testing.T) {
	root, conditions := blocksSite(t)
	sitetest.Edit(t, root, "content/pages/about.en.md", "A last paragraph.", "The last paragraph.")
	split := sitetest.Read(t, root, "content/pages/about.fr.md")
	sitetest.Write(t, root, map[string]string{"content/pages/about.fr.md": strings.Replace(split, "Un dernier paragraphe.\n\n[^1]", "Un dernier paragraphe.\n\nEt un de plus.\n\n[^1]", 1)})
	if c := conditions(); len(c) != 1 {
		t.Fatalf("with a block more in French: %v, want the body as one unit", c)
	}
	ws := reopen(t, root)
	if err := ws.SaveState(); err != nil { // as any confirm or import does
		t.Fatal(err)
	}
	sitetest.Write(t, root, map[string]string{"content/pages/about.fr.md": split})
	if c := conditions()["page/about#body[b5]"]; c != translation.Outdated {
		t.Errorf("the changed paragraph, with the French blocks back: %s, want outdated", c)
	}
}

// A translation made from an English text that changed before the import
// (a note, a block of a body) is written, said to be stale, and recorded
// as made from the English it translated: outdated, not current.
func TestAStaleTranslationStaysOutdated(t *testing.T) {
	root, _ := blocksSite(t)
	sitetest.Write(t, root, map[string]string{"data/notes.toml": "[x]\ntext = { en = \"term\", fr = \"terme\" }\n"})
	ws := reopen(t, root)
	xlf, err := ws.ExportXLIFF("fr", translation.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Edit(t, root, "data/notes.toml", `en = "term"`, `en = "word"`)
	sitetest.Edit(t, root, "content/pages/about.en.md", "A last paragraph.", "The last paragraph.")
	xlf = sitetest.TranslateXLIFF(t, xlf, map[string]string{"note/x#text": "terme nouveau", "page/about#body[b5]": "Un dernier paragraphe, revu."})
	r, err := reopen(t, root).ImportXLIFF("translate.fr.xlf", bytes.NewReader(xlf), false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"note/x#text", "page/about#body[b5]"}; !slices.Equal(r.Stale, want) {
		t.Errorf("stale: %v, want %v", r.Stale, want)
	}
	ws = reopen(t, root)
	for _, u := range ws.Units("fr") {
		if (u.ID == "note/x#text" || u.ID == "page/about#body[b5]") && ws.State.Condition(u) != translation.Outdated {
			t.Errorf("%s (%q) is %s after the import, want outdated", u.ID, u.Target, ws.State.Condition(u))
		}
	}
	// The English the note was translated from is the previous version;
	// a text the state file names under another text's hash is not.
	note := func(ws *translation.Workspace) *translation.Previous {
		for _, u := range ws.Units("fr") {
			if u.ID == "note/x#text" {
				return ws.Previous(u)
			}
		}
		t.Fatal("no note/x#text")
		return nil
	}
	if p := note(ws); p == nil || p.Source != "term" {
		t.Fatalf("the note's previous version: %+v, want its source term", p)
	}
	sitetest.Edit(t, root, "translation-state.toml", `= "term"`, `= "a text no one translated"`)
	if p := note(reopen(t, root)); p != nil {
		t.Errorf("a text under another's hash is shown as the previous version: %+v", p)
	}
}
