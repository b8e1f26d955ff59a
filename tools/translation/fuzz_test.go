package translation_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/cyberpub/site/tools/translation"
)

// Translations coming back are untrusted: for any target text, in a data
// file's TOML, a page's Markdown and a catalogue, an import either writes
// files that decode to exactly that text, or is refused with no file
// changed.
func FuzzXLIFFImport(f *testing.F) {
	for _, s := range []string{
		"Un texte",
		`des "guillemets", des ''' et des """ triples, une \ barre`,
		"+++\ntitle = \"une page\"\n+++\nUn texte",
		"[table]\nkey = 1\n# un commentaire",
		"une ligne\r\nune autre\rencore",
		"\x00\x01\x1b", "\t tabulé \t", "é\u00a0: «\u202fguillemets\u202f»", "]]> &amp; <b>",
		"\\u0041 \\n \\\\", "'", `"`, "\n\n", " fin ",
	} {
		f.Add(s)
	}
	ws, root := open(f)
	export, err := ws.ExportXLIFF("fr", translation.Selection{})
	if err != nil {
		f.Fatal(err)
	}
	var ids []string
	for _, s := range oneSegmentOfEachKind(f, ws) {
		ids = append(ids, s.ID)
	}
	site := sitetest.Snapshot(f, root)

	f.Fuzz(func(t *testing.T, target string) {
		root := t.TempDir()
		sitetest.Write(t, root, site)
		ws := reopen(t, root)
		translations := map[string]string{}
		for _, id := range ids {
			translations[id] = target
		}
		xlf := sitetest.TranslateXLIFF(t, export, translations)
		// What the file says, as any XML reader reads it: line ends
		// normalized, a character XML cannot hold replaced.
		var doc struct {
			Units []struct {
				ID     string `xml:"id,attr"`
				Target string `xml:"target"`
			} `xml:"file>body>trans-unit"`
		}
		if err := xml.Unmarshal(xlf, &doc); err != nil {
			t.Fatalf("the translated XLIFF is not XML: %v", err)
		}
		sent := map[string]string{}
		for _, u := range doc.Units {
			sent[u.ID] = u.Target
		}
		before := sitetest.Snapshot(t, root)
		_, err := ws.ImportXLIFF("translate.fr.xlf", bytes.NewReader(xlf), false)
		after := sitetest.Snapshot(t, root)
		if err != nil {
			if !maps.Equal(before, after) {
				t.Fatalf("the import of %q failed (%v) but changed files", target, err)
			}
			return
		}
		if strings.TrimSpace(target) == "" {
			return // an empty target is no translation
		}
		decoded := map[string]string{}
		// What site check thinks of the texts (raw HTML, typography) is
		// not the import's business.
		again, _ := load(t, root)
		for _, s := range translation.Segments(again.Units("fr")) {
			decoded[s.ID] = s.Target
		}
		for _, id := range ids {
			// Spaces around a text are not kept: CAT tools add and remove
			// them at will.
			want := strings.TrimSpace(content.Normalize(sent[id]))
			if got := decoded[id]; got != want {
				t.Errorf("%s: imported %q, the file now says %q", id, want, got)
			}
		}
	})
}

// Whatever a catalogue holds, the source's (English) or a translation's
// (French), its checks end, without a panic, with problems that say where
// they are; a warning of its language's typography is at a line of it.
func FuzzCatalogueChecks(f *testing.F) {
	for _, s := range []string{
		"[count]\none = \"{{ .Count }} élément\"\nother = \"{{ .Count }} éléments\"\n",
		"[count]\nsingular = \"x\"\n", "[count]\nother = \"{{ .Count \"\n", "count = \"x\"\n",
		"[count]\nother = 1\n", "[count.other]\nx = 1\n", "[a]\n[b]\nother = \"\"\n", "",
		"[title]\nother = \"It's \\\"home\\\" 'here'\"\n", "title = \"l'accueil\"\n",
		"[title]\nother = '''\nIt's \"home\"\n'''\n", "[count]\none = \"{{ .Count }} event's\"\nother = \"{{ \\\"x'\\\" }}\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, catalogue string) {
		for _, file := range []string{"i18n/en.toml", "i18n/fr.toml"} {
			root := t.TempDir()
			sitetest.Write(t, root, sitetest.Files(base))
			sitetest.Write(t, root, map[string]string{file: catalogue})
			ws, problems := load(t, root)
			lines := strings.Count(catalogue, "\n") + 1
			for _, p := range append(problems, ws.Check(true)...) {
				if p.File == "" || p.Message == "" {
					t.Errorf("%s: a problem without its file or message: %+v", file, p)
				}
				typographic := strings.Contains(p.Message, "apostrophe") || strings.Contains(p.Message, "quotation mark")
				if typographic && p.File == file && (p.Line < 1 || p.Line > lines || p.Col < 1) {
					t.Errorf("%s: a typography warning outside the catalogue's %d lines: %+v", file, lines, p)
				}
			}
		}
	})
}

// oneSegmentOfEachKind returns a segment of each kind of file the import
// writes into: a text of a data file, a page's body, an interface message.
func oneSegmentOfEachKind(t testing.TB, ws *translation.Workspace) []translation.Segment {
	t.Helper()
	var segments []translation.Segment
	for _, want := range []func(u *translation.Unit) bool{
		func(u *translation.Unit) bool { return u.Text != nil && u.Text.Field.Type != "body" },
		func(u *translation.Unit) bool { return u.Text != nil && u.Text.Field.Type == "body" },
		func(u *translation.Unit) bool { return u.Message != nil },
	} {
		for _, s := range translation.Segments(ws.Units("fr")) {
			if want(s.Unit) {
				segments = append(segments, s)
				break
			}
		}
	}
	if len(segments) != 3 {
		t.Fatalf("the test site has no text of some kind: %d found", len(segments))
	}
	return segments
}

// The same for a goi18n translate file: any text merges into files that
// decode to exactly it, or nothing changes.
func FuzzGoi18nMerge(f *testing.F) {
	for _, s := range []string{"Un texte", `des ''' et des """`, "+++\ntitle = 1\n+++", "[t]\nk = 1", "a\r\nb", "\\u0041", "\x00", " fin "} {
		f.Add(s)
	}
	ws, root := open(f)
	site := sitetest.Snapshot(f, root)
	segments := oneSegmentOfEachKind(f, ws)

	f.Fuzz(func(t *testing.T, target string) {
		root := t.TempDir()
		sitetest.Write(t, root, site)
		ws := reopen(t, root)
		var file strings.Builder
		for _, s := range segments {
			if s.Unit.Message != nil {
				fmt.Fprintf(&file, "[%s]\nhash = %s\n%s = %s\n", tomlfile.Key(s.Unit.Message.Key), tomlfile.Quote(s.Unit.SourceHash), s.Form, tomlfile.Quote(target))
			} else {
				fmt.Fprintf(&file, "[%s]\nhash = %s\nother = %s\n", tomlfile.Key(s.ID), tomlfile.Quote(translation.Hash(s.Source)), tomlfile.Quote(target))
			}
		}
		// What the file says, as a TOML reader reads it.
		var sent map[string]map[string]string
		if _, err := toml.Decode(file.String(), &sent); err != nil {
			t.Fatalf("the translate file is not TOML: %v\n%s", err, file.String())
		}
		before := sitetest.Snapshot(t, root)
		_, err := ws.Merge("fr", "translate.fr.toml", strings.NewReader(file.String()), false)
		if err != nil {
			if after := sitetest.Snapshot(t, root); !maps.Equal(before, after) {
				t.Fatalf("the merge of %q failed (%v) but changed files", target, err)
			}
			return
		}
		if strings.TrimSpace(target) == "" {
			return
		}
		again, _ := load(t, root)
		decoded := map[string]string{}
		for _, s := range translation.Segments(again.Units("fr")) {
			decoded[s.ID] = s.Target
		}
		for _, s := range segments {
			key, form := s.ID, "other"
			if s.Unit.Message != nil {
				key, form = s.Unit.Message.Key, s.Form
			}
			want := strings.TrimSpace(content.Normalize(sent[key][form]))
			if got := decoded[s.ID]; got != want && want != strings.TrimSpace(s.Source) {
				t.Errorf("%s: merged %q, the file now says %q", s.ID, want, got)
			}
		}
	})
}
