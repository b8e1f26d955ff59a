// Package sitetest makes throwaway copies of the site for tests: the
// project's own configuration, layouts, catalogues and content, with data of
// the test's choosing.
package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root is the project's root folder.
func Root(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the project root")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// siteFiles are what Hugo renders besides the data.
var siteFiles = []string{"config.toml", "content", "layouts", "i18n", "assets", "translation-state.toml"}

// Copy makes a copy of the site in a temporary folder and returns its root.
// With fixture "", it is the whole project. Otherwise the fixture folder
// brings its own data/ and publications (content/**/*.md other than the
// sections' _index pages): the project's adapters and section pages stay.
func Copy(t testing.TB, fixture string) string {
	t.Helper()
	root := Root(t)
	dst := t.TempDir()
	for _, f := range siteFiles {
		src := filepath.Join(root, f)
		if info, err := os.Stat(src); err == nil && !info.IsDir() {
			copyFile(t, src, filepath.Join(dst, f))
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, f), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(root, "data")
	if fixture != "" {
		data = filepath.Join(fixture, "data")
		removePublications(t, filepath.Join(dst, "content"))
		if _, err := os.Stat(filepath.Join(fixture, "content")); err == nil {
			if err := os.CopyFS(filepath.Join(dst, "content"), os.DirFS(filepath.Join(fixture, "content"))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.CopyFS(filepath.Join(dst, "data"), os.DirFS(data)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// removePublications removes the Markdown pages of the sections, keeping
// the home and section pages (_index) and the content adapters.
func removePublications(t testing.TB, content string) {
	t.Helper()
	err := filepath.WalkDir(content, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" || strings.HasPrefix(d.Name(), "_index.") {
			return err
		}
		return os.Remove(path)
	})
	if err != nil {
		t.Fatal(err)
	}
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

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile reads a file as a string.
func ReadFile(t testing.TB, path string) (string, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), nil
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

// With returns the files of base with changes applied.
func With(base, changes map[string]string) map[string]string {
	files := make(map[string]string, len(base)+len(changes))
	for k, v := range base {
		files[k] = v
	}
	for k, v := range changes {
		files[k] = v
	}
	return files
}
