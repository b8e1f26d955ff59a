package synthetic

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The site's two languages and their titles, as config.toml has them.
var (
	twoLanguages = []string{"en", "fr"}
	twoTitles    = []string{"Cyber Security Publications", "Publications sur la cybersécurité"}
)

func files(t *testing.T, s Scale, languages, titles []string) (site, plain map[string]string) {
	t.Helper()
	c, err := newCorpus(s, languages)
	if err != nil {
		t.Fatal(err)
	}
	return c.siteFiles(), c.plainFiles(titles)
}

func digest(files map[string]string) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s\x00%d\x00%s", name, len(files[name]), files[name])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// The benchmark compares builds over time: the English and French words of
// a size are those of earlier runs (these digests are of the files written
// before the languages came from the configuration). Change them only
// with a change of the words meant, and say so in BENCHMARKS.md.
func TestWordsAreThoseOfEarlierRuns(t *testing.T) {
	site, plain := files(t, ScaleFor(300), twoLanguages, twoTitles)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"site", site, "8bd63b7ad51dbadd8a4d1557734751aaed8b6201e49808039804100e55329940"},
		{"plain", plain, "fbdc59c84ffbd56b3e0a53ca64512ecc53e37c42ff79c104c834147b7bd233d0"},
	} {
		if got := digest(tc.files); got != tc.want {
			t.Errorf("%s: digest %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Every lexicon has its words at the same index as the others: a sentence
// and its translation say the same thing.
func TestLexiconsAreAligned(t *testing.T) {
	for lang, l := range lexicons {
		if len(l.words) != len(lexicons["en"].words) || len(l.verbs) != len(lexicons["en"].verbs) {
			t.Errorf("%s has %d words and %d verbs; en has %d and %d", lang, len(l.words), len(l.verbs), len(lexicons["en"].words), len(lexicons["en"].verbs))
		}
	}
}

// A third language, without a lexicon of its own, adds its texts (the
// first language's words, marked) and changes none of the others'.
func TestThirdLanguageChangesNoOtherText(t *testing.T) {
	s := ScaleFor(120)
	site, plain := files(t, s, twoLanguages, twoTitles)
	site3, plain3 := files(t, s, append(slices.Clone(twoLanguages), "es"), append(slices.Clone(twoTitles), "Publicaciones"))
	for name, content := range plain {
		if name != "hugo.toml" && plain3[name] != content {
			t.Errorf("plain site: %s differs with a third language", name)
		}
	}
	if !strings.HasSuffix(plain3["hugo.toml"], "[languages.es]\nweight = 3\ntitle = \"Publicaciones\"\n") {
		t.Errorf("plain site: hugo.toml has no es:\n%s", plain3["hugo.toml"])
	}
	for name, content := range site {
		switch {
		case strings.HasSuffix(name, ".md"):
			if site3[name] != content {
				t.Errorf("%s differs with a third language", name)
			}
			es := strings.Replace(name, ".en.md", ".es.md", 1)
			if strings.HasSuffix(name, ".en.md") && site3[es] == "" {
				t.Errorf("no %s", es)
			}
		case strings.HasSuffix(name, ".toml"):
			var two, three map[string]any
			if _, err := toml.Decode(content, &two); err != nil {
				t.Fatal(name, err)
			}
			if _, err := toml.Decode(site3[name], &three); err != nil {
				t.Fatal(name, err)
			}
			if texts := withoutLanguage(three, "es"); !reflect.DeepEqual(texts, two) {
				t.Errorf("%s: the English and French differ with a third language", name)
			}
			if !strings.Contains(site3[name], ".es = ") && !strings.Contains(site3[name], " es = ") {
				t.Errorf("%s has no es text", name)
			}
		}
	}
	// The first timeline's title, word for word the English one's, marked.
	c, _ := newCorpus(s, []string{"en", "fr", "es"})
	en, es := strings.Fields(c.timelines[0].title[0]), strings.Fields(c.timelines[0].title[2])
	for i := range en {
		if want := strings.TrimSuffix(en[i], ".") + "-es"; strings.TrimSuffix(es[i], ".") != want && !strings.EqualFold(en[i], es[i]) {
			t.Errorf("word %d: %q, want %q (or a name, the same in every language)", i, es[i], want)
		}
	}
}

// withoutLanguage removes a language's key from every table of a decoded
// TOML document.
func withoutLanguage(v any, lang string) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if k != lang {
				out[k] = withoutLanguage(e, lang)
			}
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			out[i] = withoutLanguage(e, lang).(map[string]any)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutLanguage(e, lang)
		}
		return out
	}
	return v
}

// A site none of whose languages has words is refused, with the fix.
func TestLanguagesWithoutLexicon(t *testing.T) {
	if _, err := newCorpus(ScaleFor(1), []string{"de", "it"}); err == nil || !strings.Contains(err.Error(), "add a lexicon") {
		t.Errorf("got %v", err)
	}
	c, err := newCorpus(ScaleFor(1), []string{"fr", "de"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.organizations[0].name[1]; got != "Bureau-de de-de Kakaka" {
		t.Errorf("the German made from the French: %q", got)
	}
}
