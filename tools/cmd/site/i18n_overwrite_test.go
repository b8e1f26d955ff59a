package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// TestExportNeverDestroysWork: export and extract refuse to write into the
// site's own files, to replace a translator's file holding translations
// not imported yet, or to replace a file they did not write; each says
// which and what to do, and nothing at all is written: not the project's
// files, not the translator's files.
func TestExportNeverDestroysWork(t *testing.T) {
	const event = "timeline/fixture#events[2022-07-14-later].text"
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root, dir string) []string // the command line
		want  string                                        // stderr, ROOT and DIR standing for the folders
	}{
		{
			// -o data/mitigations.toml replaced a data file with XLIFF.
			name: "a data file",
			setup: func(t *testing.T, root, dir string) []string {
				return []string{"i18n", "export", "-o", filepath.Join(root, "data", "mitigations.toml")}
			},
			want: "site i18n export: ROOT/data/mitigations.toml is in the site's own files (data/, which the site is made from): nothing was written; write the export outside the site's folders and settings, with -o FILE",
		},
		{
			// A new file in content/ would be published by Hugo.
			name: "a new file in content/",
			setup: func(t *testing.T, root, dir string) []string {
				return []string{"i18n", "export", "-o", filepath.Join(root, "content", "translate.fr.xlf")}
			},
			want: "site i18n export: ROOT/content/translate.fr.xlf is in the site's own files (content/, which the site is made from): nothing was written; write the export outside the site's folders and settings, with -o FILE",
		},
		{
			// The record of translations, even with --force.
			name: "the translation state, forced",
			setup: func(t *testing.T, root, dir string) []string {
				sitetest.Edit(t, root, "data/timelines/fixture.toml", "text.fr = \"Connu seulement par son année.\"\n", "")
				return []string{"i18n", "extract", "--force", "-o", filepath.Join(root, "translation-state.toml")}
			},
			want: "site i18n extract: ROOT/translation-state.toml is in the site's own files (translation-state.toml, which the site is made from): nothing was written; write the export outside the site's folders and settings, with -o FILE",
		},
		{
			// Exporting again replaced a translate.fr.xlf filled in and not
			// imported yet.
			name: "an XLIFF file translated and not imported",
			setup: func(t *testing.T, root, dir string) []string {
				xlf := filepath.Join(dir, "translate.fr.xlf")
				mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
				data, _ := os.ReadFile(xlf)
				sitetest.Write(t, dir, map[string]string{"translate.fr.xlf": string(sitetest.TranslateXLIFF(t, data, map[string]string{event: "Un événement plus tardif, retraduit."}))})
				return []string{"i18n", "export", "-o", xlf}
			},
			want: `site i18n export: DIR/translate.fr.xlf holds 1 translation not imported yet ("timeline/fixture#events[2022-07-14-later].text"): nothing was written; run "site i18n import DIR/translate.fr.xlf" first, give -o another file, or --force to replace it`,
		},
		{
			// A goi18n file with more translations than can be listed: the
			// count and the first three.
			name: "a goi18n file translated and not merged",
			setup: func(t *testing.T, root, dir string) []string {
				file := filepath.Join(dir, "translate.fr.toml")
				sitetest.Edit(t, root, "data/timelines/fixture.toml", "text.fr = \"Connu seulement par son année.\"\n", "")
				sitetest.Write(t, dir, map[string]string{"translate.fr.toml": "[eventsHeading]\nother = \"Les événements\"\n[footnoteBack]\nother = \"Retour\"\n[home]\nother = \"Accueil du site\"\n[\"" + event + "\"]\nother = \"Plus tard.\"\n"})
				return []string{"i18n", "extract", "-o", file}
			},
			want: `site i18n extract: DIR/translate.fr.toml holds 4 translations not imported yet (the first "eventsHeading", "footnoteBack", "home"): nothing was written; run "site i18n merge DIR/translate.fr.toml" first, give -o another file, or --force to replace it`,
		},
		{
			// A file of another kind where the XLIFF would go.
			name: "a file the export did not write",
			setup: func(t *testing.T, root, dir string) []string {
				sitetest.Write(t, dir, map[string]string{"notes.xlf": "My notes on the translation.\n"})
				return []string{"i18n", "export", "-o", filepath.Join(dir, "notes.xlf")}
			},
			want: "site i18n export: DIR/notes.xlf is there already and is not a file the export wrote (the XLIFF file has no <file>): nothing was written; give -o another file, or --force to replace it",
		},
		{
			// The termbase beside it is replaced only when it is one.
			name: "a termbase that is not one",
			setup: func(t *testing.T, root, dir string) []string {
				sitetest.Write(t, dir, map[string]string{"translate.fr.tbx": "<glossary>the translator's own</glossary>\n"})
				return []string{"i18n", "export", "-o", filepath.Join(dir, "translate.fr.xlf")}
			},
			want: "site i18n export: DIR/translate.fr.tbx is there already and is not a file the export wrote (it is not a termbase (TBX): its root is <glossary>): nothing was written; give -o another file, or --force to replace it",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root, dir := fixture(t), t.TempDir()
			args := tc.setup(t, root, dir)
			before, sent := sitetest.Snapshot(t, root), sitetest.Snapshot(t, dir)
			code, stdout, stderr := runSite(t, append(args, "--source", root)...)
			want := strings.NewReplacer("ROOT", root, "DIR", dir).Replace(tc.want)
			if code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("exit %d\n%s%s\nwant:\n%s", code, stdout, stderr, want)
			}
			if !maps.Equal(before, sitetest.Snapshot(t, root)) {
				t.Error("the project's files changed")
			}
			if !maps.Equal(sent, sitetest.Snapshot(t, dir)) {
				t.Error("the translator's files changed")
			}
		})
	}
}

// An export is replaced when it holds nothing new, or with --force.
func TestExportReplacesItsOwnFiles(t *testing.T) {
	root, dir := fixture(t), t.TempDir()
	xlf := filepath.Join(dir, "translate.fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root) // untouched: replaced
	data, _ := os.ReadFile(xlf)
	translated := sitetest.TranslateXLIFF(t, data, map[string]string{"timeline/fixture#title": "Une autre chronologie"})
	sitetest.Write(t, dir, map[string]string{"translate.fr.xlf": string(translated)})
	if code, _, _ := runSite(t, "i18n", "export", "-o", xlf, "--source", root); code != 1 {
		t.Fatalf("a translated file was replaced: exit %d", code)
	}
	mustRun(t, "i18n", "export", "--force", "-o", xlf, "--source", root)
	if again, _ := os.ReadFile(xlf); string(again) != string(data) {
		t.Error("--force did not replace the file with the export")
	}
	// Once imported, its translations are the site's: replaced.
	sitetest.Write(t, dir, map[string]string{"translate.fr.xlf": string(translated)})
	mustRun(t, "i18n", "import", xlf, "--source", root)
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
}
