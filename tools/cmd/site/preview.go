package main

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/cyberpub/site/tools/translation"
)

// previewConfig is the preview's own Hugo configuration: the translations
// that are outdated, by language, so that pages mark them
// (layouts/_partials/translation/outdated.html), a body once, with the
// start of each of its outdated blocks; and the items a build would hold
// back now, drafts and items scheduled later, which the preview shows
// marked (layouts/_partials/page/held-back.html).
type previewConfig struct {
	path string
}

func newPreviewConfig() (*previewConfig, error) {
	f, err := os.CreateTemp("", "site-preview-*.toml")
	if err != nil {
		return nil, err
	}
	f.Close()
	return &previewConfig{path: f.Name()}, nil
}

// update writes the configuration for the site as it is now; Hugo
// rebuilds the preview when the file changes.
func (c *previewConfig) update(ws *translation.Workspace) error {
	outdated := ws.Outdated()
	var b strings.Builder
	b.WriteString("# Written by site serve; do not edit.\n")
	// Raw HTML in a text is reported with its place by the check above;
	// Hugo's own warning would only advise to silence it.
	b.WriteString("ignoreLogs = ['warning-goldmark-raw-html']\n")
	// Drafts and pages scheduled later are shown, and marked.
	b.WriteString("buildDrafts = true\nbuildFuture = true\n")
	now, _, err := publicationMoment("")
	if err != nil {
		return err
	}
	b.WriteString("[params.preview_held_back]\n")
	held := ws.Site.HeldBack(now)
	for _, it := range slices.SortedFunc(maps.Keys(held), func(a, b *content.Item) int {
		return strings.Compare(a.Kind.Name+"/"+a.ID, b.Kind.Name+"/"+b.ID)
	}) {
		when := "draft"
		if !it.Draft() {
			when = content.When(it.PublishAt())
		}
		fmt.Fprintf(&b, "%s = %s\n", tomlfile.Quote(it.Kind.Name+"/"+it.ID), tomlfile.Quote(when))
	}
	for _, lang := range ws.Project.Targets() {
		var ids []string
		blocks := map[string][]string{} // body id → the start of each outdated block
		for _, u := range outdated[lang] {
			if u.Block != nil {
				if blocks[u.Text.ID] == nil {
					ids = append(ids, u.Text.ID)
				}
				blocks[u.Text.ID] = append(blocks[u.Text.ID], excerpt(u.Target))
			}
			ids = append(ids, u.ID)
		}
		fmt.Fprintf(&b, "[languages.%s.params.translation]\noutdated = [", lang)
		for i, id := range ids {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tomlfile.Quote(id))
		}
		b.WriteString("]\n")
		fmt.Fprintf(&b, "[languages.%s.params.translation.blocks]\n", lang)
		for _, id := range slices.Sorted(maps.Keys(blocks)) {
			quoted := make([]string, len(blocks[id]))
			for i, e := range blocks[id] {
				quoted[i] = tomlfile.Quote(e)
			}
			fmt.Fprintf(&b, "%s = [%s]\n", tomlfile.Quote(id), strings.Join(quoted, ", "))
		}
	}
	old, _ := os.ReadFile(c.path)
	if string(old) == b.String() {
		return nil // an unchanged file would rebuild for nothing
	}
	return project.WriteFile(c.path, []byte(b.String()))
}

func (c *previewConfig) remove() { os.Remove(c.path) }
