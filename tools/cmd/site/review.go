package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/preview"
	"github.com/cyberpub/site/tools/translation"
)

// previewReviews gives the preview's review pages what they show: each
// item's texts in the source language beside their translations, with
// their state and, for an outdated one, what changed in the source. It is
// worked out once, when a review page is first asked for: most previews
// show none.
func previewReviews(ws *translation.Workspace) func() *preview.Reviews {
	return sync.OnceValue(func() *preview.Reviews {
		r := &preview.Reviews{Names: map[string]string{}}
		for _, l := range ws.Project.Languages {
			r.Names[l.Code] = l.Name
		}
		addresses := ws.Site.PageAddresses(catalogueMessages(ws))
		items := map[*content.Item]*preview.ReviewItem{}
		texts := map[string]*preview.ReviewText{}
		targets := ws.Project.Targets()
		for i, lang := range targets {
			warnings := ws.Warnings(ws.Units(lang))
			for _, u := range ws.Units(lang) {
				if u.Text == nil {
					continue // an interface message: its page is every page
				}
				it := items[u.Text.Item]
				if it == nil {
					it = reviewItem(ws, u.Text.Item, addresses[u.Text.Item])
					items[u.Text.Item] = it
					r.Items = append(r.Items, it)
				}
				t := texts[u.ID]
				if t == nil {
					t = &preview.ReviewText{ID: u.ID, Source: strings.TrimSpace(u.Source), Translations: make([]preview.Translation, len(targets))}
					texts[u.ID] = t
					it.Texts = append(it.Texts, t)
				}
				t.Translations[i] = reviewTranslation(ws, u)
				t.Translations[i].Warnings = warnings[u.ID]
			}
		}
		return r
	})
}

// reviewItem is an item with its pages, the source language's first.
func reviewItem(ws *translation.Workspace, it *content.Item, pages map[string]string) *preview.ReviewItem {
	r := &preview.ReviewItem{ID: it.Kind.Name + "/" + it.ID, Title: it.Title(ws.Project.Source().Code)}
	for _, lang := range ws.Project.Codes() {
		if a := pages[lang]; a != "" {
			r.Pages = append(r.Pages, preview.Page{Lang: lang, Address: a})
		}
	}
	return r
}

// reviewTranslation is a unit's translation, where it is and how it stands.
func reviewTranslation(ws *translation.Workspace, u *translation.Unit) preview.Translation {
	file, line, col := u.Where(ws.Project)
	state := ws.State.Condition(u)
	t := preview.Translation{Lang: u.Lang, Text: u.Target, State: string(state), Place: fmt.Sprintf("%s:%d:%d", file, line, col)}
	if state != translation.Outdated {
		return t
	}
	// A sentence of its own here; the XLIFF note writes it after "Outdated: ".
	since := ws.OutdatedSince(u)
	t.Since = strings.ToUpper(since[:1]) + since[1:] + "."
	if was := ws.Previous(u); was != nil {
		for _, c := range was.Changes {
			t.Changes = append(t.Changes, preview.Change{Op: c.Op, Text: c.Text})
		}
	}
	return t
}
