package project_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

func TestLanguagesComeInWeightOrder(t *testing.T) {
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"config.toml": `
[languages.fr]
weight = 2
label = "Français"
[languages.en]
weight = 1
label = "English"
locale = "en-CA"
[languages.iu]
weight = 3
`, "data/model.toml": "[[kinds]]\nname = \"note\"\nfiles = \"data/notes.toml\"\nfields = [{ name = \"text\", type = \"text\" }]\n"})
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	want := []project.Language{{Code: "en", Name: "English", Locale: "en-CA"}, {Code: "fr", Name: "Français", Locale: "fr"}, {Code: "iu", Name: "iu", Locale: "iu"}}
	if !reflect.DeepEqual(p.Languages, want) {
		t.Errorf("got %+v, want %+v", p.Languages, want)
	}
}

func TestOpenSaysWhatIsMissing(t *testing.T) {
	for name, tc := range map[string]struct {
		config string // "" for no config.toml at all
		want   string
	}{
		"no configuration": {"", "config.toml: cannot read the site configuration"},
		"no languages":     {"title = \"x\"\n", "config.toml: no [languages] are configured"},
		"invalid TOML":     {"title = \n", "config.toml:1:9: expected value but found"},
		"no content model": {"[languages.en]\nweight = 1\n", "data/model.toml: cannot read the content model"},
	} {
		root := t.TempDir()
		if tc.config != "" {
			sitetest.Write(t, root, map[string]string{"config.toml": tc.config})
		}
		_, prob := project.Open(root)
		if prob == nil || !strings.HasPrefix(prob.Error(), tc.want) {
			t.Errorf("%s: got %v, want %s…", name, prob, tc.want)
		}
	}
}
