// Package sitetest makes sites for tests, as Hugo's integration tests do:
// a whole small site written as a txtar archive (-- path -- lines before
// each file), in a temporary folder, with the project's presentation (its
// configuration, content model, layouts, catalogues, assets and content
// adapters) and none of its content.
package sitetest

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/synthetic"
	"github.com/cyberpub/site/tools/tomlfile"
	"golang.org/x/tools/txtar"
)

// Fixture is a small valid site with one item of every kind, in English
// and French.
//
//go:embed fixture.txtar
var Fixture string

// fixtureFiles are the files of the fixture that a txtar archive, which is
// text, cannot hold: its images. They are under fixture-files/ at their
// place in the site, and written with the fixture.
//
//go:embed fixture-files
var fixtureFiles embed.FS

// Root is the project's root folder.
func Root(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the project root")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// New makes a site in a temporary folder from the project's presentation
// and the archives' files, later archives replacing the files of earlier
// ones (and of the presentation), and returns its root.
func New(t testing.TB, archives ...string) string {
	t.Helper()
	root := Root(t)
	NPMPackages(t)
	dst := t.TempDir()
	if err := project.CopyPresentation(root, dst, false); err != nil {
		t.Fatal(err)
	}
	// The catalogues' messages that are rightly the same in every language
	// are recorded with the translation state; the rest of it is the
	// content's.
	Write(t, dst, map[string]string{"translation-state.toml": cognates(t, root)})
	for _, a := range archives {
		if a == Fixture {
			writeFixtureFiles(t, dst)
			// The home page features the fixture's timeline, not the
			// site's.
			if err := synthetic.Feature(dst, "/timelines/fixture"); err != nil {
				t.Fatal(err)
			}
		}
		Write(t, dst, Files(a))
	}
	return dst
}

// writeFixtureFiles writes the fixture's binary files into root.
func writeFixtureFiles(t testing.TB, root string) {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(fixtureFiles, "fixture-files", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fixtureFiles.ReadFile(name)
		files[strings.TrimPrefix(name, "fixture-files/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	Write(t, root, files)
}

// cognates returns the translation state of the project's catalogues: the
// lists of messages that are the same in every language.
func cognates(t testing.TB, root string) string {
	var state map[string]struct{ Same []string }
	if _, err := toml.DecodeFile(filepath.Join(root, "translation-state.toml"), &state); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, lang := range slices.Sorted(maps.Keys(state)) {
		fmt.Fprintf(&b, "[%s]\nsame = [", lang)
		for i, id := range state[lang].Same {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tomlfile.Quote(id))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// Files returns the files of a txtar archive, by path.
func Files(archive string) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// Archive writes files as a txtar archive.
func Archive(files map[string]string) string {
	a := &txtar.Archive{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(files[name])})
	}
	return string(txtar.Format(a))
}

// Write writes files (path → content, paths relative to root) into root.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Read reads a file of a site.
func Read(t testing.TB, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Edit replaces old by new in a file of a site, once, and fails the test
// when old is not there: the fixture changed under the test.
func Edit(t testing.TB, root, name, old, new string) {
	t.Helper()
	src := Read(t, root, name)
	if !strings.Contains(src, old) {
		t.Fatalf("%s has no %q: the fixture changed, update the test", name, old)
	}
	Write(t, root, map[string]string{name: strings.Replace(src, old, new, 1)})
}

// Snapshot reads every file under root but the built site.
func Snapshot(t testing.TB, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if strings.HasPrefix(rel, "public") || strings.HasPrefix(rel, "node_modules") {
			return nil
		}
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// FirstDiff shows the first line where two texts differ.
func FirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, wl, gl)
		}
	}
	return ""
}

// CountingFS counts how many times each file (not folder) is opened, to
// show that a command reads each file once.
type CountingFS struct {
	fs.FS
	mu     sync.Mutex
	Opened map[string]int
}

// NewCountingFS counts the openings of the files of fsys.
func NewCountingFS(fsys fs.FS) *CountingFS { return &CountingFS{FS: fsys, Opened: map[string]int{}} }

func (c *CountingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			c.mu.Lock()
			c.Opened[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

// AddLanguage adds a language to the site at root as its editors would:
// a [languages.CODE] table of settings (TOML lines: weight, label,
// locale, title…) at the end of config.toml, and its catalogue,
// i18n/CODE.toml, with the messages given (none, to begin with).
func AddLanguage(t testing.TB, root, code, settings, catalogue string) {
	t.Helper()
	config := Read(t, root, project.ConfigFile)
	Write(t, root, map[string]string{
		project.ConfigFile:          config + "\n[languages." + code + "]\n" + strings.TrimSuffix(settings, "\n") + "\n",
		project.CatalogueFile(code): catalogue,
	})
}
