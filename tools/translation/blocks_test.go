package translation_test

import (
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
		ws.State.Confirm(u)
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
	got2 := conditions()
	if want := all(translation.Current, map[string]translation.Condition{"page/about#body[b7]": translation.Missing}); !maps.Equal(got2, want) {
		t.Errorf("a paragraph added: %v, want %v", got2, want)
	}
	var order []string
	for _, u := range reopen(t, root).Units("fr") {
		order = append(order, u.ID)
	}
	if i := slices.Index(order, "page/about#body[b7]"); i < 0 || order[i+1] != "page/about#body[b5]" {
		t.Errorf("the new block is not before the last paragraph: %v", order)
	}

	// A paragraph removed: the others keep their ids.
	sitetest.Edit(t, root, "content/pages/about.en.md", "## What happened\n\n", "")
	got3 := conditions()
	if _, there := got3["page/about#body[b1]"]; there || got3["page/about#body[b2]"] != translation.Current || got3["page/about#body[b7]"] != translation.Missing {
		t.Errorf("a heading removed: %v", got3)
	}
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
	// two takes the changed block's id (b5), the second is new (b7).
	r, err := ws.Merge("fr", []byte("[\"page/about#body[b4]\"]\nother = \"un autre élément, *traduit de nouveau*\"\n"+
		"[\"page/about#body[b5]\"]\nother = \"Un nouveau paragraphe.\"\n"+
		"[\"page/about#body[b7]\"]\nother = \"Le dernier paragraphe.\"\n"))
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

// A translation that would change the page's structure is refused whole.
func TestABlockIsTranslatedByOneBlock(t *testing.T) {
	root, _ := blocksSite(t)
	before := sitetest.Snapshot(t, root)
	for _, text := range []string{"Deux\n\nparagraphes.", "Un titre\n## caché", "Une ligne\n- et une liste"} {
		_, err := reopen(t, root).Merge("fr", []byte("[\"page/about#body[b2]\"]\nother = "+fmt.Sprintf("%q", text)+"\n"))
		if err == nil || !strings.Contains(err.Error(), "page/about#body[b2]: the translation is not one paragraph") {
			t.Errorf("%q: %v", text, err)
		}
		if !maps.Equal(before, sitetest.Snapshot(t, root)) {
			t.Fatalf("%q: files changed", text)
		}
	}
}
