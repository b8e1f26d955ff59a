package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// xliffUnits reads the trans-units of an XLIFF file.
func xliffUnits(t *testing.T, data []byte) map[string]struct{ Source, State, Target string } {
	t.Helper()
	var doc struct {
		Files []struct {
			Units []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source"`
				Target struct {
					State string `xml:"state,attr"`
					Text  string `xml:",chardata"`
				} `xml:"target"`
			} `xml:"body>trans-unit"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	units := map[string]struct{ Source, State, Target string }{}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			units[u.ID] = struct{ Source, State, Target string }{u.Source, u.Target.State, u.Target.Text}
		}
	}
	return units
}

// TestXLIFFRoundTrip removes French texts of several kinds, exports XLIFF,
// translates it as a CAT tool would (the removed texts come back, an
// outdated one gets a new translation), imports it and builds: the French
// site shows the texts, and every byte outside the translated values is as
// it was.
func TestXLIFFRoundTrip(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	const (
		timeline  = "data/timelines/fixture.toml"
		page      = "content/backgrounders/fixture-backgrounder.fr.md"
		catalogue = "i18n/fr.toml"
	)
	original := sitetest.Snapshot(t, root)

	// What the translator is given: a French event text (a dotted key), a
	// French note (in an inline table), a French page's body and an
	// interface message are missing, and one English event text changed.
	sitetest.Edit(t, root, timeline, "text.fr = \"Connu seulement par son mois.\"\n", "")
	sitetest.Edit(t, root, timeline, `, fr = "Une première note."`, "")
	sitetest.Edit(t, root, timeline, "An event on the first of the month.", "An event on the first day of the month.")
	sitetest.Edit(t, root, page, "Un document d’information, daté.\n", "")
	withoutMessage := regexp.MustCompile(`(?s)\n\[footnoteBack\]\nother = "[^"]*"\n`).ReplaceAllString(original[catalogue], "\n")
	sitetest.Write(t, root, map[string]string{catalogue: withoutMessage})
	before := sitetest.Snapshot(t, root)

	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "--lang", "fr", "-o", xlf, "--source", root)
	validateXLIFF(t, xlf)
	data, _ := os.ReadFile(xlf)
	units := xliffUnits(t, data)
	translations := map[string]string{
		"timeline/fixture#events[2021-03-month-only].text":            "Connu seulement par son mois.",
		"timeline/fixture#events[2021-03-01-first-of-month].notes[1]": "Une première note.",
		"backgrounder/fixture-backgrounder#body[b1]":                  "Un document d’information, daté.",
		"i18n#footnoteBack.other":                                     "Retour au texte",
		"timeline/fixture#events[2021-03-01-first-of-month].text":     "Un événement le premier jour du mois.",
	}
	for id := range translations {
		want := "needs-translation"
		if strings.Contains(id, "first-of-month].text") {
			want = "needs-review-translation"
		}
		if units[id].State != want {
			t.Errorf("export: %s has state %q, want %q", id, units[id].State, want)
		}
	}
	for id, u := range units {
		if _, ok := translations[id]; !ok && u.State != "translated" {
			t.Errorf("export: %s has state %q, but it is translated and current", id, u.State)
		}
	}
	if err := os.WriteFile(xlf, sitetest.TranslateXLIFF(t, data, translations), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "i18n", "import", xlf, "--source", root); !strings.Contains(out, "5 translations") {
		t.Fatalf("import: %s", out)
	}

	// Every byte is back where it was, but for the English change and the
	// new translation of the outdated text, and the catalogue's message,
	// which is added at its end.
	after := sitetest.Snapshot(t, root)
	wantTimeline := strings.Replace(original[timeline], "An event on the first of the month.", "An event on the first day of the month.", 1)
	wantTimeline = strings.Replace(wantTimeline, "Un événement le premier du mois.", "Un événement le premier jour du mois.", 1)
	if after[timeline] != wantTimeline {
		t.Errorf("the timeline differs from the expected bytes:\n%s", sitetest.FirstDiff(wantTimeline, after[timeline]))
	}
	if after[page] != original[page] {
		t.Errorf("the page differs:\n%s", sitetest.FirstDiff(original[page], after[page]))
	}
	if !strings.HasPrefix(after[catalogue], strings.TrimSuffix(withoutMessage, "\n")) || !strings.HasSuffix(after[catalogue], "[footnoteBack]\nother = \"Retour au texte\"\n") {
		t.Errorf("the catalogue: every line kept, the message added at the end; got its end:\n%s", after[catalogue][max(0, len(after[catalogue])-200):])
	}
	for file, content := range after {
		if file != timeline && file != page && file != catalogue && file != "translation-state.toml" && before[file] != content {
			t.Errorf("the import changed %s", file)
		}
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
	built, _ := os.ReadFile(filepath.Join(build(t, root, "--minify=false"), "fr/chronologies/chronologie-essai/index.html"))
	if !strings.Contains(string(built), "Un événement le premier jour du mois.") {
		t.Error("the French timeline does not show the imported translation")
	}
}

// A page with CRLF line ends is split as one with LF: its front matter is
// in no unit, and its body imports back with CRLF line ends.
func TestXLIFFOfCRLFPages(t *testing.T) {
	files := sitetest.Files(sitetest.Fixture)
	for name, src := range files {
		files[name] = strings.ReplaceAll(src, "\n", "\r\n")
	}
	root := fixture(t, sitetest.Archive(files))
	const page = "content/backgrounders/fixture-backgrounder.fr.md"
	sitetest.Edit(t, root, page, "Un document d’information, daté.\r\n", "")
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	data, _ := os.ReadFile(xlf)
	units := xliffUnits(t, data)
	for id, u := range units {
		if strings.Contains(u.Source, "+++") || strings.Contains(u.Target, "+++") || strings.Contains(u.Source, "title =") {
			t.Errorf("%s holds front matter: %q", id, u.Source)
		}
	}
	if units["backgrounder/fixture-backgrounder#body[b1]"].Source != "A backgrounder, dated." {
		t.Errorf("the backgrounder's body: %+v", units["backgrounder/fixture-backgrounder#body[b1]"])
	}
	data = sitetest.TranslateXLIFF(t, data, map[string]string{"backgrounder/fixture-backgrounder#body[b1]": "Une déclaration,\ndatée."})
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "i18n", "import", xlf, "--source", root)
	if got := sitetest.Read(t, root, page); !strings.HasSuffix(got, "+++\r\nUne déclaration,\r\ndatée.\r\n") {
		t.Errorf("the page after the import:\n%q", got)
	}
}

// validateXLIFF validates a file against the official XLIFF 1.2 schema
// with xmllint.
func validateXLIFF(t *testing.T, file string) {
	t.Helper()
	xmllint := sitetest.Command(t, "xmllint", "apt-get install libxml2-utils")
	schema := sitetest.Schema(t, "xliff1.2/xliff-core-1.2-strict.xsd")
	if out, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput(); err != nil {
		t.Fatalf("the XLIFF is not valid XLIFF 1.2: %v\n%s", err, out)
	}
}

// Units the site does not have are all reported, and nothing is written.
func TestImportReportsEveryUnknownUnit(t *testing.T) {
	root := fixture(t)
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	data, _ := os.ReadFile(xlf)
	data = bytes.Replace(data, []byte(`id="timeline/fixture#title"`), []byte(`id="timeline/gone#title"`), 1)
	data = bytes.Replace(data, []byte(`id="term/exploit#term"`), []byte(`id="term/gone#term"`), 1)
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Snapshot(t, root)
	code, _, stderr := runSite(t, "i18n", "import", xlf, "--source", root)
	// Line 8: the declaration, the xliff element, the first file and its header (a note on three lines), then its first unit.
	for _, want := range []string{xlf + `:8:7: trans-unit "timeline/gone#title" is not a text of the site`, `: trans-unit "term/gone#term" is not a text of the site`, "nothing was imported"} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("import: exit %d, want %q:\n%s", code, want, stderr)
		}
	}
	for file, content := range sitetest.Snapshot(t, root) {
		if before[file] != content {
			t.Errorf("%s changed", file)
		}
	}
}

// A translation reviewed and kept as it was (needs-review-translation set
// to translated, the text unchanged) is current once imported.
func TestImportConfirmsAReviewedTranslation(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "A later event, listed first in the file.", "A later event, the first in the file.")
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	data, _ := os.ReadFile(xlf)
	const id = "timeline/fixture#events[2022-07-14-later].text"
	if units := xliffUnits(t, data); units[id].State != "needs-review-translation" {
		t.Fatalf("%s: %+v", id, units[id])
	}
	data = sitetest.TranslateXLIFF(t, data, map[string]string{id: "Un événement plus tardif, inscrit en premier dans le fichier."})
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "i18n", "import", xlf, "--source", root); !strings.Contains(out, "(1 of them reviewed in the file: confirmed as current)") {
		t.Errorf("the import does not say it confirmed the translation:\n%s", out)
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
}

// An XLIFF file with a document type is refused whole: its entities would
// put into the site texts no one translated, or expand without end.
func TestImportRefusesADoctype(t *testing.T) {
	root := fixture(t)
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	data, _ := os.ReadFile(xlf)
	units := xliffUnits(t, data)
	const id = "timeline/fixture#title"
	data = sitetest.TranslateXLIFF(t, data, map[string]string{id: "PLACEHOLDER"})
	data = bytes.Replace(data, []byte("PLACEHOLDER"), []byte("&lol9;"), 1)
	bomb := `<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;&lol2;">]>` + "\n"
	data = bytes.Replace(data, []byte("<xliff"), []byte(bomb+"<xliff"), 1)
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Snapshot(t, root)
	code, _, stderr := runSite(t, "i18n", "import", xlf, "--source", root)
	if code != 1 || !strings.Contains(stderr, "the XLIFF file has a DOCTYPE, which XLIFF does not use: nothing was imported") {
		t.Errorf("import: exit %d:\n%s", code, stderr)
	}
	if after := sitetest.Snapshot(t, root); !maps.Equal(before, after) {
		t.Error("files changed")
	}
	if units[id].Source == "" {
		t.Errorf("no unit %s in the export", id)
	}
}

// exportEventText exports, as XLIFF validated against its schema, the
// fixture with an event's English text replaced by text; it returns the
// site, the file and its bytes.
func exportEventText(t *testing.T, text string) (root, xlf string, data []byte) {
	t.Helper()
	root = fixture(t)
	sitetest.Edit(t, root, "data/timelines/fixture.toml", `text.en = "A later event, listed first in the file."`, "text.en = '''"+text+"'''")
	xlf = filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	validateXLIFF(t, xlf)
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	return root, xlf, data
}

// Texts with XML's special characters export as text, in a file that
// validates against the XLIFF schema.
func TestXLIFFExportEscapesTexts(t *testing.T) {
	const text = `Risks: a < b & c > d, "quoted" and 'quoted', ]]> and &amp; as written`
	_, _, data := exportEventText(t, text)
	if got := xliffUnits(t, data)["timeline/fixture#events[2022-07-14-later].text"].Source; got != text {
		t.Errorf("the source reads %q, want %q", got, text)
	}
}

// Inline Markdown exports as <ph> elements holding the markup, which a
// CAT tool shows as tags; a target whose tags were moved and renumbered,
// as CAT tools do, imports with the markup exactly as it was in them.
func TestInlineMarkupTravelsAsTags(t *testing.T) {
	const (
		id   = "timeline/fixture#events[2022-07-14-later].text"
		text = "A *word*, a **strong** [link](https://example.org/a_b \"title\") and a note[^1], `code_x` and <https://example.org/>."
	)
	root, xlf, data := exportEventText(t, text)
	want := `<source>A <ph id="1">*</ph>word<ph id="2">*</ph>, a <ph id="3">**</ph>strong<ph id="4">**</ph> <ph id="5">[</ph>link<ph id="6">](https://example.org/a_b &#34;title&#34;)</ph> and a note<ph id="7">[^1]</ph>, <ph id="8">` + "`code_x`" + `</ph> and <ph id="9">&lt;https://example.org/&gt;</ph>.</source>`
	if !strings.Contains(string(data), want) {
		t.Fatalf("the export does not hold\n%s", want)
	}
	// Every tag placed, in another order, renumbered, one left empty.
	target := `Un <ph id="12">[</ph>lien<ph id="13">](https://example.org/a_b &#34;title&#34;)</ph>, un <ph id="10">**</ph>fort<ph id="11">**</ph>, un <ph id="1">*</ph>mot<ph id="2">*</ph>, une note<ph id="7"/>, <ph id="8">` + "`code_x`" + `</ph> et <ph id="9">&lt;https://example.org/&gt;</ph>.`
	re := regexp.MustCompile(`(<trans-unit id="` + regexp.QuoteMeta(id) + `"[\s\S]*?<target state=")[^"]*(">)[\s\S]*?(</target>)`)
	data = re.ReplaceAll(data, []byte("${1}translated${2}"+target+"${3}"))
	if err := os.WriteFile(xlf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A tag left out: refused, nothing written.
	dropped := filepath.Join(filepath.Dir(xlf), "dropped.xlf")
	tag := `<ph id="8">` + "`code_x`" + `</ph>`
	at := bytes.LastIndex(data, []byte(tag)) // in the target
	if err := os.WriteFile(dropped, append(slices.Clone(data[:at]), data[at+len(tag):]...), 0o644); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Snapshot(t, root)
	if code, _, stderr := runSite(t, "i18n", "import", dropped, "--source", root); code == 0 || !strings.Contains(stderr, "the translation lacks tags of its source: `code_x`") {
		t.Errorf("a tag left out: exit %d\n%s", code, stderr)
	}
	if !maps.Equal(before, sitetest.Snapshot(t, root)) {
		t.Error("a refused import changed files")
	}
	mustRun(t, "i18n", "import", xlf, "--source", root)
	if got, want := sitetest.Snapshot(t, root)["data/timelines/fixture.toml"], "text.fr = \"Un [lien](https://example.org/a_b \\\"title\\\"), un **fort**, un *mot*, une note[^1], `code_x` et <https://example.org/>.\""; !strings.Contains(got, want) {
		t.Errorf("the timeline does not hold %s", want)
	}
}

// export --todo holds exactly the missing and outdated texts, and its
// header says so; translate-toolkit reads it; --kind and ids narrow it;
// importing the partial file changes only its units. Nothing to do writes
// nothing.
func TestExportOnlyWhatNeedsWork(t *testing.T) {
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	const timeline = "data/timelines/fixture.toml"
	xlf := filepath.Join(t.TempDir(), "todo.xlf")
	if out := mustRun(t, "i18n", "export", "--todo", "-o", xlf, "--source", root); !strings.Contains(out, "nothing to translate") {
		t.Fatalf("with every text current, export --todo: %s", out)
	}
	if _, err := os.Stat(xlf); err == nil {
		t.Fatal("export --todo wrote a file with nothing to translate")
	}
	sitetest.Edit(t, root, timeline, "text.fr = \"Connu seulement par son mois.\"\n", "")
	sitetest.Edit(t, root, timeline, "An event on the first of the month.", "An event on the first day of the month.")
	want := map[string]string{
		"timeline/fixture#events[2021-03-month-only].text":        "needs-translation",
		"timeline/fixture#events[2021-03-01-first-of-month].text": "needs-review-translation",
	}
	mustRun(t, "i18n", "export", "--todo", "-o", xlf, "--source", root)
	validateXLIFF(t, xlf)
	data, _ := os.ReadFile(xlf)
	units := xliffUnits(t, data)
	if len(units) != len(want) {
		t.Errorf("export --todo holds %d units, want %d: %v", len(units), len(want), units)
	}
	for id, state := range want {
		if units[id].State != state {
			t.Errorf("export --todo: %s has state %q, want %q", id, units[id].State, state)
		}
	}
	// The words, as agencies bill them: "Known only by its month." is new
	// (5 words), "An event on the first day of the month." outdated (9).
	if !strings.Contains(string(data), "<note>This export holds the missing and outdated texts: 2 units in all. Words to translate: 5 new, 9 outdated, 0 repeated.") {
		t.Errorf("the file's header does not say what it holds:\n%s", data[:min(len(data), 600)])
	}
	if out := mustRun(t, "i18n", "status", "--source", root); !strings.Contains(out, "as agencies count them: 5 new, 9 outdated, 0 repeated") {
		t.Errorf("status does not count the words:\n%s", out)
	}
	// A text the same as one with a current translation is repeated: the
	// memory fills it.
	sitetest.Edit(t, root, timeline, `text.en = "Known only by its month."`, `text.en = "Known only by its year."`)
	if out := mustRun(t, "i18n", "status", "--source", root); !strings.Contains(out, "0 new, 9 outdated, 5 repeated") {
		t.Errorf("status does not count the repeated words:\n%s", out)
	}
	sitetest.Edit(t, root, timeline, `text.en = "Known only by its year."`, `text.en = "Known only by its month."`)
	if read := readWithToolkit(t, xlf); len(read) != len(want) {
		t.Errorf("translate-toolkit reads %d units: %v", len(read), read)
	}
	// Narrowed to the catalogue's messages, there is nothing to do; to the
	// one event, one unit.
	if out := mustRun(t, "i18n", "export", "--todo", "--kind", "interface", "-o", filepath.Join(t.TempDir(), "i.xlf"), "--source", root); !strings.Contains(out, "nothing to translate") {
		t.Errorf("--kind interface: %s", out)
	}
	one := filepath.Join(t.TempDir(), "one.xlf")
	mustRun(t, "i18n", "export", "--todo", "-o", one, "--source", root, "timeline/fixture#events[2021-03-month-only].text")
	oneData, _ := os.ReadFile(one)
	if u := xliffUnits(t, oneData); len(u) != 1 {
		t.Errorf("narrowed to one id: %v", u)
	}
	// A kind the model does not have is refused, with the kinds it has.
	if code, _, stderr := runSite(t, "i18n", "export", "--kind", "timelines", "-o", one, "--force", "--source", root); code == 0 || !strings.Contains(stderr, `"timelines"`) || !strings.Contains(stderr, "timeline") {
		t.Errorf("an unknown kind: exit %d\n%s", code, stderr)
	}

	// The partial file, translated and imported: only its two texts change.
	before := sitetest.Snapshot(t, root)
	translated := sitetest.TranslateXLIFF(t, data, map[string]string{
		"timeline/fixture#events[2021-03-month-only].text":        "Connu seulement par son mois.",
		"timeline/fixture#events[2021-03-01-first-of-month].text": "Un événement le premier jour du mois.",
	})
	if err := os.WriteFile(xlf, translated, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "i18n", "import", xlf, "--source", root)
	after := sitetest.Snapshot(t, root)
	for file, content := range after {
		if file != timeline && file != "translation-state.toml" && before[file] != content {
			t.Errorf("importing the partial file changed %s", file)
		}
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
}

// An import checks every translation as site check does: a warning
// (typography, a glossary term) is printed at its trans-unit and the line
// of its target in the file, and the import goes on; --strict refuses the
// file for it, and an error refuses it whole, warnings listed too.
func TestImportChecksEachTranslation(t *testing.T) {
	const (
		event = "timeline/fixture#events[2021-03-01-first-of-month].text"
		block = "bulletin/fixture-bulletin#body[b2]"
	)
	translations := map[string]string{
		event: "Un événement l'après-midi du premier du mois.", // a straight apostrophe
		// Firewall is pare-feu in the glossary.
		block: "Un coupe-feu filtre le trafic, mais un exploit d’une vulnérabilité connue le traverse. La détection exige des journaux\u00a0; " +
			"l’élévation de privilèges suit la compromission. Les coupe-feu sont de nouveau mentionnés ici, et seule la première mention est liée.",
	}
	// targetAt is the line and column of a unit's <target> in the file.
	targetAt := func(data []byte, id string) string {
		unit := bytes.Index(data, []byte(`<trans-unit id="`+id+`"`))
		target := unit + bytes.Index(data[unit:], []byte("<target"))
		line := 1 + bytes.Count(data[:target], []byte("\n"))
		return fmt.Sprintf("%d:%d", line, target-bytes.LastIndexByte(data[:target], '\n'))
	}
	export := func(root string, more map[string]string) (string, []byte) {
		xlf := filepath.Join(t.TempDir(), "fr.xlf")
		mustRun(t, "i18n", "export", "--lang", "fr", "-o", xlf, "--source", root)
		data, _ := os.ReadFile(xlf)
		data = sitetest.TranslateXLIFF(t, data, translations)
		data = sitetest.TranslateXLIFF(t, data, more)
		if err := os.WriteFile(xlf, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return xlf, data
	}

	root := fixture(t)
	xlf, data := export(root, nil)
	code, stdout, stderr := runSite(t, "i18n", "import", xlf, "--source", root)
	for _, want := range []string{
		fmt.Sprintf("%s:%s: warning: trans-unit %q: a straight apostrophe in \"Un événement l'après-midi du premi", xlf, targetAt(data, event), event),
		fmt.Sprintf("%s:%s: warning: trans-unit %q: the source uses the glossary term \"firewall\", and the translation none of its Français forms: \"pare-feu\"", xlf, targetAt(data, block), block),
	} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("import: exit %d, want %q:\n%s%s", code, want, stdout, stderr)
		}
	}
	if n := strings.Count(stderr, "warning:"); n != 2 {
		t.Errorf("import: %d warnings, want the 2 of the translations above:\n%s", n, stderr)
	}
	if got := sitetest.Read(t, root, "data/timelines/fixture.toml"); !strings.Contains(got, "l'après-midi") {
		t.Error("the import with warnings did not write the translation")
	}

	for _, c := range []struct {
		name string
		args []string
		more map[string]string
		want string
	}{
		// The two warnings are its errors; the line that says nothing was
		// imported is none.
		{"strict", []string{"--strict"}, nil, "--strict refuses warnings: correct each translation above, then import the file again\n2 errors, 0 warnings"},
		// An invisible character is an error: the warnings are listed with it.
		{"error", nil, map[string]string{"timeline/fixture#title": "Une chronologie\u202e"}, "holds the invisible control character U+202E"},
	} {
		root := fixture(t)
		xlf, _ := export(root, c.more)
		before := sitetest.Snapshot(t, root)
		code, _, stderr := runSite(t, append([]string{"i18n", "import", xlf, "--source", root}, c.args...)...)
		for _, want := range []string{c.want, "a straight apostrophe", `the glossary term "firewall"`, "nothing was imported"} {
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("%s: import: exit %d, want %q:\n%s", c.name, code, want, stderr)
			}
		}
		for file, content := range sitetest.Snapshot(t, root) {
			if before[file] != content {
				t.Errorf("%s: %s changed", c.name, file)
			}
		}
	}
}
