package translation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
)

// Whatever a body holds, its blocks are in order, within it; written again
// with nothing translated, it is the same bytes; written again with each
// block's own text, it has the same blocks with the same texts.
func FuzzSplitBlocks(f *testing.F) {
	for _, s := range []string{
		"## A heading\n\nA paragraph,\nwrapped.\n\n- an item\n  continued\n- another\n\n1. one\n2. two\n\n> a quote\n> on two lines\n\n| a | b |\n|---|---|\n\n[^1]: A note.\n",
		"```\ncode\n\n## not a heading\n```\nafter",
		"   indented\n\n\t- tab item\n#\n##no space\n*\n- ",
		"", "\n\n\n", "text", "> ", "```",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		src = strings.TrimSpace(src)
		blocks := splitBlocks(src)
		end := 0
		for _, b := range blocks {
			if b.Start < end || b.End < b.Start || b.End > len(src) {
				t.Fatalf("block %+v out of place (after %d, in %d bytes)", b, end, len(src))
			}
			end = b.End
		}
		var translatable []Block
		var ids []string
		texts := map[string]string{}
		for _, b := range blocks {
			if b.translatable() {
				id := string(rune('a'+len(ids)%26)) + strings.Repeat("x", len(ids)/26)
				translatable, ids = append(translatable, b), append(ids, id)
				if b.accepts(b.Text) == nil {
					texts[id] = b.Text
				}
			}
		}
		bd := &body{text: &content.Text{Values: map[string]string{"fr": src}}, lang: "fr",
			source: translatable, target: translatable, sourceIDs: ids, targetIDs: ids}
		if got, _ := bd.rebuild(nil); got != src {
			t.Errorf("written again, unchanged:\n%q\nwant:\n%q", got, src)
		}
		got, _ := bd.rebuild(texts)
		var again []Block
		for _, b := range splitBlocks(got) {
			if b.translatable() {
				again = append(again, b)
			}
		}
		if len(again) != len(translatable) {
			t.Fatalf("written again with their texts:\n%q\nhas %d blocks, want %d", got, len(again), len(translatable))
		}
		for i, b := range again {
			if want := translatable[i]; b.Kind != want.Kind || b.Text != want.Text {
				t.Errorf("block %d written again: %s %q, want %s %q", i, b.Kind, b.Text, want.Kind, want.Text)
			}
		}
	})
}

// How bodies are split, construct by construct (as CommonMark reads them).
func TestSplitBlocks(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"Title\n=====\n\nText.", `heading "Title" | paragraph "Text."`},
		{"Title\n---\nText.", `heading "Title" | paragraph "Text."`},
		{"A\n\n- - -\n\nB", `paragraph "A" | break | paragraph "B"`},
		{"Events of\n2021. Then more.", `paragraph "Events of\n2021. Then more."`},
		{"Text\n1. first\n2. second", `paragraph "Text" | item "first" | item "second"`},
		{"> quoted\nlazy line\n\nAfter.", `quote "quoted\nlazy line" | paragraph "After."`},
		{"- a\n  wrapped\n- b", `item "a\nwrapped" | item "b"`},
		{"[^1]: A note\n  on two lines.", `footnote "A note\non two lines."`},
		{"```\n## not a heading\n```", `code`},
		// Link reference definitions were a paragraph to translate: a
		// language that writes its links inline lacked a "paragraph".
		{"See [the guide][g].\n\n[g]: https://example.org/guide\n[h]: /en/ \"Home\"", `paragraph "See [the guide][g]." | definition`},
		{"[not a definition] but words", `paragraph "[not a definition] but words"`},
	} {
		var got []string
		for _, b := range splitBlocks(tc.body) {
			if b.translatable() {
				got = append(got, fmt.Sprintf("%s %q", b.Kind, b.Text))
			} else {
				got = append(got, b.Kind)
			}
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.body, g, tc.want)
		}
	}
}
