package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// unitPlace returns "line:col" of the target of a trans-unit in an XLIFF
// file, or of the nth trans-unit with the id (from 1) when there are
// several, as the import reports it.
func unitPlace(t *testing.T, data []byte, id string, nth int) string {
	t.Helper()
	at := 0
	for range nth {
		i := bytes.Index(data[at:], []byte(`<trans-unit id="`+id+`"`))
		if i < 0 {
			t.Fatalf("no trans-unit %s (%d) in the file", id, nth)
		}
		at += i + 1
	}
	return placeAt(data, at+bytes.Index(data[at:], []byte("<target")))
}

// placeAt returns "line:col" of a byte offset in a file, as problems give
// it: the column in characters.
func placeAt(data []byte, at int) string {
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	col := 1 + len([]rune(string(data[bytes.LastIndexByte(data[:at], '\n')+1:at])))
	return fmt.Sprintf("%d:%d", line, col)
}

// refusedImport runs a command that must refuse a translator's file:
// exit status 1, exactly the wanted lines on stderr, and nothing changed:
// not the project's files, not public/, not the translator's file.
func refusedImport(t *testing.T, root, file string, want []string, args ...string) {
	t.Helper()
	previousSite(t, root, "the previous site")
	before := sitetest.Snapshot(t, root)
	var sent []byte
	if info, err := os.Stat(file); err == nil && info.Mode().IsRegular() { // not /dev/zero
		sent, _ = os.ReadFile(file)
	}
	code, stdout, stderr := runSite(t, append(args, file, "--source", root)...)
	if code != 1 {
		t.Errorf("exit status %d, want 1\n%s%s", code, stdout, stderr)
	}
	got := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(got) > 0 && strings.Contains(got[len(got)-1], " errors, ") || strings.Contains(got[len(got)-1], " error, ") {
		got = got[:len(got)-1]
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := sitetest.Snapshot(t, root); !maps.Equal(before, after) {
		for name := range after {
			if before[name] != after[name] {
				t.Errorf("the refused import changed %s", name)
			}
		}
	}
	previousSiteKept(t, root, "the previous site")
	if sent == nil {
		return
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(again, sent) {
		t.Error("the translator's file changed")
	}
}

const nothingImported = "nothing was imported: correct each translation above, then import the file again"

// TestImportRefuses: an XLIFF file whose translations would corrupt the
// site, or that no CAT tool writes, is refused, each translation at its
// place in the file, and nothing at all is written.
func TestImportRefuses(t *testing.T) {
	const (
		title   = "backgrounder/fixture-backgrounder#title"
		event   = "timeline/fixture#events[2022-07-14-later].text"
		heading = "i18n#footnotesHeading.other"
		back    = "i18n#footnoteBack.other"
	)
	for _, tc := range []struct {
		name         string
		translations map[string]string
		edit         func(data []byte) []byte // of the translated file
		want         func(xlf string, data []byte) []string
	}{
		{
			// A line +++ in a title ended the page's front matter: "1 file
			// changed", exit 0, and the French page no longer read.
			name:         "a line +++ in a page's front matter",
			translations: map[string]string{title: "Titre\n+++\nx = 1"},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, title, 1) + `: trans-unit "backgrounder/fixture-backgrounder#title": written into content/backgrounders/fixture-backgrounder.fr.md, the translation would make the file unreadable (line 3 of it, as written: unexpected EOF; expected '"""'); a line of +++ ends a page's front matter: write the translation without it`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// A bidirectional control makes a text read otherwise than it
			// is written.
			name:         "a bidirectional control",
			translations: map[string]string{event: "Un événement \u202eplus tardif"},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, event, 1) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": the translation holds the invisible control character U+202E; delete it: retype the text around it if it came from a copy and paste`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// A 200 MB target was written into a page.
			name:         "a target of more than 1 MB",
			translations: map[string]string{event: strings.Repeat("Un événement plus tardif. ", 50000)},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, event, 1) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": the translation is 1.3 MB, more than the 1 MB a text may be; translate the text itself: something was pasted into it by mistake`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// The same unit twice with different targets: the last won,
			// silently.
			name:         "one unit twice with different targets",
			translations: map[string]string{event: "Un événement plus tardif."},
			edit: func(data []byte) []byte {
				second := bytes.Replace(data, []byte("Un événement plus tardif."), []byte("Un autre événement."), 1)
				i := bytes.Index(second, []byte(`<trans-unit id="`+event+`"`))
				j := i + bytes.Index(second[i:], []byte("</trans-unit>")) + len("</trans-unit>")
				unit := append([]byte("\n      "), second[i:j]...)
				k := bytes.Index(data, []byte(`<trans-unit id="`+event+`"`))
				k += bytes.Index(data[k:], []byte("</trans-unit>")) + len("</trans-unit>")
				return append(data[:k:k], append(unit, data[k:]...)...)
			},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, event, 2) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": the unit is in the file twice, with another translation at line ` + strings.Split(unitPlace(t, data, event, 1), ":")[0] + `; keep the one that is right, remove the other, then import the file again`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// A second <target>, which a CAT tool does not show, was
			// imported in place of the one the translator saw.
			name:         "a unit with a second target",
			translations: map[string]string{event: "Un événement plus tardif."},
			edit: func(data []byte) []byte {
				return bytes.Replace(data, []byte("Un événement plus tardif.</target>"), []byte("Un événement plus tardif.</target><target>Un autre texte.</target>"), 1)
			},
			want: func(xlf string, data []byte) []string {
				second := bytes.Index(data, []byte("</target><target>")) + len("</target>")
				return []string{
					"site i18n import: " + xlf + ":" + placeAt(data, second) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": it has a second <target>, which a CAT tool does not show: nothing was imported; keep the one translation you mean, then import the file again`,
				}
			},
		},
		{
			// The <source> a translation was made from is kept, to show
			// what changed since: a hostile one was kept as it came.
			name:         "a source with a control character",
			translations: map[string]string{event: "Un événement plus tardif."},
			edit: func(data []byte) []byte {
				i := bytes.Index(data, []byte(`<trans-unit id="`+event+`"`))
				j := i + bytes.Index(data[i:], []byte("</source>"))
				return append(data[:j:j], append([]byte("\u202e"), data[j:]...)...)
			},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + placeAt(data, bytes.Index(data, []byte(`<trans-unit id="`+event+`"`))) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": its <source> is not a text of the site, then or now: it is too long or holds an invisible control character; put back the <source> the export wrote, or export the file again`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// A CAT tool shows a tag, not the words in it: they were
			// published unseen.
			name:         "words in a tag",
			translations: map[string]string{event: "Un événement plus tardif."},
			edit: func(data []byte) []byte {
				return bytes.Replace(data, []byte(">Un événement plus tardif.</target>"), []byte(`><ph id="9">Texte dissimulé. </ph>Un événement plus tardif.</target>`), 1)
			},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, event, 1) + `: trans-unit "timeline/fixture#events[2022-07-14-later].text": its target: its tag <ph id="9"> holds "Texte dissimulé. ", which is no markup: a CAT tool shows the tag, not the words in it; put the words outside the tag`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// Stale sources, each under 1 MB, are kept as what their
			// translations were made from: 12 MB of them made a state
			// file that stopped every command.
			name:         "stale sources past what the state may hold",
			translations: map[string]string{event: "Un événement plus tardif."},
			edit: func(data []byte) []byte {
				units := regexp.MustCompile(`(?s)(<trans-unit [^>]*>\s*<source[^>]*>)[^<]*(</source>\s*<target[^>]*>[^<]+</target>)`)
				n := 0
				return units.ReplaceAllFunc(data, func(unit []byte) []byte {
					if n++; n > 7 {
						return unit
					}
					big := strings.Repeat(fmt.Sprintf("Old English text %d. ", n), 45000)
					return units.ReplaceAll(unit, []byte("${1}"+big+"${2}"))
				})
			},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ": its <source> texts differ from the site's in 7 units: kept as what they were translated from, they would make translation-state.toml 6.0 MB, too near the 8 MB the tools read at most; export the file again, and translate from the site's texts as they are now",
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// A catalogue message ran as a template: {{ len "abc" }}
			// printed 3, {{ range }} exhausted the memory; and a
			// placeholder the English has not is left empty.
			name:         "code in a catalogue message",
			translations: map[string]string{heading: `Notes {{ range 1000000000 }}x{{ end }}`, back: "Retour à la note {{ .Number }}"},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, back, 1) + `: trans-unit "i18n#footnoteBack.other": the translation has the placeholder {{ .Number }}, which its English has not; a message is text only, as its English: remove it`,
					xlf + ":" + unitPlace(t, data, heading, 1) + `: trans-unit "i18n#footnotesHeading.other": the translation holds {{ range 1000000000 }}: Hugo would run it as code; a message is text only, as its English: remove it`,
					xlf + ": " + nothingImported,
				}
			},
		},
		{
			// One translation refused, and the good ones are not written
			// either.
			name:         "a good translation beside a refused one",
			translations: map[string]string{event: "Un événement plus tardif, bien traduit.", title: "Titre\n+++\nsuite"},
			want: func(xlf string, data []byte) []string {
				return []string{
					xlf + ":" + unitPlace(t, data, title, 1) + `: trans-unit "backgrounder/fixture-backgrounder#title": written into content/backgrounders/fixture-backgrounder.fr.md, the translation would make the file unreadable (line 3 of it, as written: unexpected EOF; expected '"""'); a line of +++ ends a page's front matter: write the translation without it`,
					xlf + ": " + nothingImported,
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			xlf := filepath.Join(t.TempDir(), "fr.xlf")
			mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
			data, _ := os.ReadFile(xlf)
			data = sitetest.TranslateXLIFF(t, data, tc.translations)
			if tc.edit != nil {
				data = tc.edit(data)
			}
			if err := os.WriteFile(xlf, data, 0o644); err != nil {
				t.Fatal(err)
			}
			refusedImport(t, root, xlf, tc.want(xlf, data), "i18n", "import")
		})
	}
}

// TestImportRefusesWhatIsNoXLIFF: /dev/zero grew the import to 6 GB of
// memory; it is refused at its first bytes.
func TestImportRefusesWhatIsNoXLIFF(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		// A Unix system's (CI's); elsewhere the endless readers of
		// translation's intake_test.go hold the same limit.
		sitetest.Missing(t, "/dev/zero", "run the test on Linux or another Unix")
	}
	root := fixture(t)
	start := time.Now()
	for _, cmd := range [][]string{{"i18n", "import"}, {"i18n", "merge", "--lang", "fr"}} {
		refusedImport(t, root, "/dev/zero", []string{"site i18n " + cmd[1] + ": /dev/zero: the file holds a NUL byte at byte 0: it is not a text file; give the XLIFF or goi18n file the export wrote"}, cmd...)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing /dev/zero took %s", d)
	}
}

// TestMergeRefuses: the same for goi18n translate files, each problem at
// its line in the TOML.
func TestMergeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{
			// Forms French does not have were silently left out.
			name: "plural forms that are not French's",
			file: "[actorsLabel]\nfew = \"Quelques organisations\u00a0:\"\nsingular = \"Organisation\u00a0:\"\nother = \"Organisations concernées\u00a0:\"\n",
			want: []string{
				`FILE:2:1: actorsLabel: "few" is not a plural form of Français, nor one of the message's; the forms of Français are one, many, other: translate the text into them, and remove few`,
				`FILE:3:1: actorsLabel: "singular" is not a plural form; the forms of Français are one, many, other: translate the text into them, and remove singular`,
				"FILE: nothing was merged: correct each translation above, then merge the file again",
			},
		},
		{
			// A text has one form: a plural form of it went nowhere.
			name: "a plural form of a text",
			file: "[\"timeline/fixture#events[2022-07-14-later].text\"]\none = \"Un événement\"\nother = \"Un événement plus tardif.\"\n",
			want: []string{
				`FILE:2:1: timeline/fixture#events[2022-07-14-later].text: "one" is not a key of a text: a text has one form, other; put the translation in other = "…", and remove one`,
				"FILE: nothing was merged: correct each translation above, then merge the file again",
			},
		},
		{
			// A line +++ in a title, through goi18n.
			name: "a line +++ in a page's front matter",
			file: "[\"backgrounder/fixture-backgrounder#title\"]\nother = \"Titre\\n+++\\nx = 1\"\n",
			want: []string{
				`FILE:2:10: "backgrounder/fixture-backgrounder#title".other: written into content/backgrounders/fixture-backgrounder.fr.md, the translation would make the file unreadable (line 3 of it, as written: unexpected EOF; expected '"""'); a line of +++ ends a page's front matter: write the translation without it`,
				"FILE: nothing was merged: correct each translation above, then merge the file again",
			},
		},
		{
			// Code in a message, and a control character in a text.
			name: "code and a control character",
			file: "[footnotesHeading]\nother = \"Notes {{ len `abc` }}\"\n[\"timeline/fixture#events[2022-07-14-later].text\"]\nother = \"Un événement\\u0007\"\n",
			want: []string{
				"FILE:2:10: footnotesHeading.other: the translation holds {{ len `abc` }}: Hugo would run it as code; a message is text only, as its English: remove it",
				`FILE:4:10: "timeline/fixture#events[2022-07-14-later].text".other: the translation holds the invisible control character U+0007; delete it: retype the text around it if it came from a copy and paste`,
				"FILE: nothing was merged: correct each translation above, then merge the file again",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			file := filepath.Join(t.TempDir(), "translate.fr.toml")
			if err := os.WriteFile(file, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, line := range tc.want {
				want = append(want, strings.Replace(line, "FILE", file, 1))
			}
			refusedImport(t, root, file, want, "i18n", "merge")
		})
	}
}

// Several files are one import: the second refused, what the first wrote
// was kept, and the site was half-translated.
func TestImportOfSeveralFilesIsAllOrNothing(t *testing.T) {
	const (
		title = "backgrounder/fixture-backgrounder#title"
		event = "timeline/fixture#events[2022-07-14-later].text"
	)
	root := fixture(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.xlf"), filepath.Join(dir, "bad.xlf")
	mustRun(t, "i18n", "export", "-o", good, "--source", root)
	exported, _ := os.ReadFile(good)
	for file, translations := range map[string]map[string]string{
		good: {event: "Un événement plus tardif, bien traduit."},
		bad:  {title: "Titre\n+++\nsuite"},
	} {
		if err := os.WriteFile(file, sitetest.TranslateXLIFF(t, exported, translations), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(bad)
	refusedImport(t, root, bad, []string{
		bad + ": refused (below), so nothing is imported: what " + good + " imported before it was put back as it was",
		bad + ":" + unitPlace(t, data, title, 1) + `: trans-unit "backgrounder/fixture-backgrounder#title": written into content/backgrounders/fixture-backgrounder.fr.md, the translation would make the file unreadable (line 3 of it, as written: unexpected EOF; expected '"""'); a line of +++ ends a page's front matter: write the translation without it`,
		bad + ": " + nothingImported,
	}, "i18n", "import", good)
}

// An exported file imported untouched put back, over a French text fixed in
// the site since the export, the French the site had before, and recorded
// it as current: the fix was lost without a word.
func TestImportKeepsANewerTranslationOfTheSite(t *testing.T) {
	const id = "measure/patch#title"
	root := fixture(t)
	mustRun(t, "i18n", "confirm", "--all", "--source", root)
	sitetest.Edit(t, root, "data/mitigations.toml", `title.en = "Patch known vulnerabilities"`, `title.en = "Patch the known vulnerabilities"`)
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	mustRun(t, "i18n", "export", "-o", xlf, "--source", root)
	sitetest.Edit(t, root, "data/mitigations.toml", `title.fr = "Corriger les vulnérabilités connues"`, `title.fr = "Corriger toutes les vulnérabilités connues"`)
	code, _, stderr := runSite(t, "i18n", "import", xlf, "--source", root)
	if want := xlf + ": warning: " + id + ": the file holds the translation the site had before it was changed in the site itself; the site's, newer, is kept\n"; code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if got := sitetest.Read(t, root, "data/mitigations.toml"); !strings.Contains(got, `title.fr = "Corriger toutes les vulnérabilités connues"`) {
		t.Error("the French fixed in the site was replaced by the file's older one")
	}
}
