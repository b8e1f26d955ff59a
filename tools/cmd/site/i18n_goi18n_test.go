package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Extract holds exactly what is missing, in goi18n's format with hashes;
// once translated, merge folds it back and the catalogue still loads with
// go-i18n.
func TestGoi18nExtractAndMerge(t *testing.T) {
	root := fixture(t)
	cat := sitetest.Read(t, root, "i18n/fr.toml")
	withoutMessage := regexp.MustCompile(`(?s)\n\[eventsHeading\]\nother = "[^"]*"\n`).ReplaceAllString(cat, "\n")
	if withoutMessage == cat {
		t.Fatal("the catalogue changed: update the test")
	}
	sitetest.Write(t, root, map[string]string{"i18n/fr.toml": withoutMessage})
	sitetest.Edit(t, root, "data/timelines/fixture.toml", "text.fr = \"Connu seulement par son année.\"\n", "")

	out := filepath.Join(t.TempDir(), "translate.fr.toml")
	mustRun(t, "i18n", "extract", "--lang", "fr", "-o", out, "--source", root)
	extracted := sitetest.Read(t, filepath.Dir(out), filepath.Base(out))
	mf, err := i18n.ParseMessageFileBytes([]byte(extracted), out, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("go-i18n cannot read the extract: %v\n%s", err, extracted)
	}
	const eventID = "timeline/fixture#events[2020-year-only].text"
	var ids []string
	for _, m := range mf.Messages {
		ids = append(ids, m.ID)
		if m.Hash == "" || m.Other == "" {
			t.Errorf("%s: no hash or no text to translate", m.ID)
		}
	}
	slices.Sort(ids)
	if want := []string{"eventsHeading", eventID}; !slices.Equal(ids, want) {
		t.Fatalf("extract holds %q, want %q", ids, want)
	}

	translated := strings.Replace(extracted, `other = "Events"`, `other = "Événements"`, 1)
	translated = strings.Replace(translated, `other = "Known only by its year."`, `other = "Connu par son année seulement."`, 1)
	if translated == extracted {
		t.Fatalf("the extract's texts are not where the test expects them:\n%s", extracted)
	}
	sitetest.Write(t, filepath.Dir(out), map[string]string{filepath.Base(out): translated})
	if stdout := mustRun(t, "i18n", "merge", out, "--source", root); !strings.Contains(stdout, "2 translations") {
		t.Fatalf("merge: %s", stdout)
	}
	mustRun(t, "i18n", "status", "--strict", "--source", root)
	merged := sitetest.Read(t, root, "i18n/fr.toml")
	if !strings.HasPrefix(merged, strings.TrimSuffix(withoutMessage, "\n")) || !strings.Contains(merged, "[eventsHeading]\nother = \"Événements\"\n") {
		t.Errorf("the catalogue after the merge:\n%s", merged)
	}
	if _, err := i18n.ParseMessageFileBytes([]byte(merged), "fr.toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}); err != nil {
		t.Errorf("go-i18n cannot load the merged catalogue: %v", err)
	}
	if got := sitetest.Read(t, root, "data/timelines/fixture.toml"); !strings.Contains(got, "text.en = \"Known only by its year.\"\ntext.fr = \"Connu par son année seulement.\"\n") {
		t.Error("the event's French is not beside its English in the timeline")
	}
}

// A file in a language the site is not translated into is refused, with
// the languages it is.
func TestMergeSaysWhichLanguages(t *testing.T) {
	root := fixture(t)
	file := filepath.Join(t.TempDir(), "translate.fr.toml")
	sitetest.Write(t, filepath.Dir(file), map[string]string{filepath.Base(file): "[eventsHeading]\nother = \"Événements\"\n"})
	if code, _, stderr := runSite(t, "i18n", "merge", "--lang", "de", file, "--source", root); code != 2 || !strings.Contains(stderr, `--lang "de" is not a language the site is translated into: fr`) {
		t.Errorf("merge --lang de: exit %d\n%s", code, stderr)
	}
	other := filepath.Join(filepath.Dir(file), "messages.toml")
	sitetest.Write(t, filepath.Dir(file), map[string]string{"messages.toml": "[eventsHeading]\nother = \"Événements\"\n"})
	if code, _, stderr := runSite(t, "i18n", "merge", other, "--source", root); code != 1 || !strings.Contains(stderr, "cannot tell its language: name it translate.LANG.toml, or give --lang, one of fr") {
		t.Errorf("merge of a file with no language: exit %d\n%s", code, stderr)
	}
}
