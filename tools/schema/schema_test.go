package schema_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/schema"
)

// The committed schemas and Taplo's configuration are the ones the model
// gives: a field added to data/model.toml without running site schemas
// would leave editors with completion and errors of the old model.
func TestCommittedSchemasAreTheModels(t *testing.T) {
	root := sitetest.Root(t)
	files := schemas(t, root)
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s is not what the model gives (%v): run go run ./tools/cmd/site schemas, and commit what it writes\n%s", name, err, sitetest.FirstDiff(string(want), string(got)))
		}
	}
	// And nothing is left there of a kind that is gone.
	entries, _ := os.ReadDir(filepath.Join(root, schema.Dir))
	for _, e := range entries {
		if files[schema.Dir+"/"+e.Name()] == nil {
			t.Errorf("%s/%s is no schema of the model: remove it", schema.Dir, e.Name())
		}
	}
}

// schemas returns the files site schemas writes for the project at root.
func schemas(t *testing.T, root string) map[string][]byte {
	t.Helper()
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	files, err := schema.Files(p)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// taplo runs Taplo, the TOML toolkit behind editors' TOML support, on the
// project at root, and returns its errors as "file:line:col: message".
func taplo(t *testing.T, root string) []string {
	t.Helper()
	bin := sitetest.NodeModule(t, ".bin/taplo")
	cmd := exec.Command(bin, "check", "--no-auto-config", "--config", filepath.Join(root, schema.TaploFile))
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	var errors []string
	// error: "fr" is a required property
	//   ┌─ /…/data/timelines/t.toml:4:1
	at := regexp.MustCompile(`(?m)^error: (.*)\n\s*┌─ (\S+):(\d+):(\d+)$`)
	for _, m := range at.FindAllStringSubmatch(string(out), -1) {
		rel, _ := filepath.Rel(root, m[2])
		errors = append(errors, rel+":"+m[3]+":"+m[4]+": "+m[1])
	}
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatal(err)
	}
	if (err != nil) != (len(errors) > 0) {
		t.Fatalf("taplo: %v, and %d errors read from its output:\n%s", err, len(errors), out)
	}
	return errors
}

// The real site's data passes Taplo with its schemas: an editor shows no
// error on a file site check accepts.
func TestRealSitePassesTaplo(t *testing.T) {
	if errors := taplo(t, sitetest.Root(t)); len(errors) > 0 {
		t.Errorf("taplo check:\n%s", strings.Join(errors, "\n"))
	}
}

// The mistakes site check finds most are Taplo's errors too, in the
// editor, as they are typed: an unknown key, a text with no French, a
// field of the wrong type, an id that cannot be one.
func TestTaploFindsTheMistakesOfTheModel(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	written := map[string]string{}
	for name, b := range schemas(t, root) {
		written[name] = string(b)
	}
	sitetest.Write(t, root, written)
	if errors := taplo(t, root); len(errors) > 0 {
		t.Fatalf("the fixture does not pass taplo check:\n%s", strings.Join(errors, "\n"))
	}
	for _, tc := range []struct {
		name, file, old, new, want string
	}{
		{"an unknown key", "data/timelines/fixture.toml", "lastmod    = 2024-03-05\n", "lastmod    = 2024-03-05\ntitel = \"x\"\n",
			"Additional properties are not allowed ('titel' was unexpected)"},
		{"a text with no French", "data/timelines/fixture.toml", "text.fr = \"Connu seulement par son mois.\"\n", "",
			`"fr" is a required property`},
		{"a number where a date goes", "data/timelines/fixture.toml", "lastmod    = 2024-03-05\n", "lastmod = 2024\n",
			`2024 is not of type "string"`},
		{"an id with capitals", "data/mitigations.toml", "[use-mfa]", "[Use-MFA]",
			"Additional properties are not allowed ('Use-MFA' was unexpected)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			original := sitetest.Read(t, root, tc.file)
			defer sitetest.Write(t, root, map[string]string{tc.file: original})
			sitetest.Edit(t, root, tc.file, tc.old, tc.new)
			errors := taplo(t, root)
			if !slices.ContainsFunc(errors, func(e string) bool { return strings.HasPrefix(e, tc.file+":") && strings.HasSuffix(e, ": "+tc.want) }) {
				t.Errorf("taplo check: want %s: …: %s, found:\n%s", tc.file, tc.want, strings.Join(errors, "\n"))
			}
		})
	}
}
