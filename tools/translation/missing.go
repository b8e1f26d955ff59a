package translation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
)

// blockNames are how problems name the kinds of blocks.
var blockNames = map[string]string{"heading": "heading", "paragraph": "paragraph", "item": "list item",
	"footnote": "footnote", "quote": "quotation", "table": "table"}

// checkBlocks reports, for each page's body, the blocks of the source
// language that have no translation in lang (at the source's block: the
// page would publish it in one language only) and the blocks of lang that
// translate no block of the source (at the translation's block). A body
// not written at all in lang is the content checks' to report.
func (w *Workspace) checkBlocks(lang string) diag.List {
	var problems diag.List
	l, _ := w.Project.Language(lang)
	source := w.Project.Source().Code
	for _, t := range w.Site.Texts() {
		if t.Field.Type != model.Body || strings.TrimSpace(t.Values[source]) == "" {
			continue
		}
		b := w.splitBody(t, lang)
		if len(b.target) == 0 {
			continue
		}
		t := b.text
		targetFile, sourceFile := t.At[lang].File.Path, t.At[source].File.Path
		missing, extra := b.unpaired()
		for _, i := range missing {
			blk := b.source[i]
			line, col := t.At[source].Within(b.sourceText, blk.Start).Position()
			problems = append(problems, diag.Problem{File: sourceFile, Line: line, Col: col, Subject: blockUnitID(t.ID, b.sourceIDs[i]),
				Kind:    diag.TranslationGap,
				Message: fmt.Sprintf("the %s %q has no %s block in %s: the page would publish it in one language", blockNames[blk.Kind], firstWords(blk.Text), l, targetFile),
				Hint:    fmt.Sprintf("translate it in %s at its place, after the translation of the block before it; or send it to a translator with site i18n export", targetFile)})
		}
		for _, j := range extra {
			blk := b.target[j]
			line, col := t.At[lang].Within(t.Values[lang], blk.Start).Position()
			problems = append(problems, diag.Problem{File: targetFile, Line: line, Col: col, Subject: t.ID, Kind: diag.TranslationGap,
				Message: fmt.Sprintf("the %s %s %q translates no block of %s: the page would publish it in one language", l, blockNames[blk.Kind], firstWords(blk.Text), sourceFile),
				Hint:    fmt.Sprintf("remove it, or add the block it translates to %s", sourceFile)})
		}
	}
	return problems
}

// unpaired returns the source's blocks that no block of the target
// translates, and the target's blocks that translate none of the source's,
// by their indexes: by their recorded ids when the target has them; else,
// when the state records the body, by the words of each translation then
// (a French paragraph added in the middle is that one, not the last);
// else by their kinds, in order (the longest sequence of blocks of the
// same kinds).
func (b *body) unpaired() (missing, extra []int) {
	if b.targetIDs != nil {
		for i, id := range b.sourceIDs {
			if !slices.Contains(b.targetIDs, id) {
				missing = append(missing, i)
			}
		}
		for j, id := range b.targetIDs {
			if !slices.Contains(b.sourceIDs, id) {
				extra = append(extra, j)
			}
		}
		return missing, extra
	}
	if len(b.recorded) > 0 {
		paired := map[string]bool{}
		for j, r := range alignBlocks(b.target, b.recordedTargets, make([]string, len(b.recorded))) {
			if r < 0 {
				extra = append(extra, j)
			} else {
				paired[b.recorded[r]] = true
			}
		}
		for i, id := range b.sourceIDs {
			if !paired[id] {
				missing = append(missing, i)
			}
		}
		return missing, extra
	}
	n, m := len(b.source), len(b.target)
	lcs := commonSequence(n, m, func(i, j int) bool { return b.source[i].Kind == b.target[j].Kind })
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case b.source[i].Kind == b.target[j].Kind && lcs[i][j] == lcs[i+1][j+1]+1:
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			missing = append(missing, i)
			i++
		default:
			extra = append(extra, j)
			j++
		}
	}
	for ; i < n; i++ {
		missing = append(missing, i)
	}
	for ; j < m; j++ {
		extra = append(extra, j)
	}
	return missing, extra
}

// firstWords are the first words of a block's text, for a problem to
// name it by.
func firstWords(text string) string {
	words := strings.Fields(text)
	if len(words) > 6 {
		return strings.Join(words[:6], " ") + "…"
	}
	return strings.Join(words, " ")
}
