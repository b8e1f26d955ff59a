package main

import (
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// A block of a page's body written in English and not in French was
// published in English only, with site check clean: each kind of block is
// an error at its place in the English file, and a French block with no
// English one is an error at its place in the French file; nothing is
// published.
func TestMissingBlocksAreErrors(t *testing.T) {
	const (
		bulletinEN = "content/bulletins/fixture-bulletin.en.md"
		bulletinFR = "content/bulletins/fixture-bulletin.fr.md"
		reportEN   = "content/reports/fixture-report.en.md"
		endEN      = "Firewalls are mentioned again here, and only the first use is linked.\n"
		endFR      = "occurrence est liée.\n"
		hint       = "; translate it in " + bulletinFR + " at its place, after the translation of the block before it; or send it to a translator with site i18n export"
	)
	for _, tc := range []struct {
		name            string
		file, old, new_ string
		want            []string
	}{
		{"a heading", bulletinEN, endEN, endEN + "\n## What to do\n",
			[]string{bulletinEN + `:21:1: bulletin/fixture-bulletin#body[b3]: the heading "What to do" has no "fr" (Français) block in ` + bulletinFR + ": the page would publish it in one language" + hint}},
		{"a paragraph", bulletinEN, endEN, endEN + "\nPatch first, then watch the logs.\n",
			[]string{bulletinEN + `:21:1: bulletin/fixture-bulletin#body[b3]: the paragraph "Patch first, then watch the logs." has no "fr" (Français) block in ` + bulletinFR + ": the page would publish it in one language" + hint}},
		{"a list item", bulletinEN, endEN, endEN + "\n- Patch first.\n",
			[]string{bulletinEN + `:21:1: bulletin/fixture-bulletin#body[b3]: the list item "Patch first." has no "fr" (Français) block in ` + bulletinFR + ": the page would publish it in one language" + hint}},
		{"a quotation", bulletinEN, endEN, endEN + "\n> Patch first.\n",
			[]string{bulletinEN + `:21:1: bulletin/fixture-bulletin#body[b3]: the quotation "Patch first." has no "fr" (Français) block in ` + bulletinFR + ": the page would publish it in one language" + hint}},
		{"a table", bulletinEN, endEN, endEN + "\n| Step | When |\n| --- | --- |\n| Patch | First |\n",
			[]string{bulletinEN + `:21:1: bulletin/fixture-bulletin#body[b3]: the table "| Step | When | |…" has no "fr" (Français) block in ` + bulletinFR + ": the page would publish it in one language" + hint}},
		{"a footnote", reportEN, "[^note]: A footnote.\n", "[^note]: A footnote.\n\n[^more]: Another footnote.\n",
			[]string{reportEN + `:13:1: report/fixture-report#body[b4]: the footnote "Another footnote." has no "fr" (Français) block in content/reports/fixture-report.fr.md: the page would publish it in one language; translate it in content/reports/fixture-report.fr.md at its place, after the translation of the block before it; or send it to a translator with site i18n export`}},
		{"a French paragraph with no English", bulletinFR, endFR, endFR + "\nUn paragraphe de trop.\n",
			[]string{bulletinFR + `:23:1: bulletin/fixture-bulletin#body: the "fr" (Français) paragraph "Un paragraphe de trop." translates no block of ` + bulletinEN + ": the page would publish it in one language; remove it, or add the block it translates to " + bulletinEN}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			sitetest.Edit(t, root, tc.file, tc.old, tc.new_)
			expectRefused(t, root, tc.want)
		})
	}
}

// A French paragraph added in the middle of a body whose blocks are
// recorded was blamed on the last French paragraph, a true translation,
// with the advice to remove it.
func TestAnExtraBlockIsFoundByItsWords(t *testing.T) {
	const bulletinFR = "content/bulletins/fixture-bulletin.fr.md"
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, bulletinFR, "## Pourquoi un pare-feu ne suffit pas\n", "## Pourquoi un pare-feu ne suffit pas\n\nUn paragraphe ajouté en français seulement.\n")
	expectRefused(t, root, []string{
		bulletinFR + `:18:1: bulletin/fixture-bulletin#body: the "fr" (Français) paragraph "Un paragraphe ajouté en français seulement." translates no block of content/bulletins/fixture-bulletin.en.md: the page would publish it in one language; remove it, or add the block it translates to content/bulletins/fixture-bulletin.en.md`,
	})
}
