package translation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/content"
)

// A page's body is translated block by block: each heading, paragraph,
// list item, footnote, quotation and table is a unit of its own, so that a
// CAT tool's memory works on it, a reviewer approves it, and a change to one
// English paragraph makes one French paragraph outdated.

// Block is one block of a Markdown body.
type Block struct {
	Kind   string // heading, paragraph, item, footnote, quote, table, code, break (a rule) or definition (links')
	Prefix string // the markup before its text on its first line: "## ", "- ", "1. ", "[^1]: ", "> "
	Indent string // what starts each of its other lines: "  " in a list item, "> " in a quotation
	Suffix string // the markup after its text: the underline of a heading written with one
	Text   string // its text, without its prefix and indents
	// Start and End are its bytes in the body: from the start of its first
	// line to the end of its last, without the line end.
	Start, End int
}

var (
	fenceLine    = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	headingLine  = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+|$)`)
	itemLine     = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+`)
	footnoteLine = regexp.MustCompile(`^\[\^[^\]\s]+\]:[ \t]*`)
	quoteLine    = regexp.MustCompile(`^ {0,3}>[ \t]?`)
	tableLine    = regexp.MustCompile(`^ {0,3}\|`)
	// A thematic break (a rule): three or more -, * or _ alone.
	breakLine = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	// A paragraph made of link reference definitions alone: [name]: url.
	linkDefinitions = regexp.MustCompile(`^(?: {0,3}\[[^\]^][^\]]*\]:[ \t]*\S+[^\n]*(?:\n|$))+$`)
	// The underline of a heading written as a paragraph and a line of = or -.
	underline = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	// The start of a list item that may end a paragraph: a bullet, or the
	// number 1 (CommonMark: "2021." in the middle of a paragraph is text).
	interruptingItem = regexp.MustCompile(`^[ \t]*(?:[-*+]|1[.)])[ \t]+\S`)
)

// interrupts reports whether a line starts a block of its own, ending a
// paragraph, an item or a quotation before it.
func interrupts(line string) bool {
	return fenceLine.MatchString(line) || headingLine.MatchString(line) || interruptingItem.MatchString(line) ||
		footnoteLine.MatchString(line) || quoteLine.MatchString(line) || tableLine.MatchString(line) || breakLine.MatchString(line)
}

// splitBlocks splits a Markdown body into its blocks, in order. Blank lines
// separate blocks; a fenced code block is one block, whatever it holds.
func splitBlocks(body string) []Block {
	type line struct{ start, end int }
	var lines []line
	for start := 0; start <= len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			lines = append(lines, line{start, len(body)})
			break
		}
		lines = append(lines, line{start, start + end})
		start += end + 1
	}
	text := func(i int) string { return body[lines[i].start:lines[i].end] }
	var blocks []Block
	for i := 0; i < len(lines); {
		first := text(i)
		if strings.TrimSpace(first) == "" {
			i++
			continue
		}
		b := Block{Start: lines[i].start}
		j := i + 1 // the line after the block
		switch {
		case fenceLine.MatchString(first):
			fence := strings.TrimLeft(fenceLine.FindStringSubmatch(first)[1], " ")
			for j < len(lines) && !strings.HasPrefix(strings.TrimSpace(text(j)), fence) {
				j++
			}
			j = min(j+1, len(lines))
			b.Kind, b.Text = "code", body[b.Start:lines[j-1].end]
		case breakLine.MatchString(first):
			b.Kind, b.Text = "break", first
		case headingLine.MatchString(first):
			b.Kind, b.Prefix = "heading", headingLine.FindString(first)
		case tableLine.MatchString(first):
			for j < len(lines) && tableLine.MatchString(text(j)) {
				j++
			}
			b.Kind = "table"
		case quoteLine.MatchString(first):
			// Its lines, and the lines that go on its paragraph without ">".
			for j < len(lines) && (quoteLine.MatchString(text(j)) || strings.TrimSpace(text(j)) != "" && !interrupts(text(j))) {
				j++
			}
			b.Kind, b.Prefix, b.Indent = "quote", quoteLine.FindString(first), quoteLine.FindString(first)
		default:
			b.Kind = "paragraph"
			b.Prefix = first[:len(first)-len(strings.TrimLeft(first, " \t"))]
			if m := itemLine.FindString(first); m != "" {
				b.Kind, b.Prefix = "item", m
			} else if m := footnoteLine.FindString(first); m != "" {
				b.Kind, b.Prefix = "footnote", m
			}
			// A paragraph goes on to the next blank line or block; an item
			// also ends at the next item of its list, whatever its number.
			for j < len(lines) && strings.TrimSpace(text(j)) != "" && !interrupts(text(j)) &&
				!(b.Kind == "paragraph" && underline.MatchString(text(j))) && !(b.Kind == "item" && itemLine.MatchString(text(j))) {
				j++
			}
			if b.Kind == "paragraph" && j < len(lines) && underline.MatchString(text(j)) {
				b.Kind, b.Suffix = "heading", "\n"+text(j) // a heading with its underline
				j++
			}
			if j > i+1 {
				next := text(i + 1)
				b.Indent = next[:len(next)-len(strings.TrimLeft(next, " \t"))]
			}
		}
		b.End = lines[j-1].end
		if b.Kind == "paragraph" && linkDefinitions.MatchString(body[b.Start:b.End]) {
			// Link reference definitions: addresses, not words. Each
			// language writes its links as it likes.
			b.Kind, b.Text = "definition", body[b.Start:b.End]
		}
		if b.Kind != "code" && b.Kind != "break" && b.Kind != "definition" {
			last := j
			if b.Suffix != "" {
				last-- // the underline is markup
			}
			var parts []string
			for k := i; k < last; k++ {
				l := text(k)
				if k == i {
					parts = append(parts, strings.TrimPrefix(l, b.Prefix))
				} else if b.Kind == "quote" {
					parts = append(parts, quoteLine.ReplaceAllString(l, ""))
				} else {
					parts = append(parts, strings.TrimLeft(l, " \t"))
				}
			}
			b.Text = strings.TrimSpace(strings.Join(parts, "\n"))
		}
		blocks = append(blocks, b)
		i = j
	}
	return blocks
}

// translatable reports whether the block has words to translate: code and
// rules do not.
func (b Block) translatable() bool {
	return b.Kind != "code" && b.Kind != "break" && b.Kind != "definition" && strings.TrimSpace(b.Text) != ""
}

// render writes the block with another text, in the block's own markup.
func (b Block) render(text string) string {
	return b.Prefix + strings.ReplaceAll(strings.TrimSpace(text), "\n", "\n"+b.Indent) + b.Suffix
}

// accepts checks that a translation, in the block's place (the target's
// block, or the source's when the target has none), reads back as one
// block of its kind with that text: a translation must not change the
// structure of the page.
func (r *BlockRef) accepts(text string) error {
	b := r.Source
	if r.Target != nil {
		b = *r.Target
	}
	return b.accepts(text)
}

func (b Block) accepts(text string) error {
	got := splitBlocks(b.render(text))
	if len(got) != 1 || got[0].Kind != b.Kind || got[0].Text != strings.TrimSpace(text) {
		return fmt.Errorf("the translation is not one %s, as its source is: a blank line, a heading, a list item or an indented line in it would change the page's structure; translate the block as one %s", b.Kind, b.Kind)
	}
	return nil
}

// bodyOffset is the byte of the body where a byte of the block's text is.
func (b Block) bodyOffset(textOffset int) int {
	return b.Start + len(b.Prefix) + textOffset + strings.Count(b.Text[:textOffset], "\n")*len(b.Indent)
}

// blockHash fingerprints a block's words: lines wrapped another way are
// the same block.
func blockHash(text string) string { return Hash(strings.Join(strings.Fields(text), " ")) }

// blockUnitID is the unit id of a block of a body: "bulletin/b#body[b3]".
func blockUnitID(textID, block string) string { return textID + "[" + block + "]" }

// body is a body text of one item, split into blocks in its source
// language and in one target language, each block with its id.
type body struct {
	text           *content.Text
	lang           string   // the target language
	sourceText     string   // the body in the source language
	source, target []Block  // the translatable blocks of each
	sourceIDs      []string // the id of each source block
	targetIDs      []string // the id of each target block; nil when they cannot be paired
	// recorded are the ids the state records for the body's blocks, and
	// recordedTargets the hash of each one's translation then.
	recorded, recordedTargets []string
}

// splitBody splits a body text in its source and target languages and
// gives each block its id. A block keeps its id while the state records
// it: the blocks of the source are paired with the ids the state recorded,
// in order, by their words (unchanged blocks), then the rest by their
// place between them (changed blocks); a block added gets a new id, made
// of its words. The
// target's blocks are the recorded ids in order, or when nothing is
// recorded, the source's blocks one for one.
func (w *Workspace) splitBody(t *content.Text, lang string) *body {
	source := w.Project.Source().Code
	b := &body{text: t, lang: lang, sourceText: t.Values[source]}
	for _, blk := range splitBlocks(b.sourceText) {
		if blk.translatable() {
			b.source = append(b.source, blk)
		}
	}
	for _, blk := range splitBlocks(t.Values[lang]) {
		if blk.translatable() {
			b.target = append(b.target, blk)
		}
	}
	ls := w.State.Lang(lang)
	recorded := ls.Blocks[t.ID]
	hashes := make([]string, len(recorded))
	b.recorded, b.recordedTargets = recorded, make([]string, len(recorded))
	for i, id := range recorded {
		hashes[i] = ls.Units[blockUnitID(t.ID, id)].Source
		b.recordedTargets[i] = ls.Units[blockUnitID(t.ID, id)].Target
	}
	b.sourceIDs = make([]string, len(b.source))
	// The kind of each recorded block, where the target has it.
	kinds := make([]string, len(recorded))
	if len(b.target) == len(recorded) {
		for i := range recorded {
			kinds[i] = b.target[i].Kind
		}
	}
	pairs := alignBlocks(b.source, hashes, kinds)
	taken := map[string]bool{}
	for _, id := range recorded {
		taken[id] = true
	}
	for i, r := range pairs {
		switch {
		case r >= 0:
			b.sourceIDs[i] = recorded[r]
		case len(recorded) == 0: // nothing recorded yet: by place
			b.sourceIDs[i] = fmt.Sprintf("b%d", i+1)
		default:
			// A block added to a body whose blocks are recorded: named by
			// its words, so that its id stays when other blocks are added
			// before it (between an export and its import, say).
			id := "b-" + strings.TrimPrefix(blockHash(b.source[i].Text), "sha1-")[:8]
			for n := 2; taken[id]; n++ {
				id = fmt.Sprintf("%s-%d", id[:10], n)
			}
			b.sourceIDs[i] = id
		}
		taken[b.sourceIDs[i]] = true
	}
	switch {
	case len(b.target) == 0:
	case len(recorded) > 0 && len(b.target) == len(recorded):
		b.targetIDs = recorded
	case len(b.target) == len(b.source):
		b.targetIDs = b.sourceIDs
	}
	return b
}

// commonSequence returns the table of the longest common sequences of two
// lists of n and m elements, same(i, j) saying when two are the same:
// lcs[i][j] is that of the lists from i and from j on.
func commonSequence(n, m int, same func(i, j int) bool) [][]int {
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if same(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	return lcs
}

// alignBlocks pairs each block with a recorded block (by its index in
// hashes), or -1 for a new one: first the longest sequence of blocks whose
// words are unchanged, in order; then, between two of those, the changed
// blocks with the recorded ones of the same kind (kinds, "" when unknown),
// in order.
func alignBlocks(blocks []Block, hashes, kinds []string) []int {
	n, m := len(blocks), len(hashes)
	lcs := commonSequence(n, m, func(i, j int) bool { return blockHash(blocks[i].Text) == hashes[j] })
	pairs := slices.Repeat([]int{-1}, n)
	i, j := 0, 0
	gapI, gapJ := 0, 0 // where the current run of unpaired blocks started
	closeGap := func(endI, endJ int) {
		r := gapJ
		for k := gapI; k < endI; k++ {
			for q := r; q < endJ; q++ {
				if kinds[q] == "" || kinds[q] == blocks[k].Kind {
					pairs[k], r = q, q+1
					break
				}
			}
		}
	}
	for i < n && j < m {
		switch {
		case blockHash(blocks[i].Text) == hashes[j]:
			closeGap(i, j)
			pairs[i] = j
			i, j = i+1, j+1
			gapI, gapJ = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	closeGap(n, m)
	return pairs
}

// units returns the units of a body: one per block of the source, in its
// order, with its translation when the target has its id.
func (b *body) units(section string) []*Unit {
	targets := map[string]*Block{}
	for i, id := range b.targetIDs {
		targets[id] = &b.target[i]
	}
	units := make([]*Unit, len(b.source))
	for i, src := range b.source {
		id := b.sourceIDs[i]
		u := &Unit{ID: blockUnitID(b.text.ID, id), Lang: b.lang, Section: section, Source: src.Text, SourceHash: blockHash(src.Text),
			Text: b.text, Block: &BlockRef{ID: id, Body: b, Source: src}}
		if tgt := targets[id]; tgt != nil {
			u.Target, u.TargetHash, u.Block.Target = strings.TrimSpace(tgt.Text), blockHash(tgt.Text), tgt
		}
		units[i] = u
	}
	return units
}

// BlockRef is the block a unit translates.
type BlockRef struct {
	ID     string
	Body   *body
	Source Block
	Target *Block // nil when the translation is missing
}

// rebuild writes the target's body with the blocks' new translations (block
// id → text): each in place of the block it translates, in the target's own
// markup, and a block the target does not have yet after the block before
// it, in the markup of the list it joins. Blocks whose source is gone are
// left out; code and every other byte stay as they were. A body not
// written yet in the target language is the source's, its blocks
// translated or, when not translated yet, left out. It returns the body
// and the ids of its blocks, in order.
func (b *body) rebuild(texts map[string]string) (string, []string) {
	old := b.text.Values[b.lang]
	if len(b.target) == 0 && strings.TrimSpace(old) == "" {
		if len(b.source) == 0 {
			return "", nil
		}
		translated := func(id string) bool { _, ok := texts[id]; return ok }
		return weave(b.sourceText, b.source, b.sourceIDs, translated, texts, nil)
	}
	inSource := map[string]bool{}
	for _, id := range b.sourceIDs {
		inSource[id] = true
	}
	inTarget := map[string]int{}
	for k, id := range b.targetIDs {
		inTarget[id] = k
	}
	// The blocks the target does not have, by the target block they follow
	// (-1: before the first).
	after := map[int][]added{}
	anchor := -1
	for i, id := range b.sourceIDs {
		if k, ok := inTarget[id]; ok {
			anchor = k
			continue
		}
		text, ok := texts[id]
		if !ok {
			continue
		}
		blk := b.source[i]
		sep := "\n\n"
		if neighbour := b.neighbour(anchor); blk.Kind == "item" && neighbour != nil && neighbour.Kind == "item" {
			sep = "\n" // within a list, with its marker
			if isBullet(blk.Prefix) && isBullet(neighbour.Prefix) {
				blk.Prefix = neighbour.Prefix
			}
		}
		after[anchor] = append(after[anchor], added{sep, blk.render(text), id})
	}
	if len(b.target) == 0 { // code alone, say: kept, then the blocks
		var out strings.Builder
		var ids []string
		out.WriteString(strings.TrimSpace(old))
		for _, a := range after[-1] {
			if out.Len() > 0 {
				out.WriteString(a.sep)
			}
			out.WriteString(a.text)
			ids = append(ids, a.id)
		}
		return out.String(), ids
	}
	return weave(old, b.target, b.targetIDs, func(id string) bool { return inSource[id] }, texts, after)
}

// added is a block written where there was none: what separates it from
// the block before it, and itself.
type added struct{ sep, text, id string }

// neighbour is the target block a new block follows (index k), or for one
// before the first (-1), the first.
func (b *body) neighbour(k int) *Block {
	switch {
	case k >= 0:
		return &b.target[k]
	case len(b.target) > 0:
		return &b.target[0]
	}
	return nil
}

// isBullet reports whether a list item's marker is a bullet, not a number.
func isBullet(prefix string) bool {
	p := strings.TrimSpace(prefix)
	return p == "-" || p == "*" || p == "+"
}

// weave writes a body again from its blocks (with their ids): those kept,
// with their new text when texts has one, and the added blocks after the
// block they follow. A block left out goes with one of the separators
// around it; whatever else is between blocks (code) stays.
func weave(old string, blocks []Block, ids []string, keep func(string) bool, texts map[string]string, after map[int][]added) (string, []string) {
	var out strings.Builder
	var written []string
	out.WriteString(old[:blocks[0].Start])
	for _, a := range after[-1] {
		out.WriteString(a.text + a.sep)
		written = append(written, a.id)
	}
	pending := "" // what separates the last block written from the next
	for k, blk := range blocks {
		gap := old[blk.End:]
		if k+1 < len(blocks) {
			gap = old[blk.End:blocks[k+1].Start]
		}
		id := ids[k]
		if !keep(id) {
			// The block and one of the separators around it go: the wider
			// (a blank line ends a list; a line end keeps one together).
			kept := strings.TrimRight(pending, " \t\n")
			before, rest := pending[len(kept):], strings.TrimLeft(gap, " \t\n")
			if after := gap[:len(gap)-len(rest)]; strings.Count(after, "\n") > strings.Count(before, "\n") {
				before = after
			}
			pending = kept + before + rest
			continue
		}
		out.WriteString(pending)
		if text, ok := texts[id]; ok {
			out.WriteString(blk.render(text))
		} else {
			out.WriteString(old[blk.Start:blk.End])
		}
		written = append(written, id)
		for _, a := range after[k] {
			out.WriteString(a.sep + a.text)
			written = append(written, a.id)
		}
		pending = gap
	}
	out.WriteString(pending)
	return strings.TrimSpace(out.String()), written
}
