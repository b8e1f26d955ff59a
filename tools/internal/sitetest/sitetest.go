// Package sitetest makes throwaway copies of the site for tests: the
// project's own configuration, layouts, catalogues and content, with data of
// the test's choosing.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
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
var siteFiles = []string{"config.toml", "content", "layouts", "i18n", "assets"}

// Copy makes a copy of the site in a temporary folder, with the data folder
// dataDir (the project's own data/ when empty), and returns its root.
func Copy(t testing.TB, dataDir string) string {
	t.Helper()
	root := Root(t)
	dst := t.TempDir()
	if dataDir == "" {
		dataDir = filepath.Join(root, "data")
	}
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
	if err := os.CopyFS(filepath.Join(dst, "data"), os.DirFS(dataDir)); err != nil {
		t.Fatal(err)
	}
	return dst
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
