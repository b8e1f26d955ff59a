package render_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

// A site built once, as site build builds it (minified and indexed for
// search), for the tests that read the whole output.
type builtOnce struct {
	once sync.Once
	dir  string
	err  error
}

var (
	builtFixture, builtProject builtOnce
	tempDirs                   []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range tempDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// builtSite returns the output of the fixture site, built once.
func builtSite(t *testing.T) string {
	return builtOnceFrom(t, &builtFixture, func() string { return sitetest.New(t, sitetest.Fixture) })
}

// builtRealSite returns the output of the project's own site, as it is
// published, built once.
func builtRealSite(t *testing.T) string {
	return builtOnceFrom(t, &builtProject, func() string { return sitetest.Root(t) })
}

func builtOnceFrom(t *testing.T, b *builtOnce, root func() string) string {
	t.Helper()
	sitetest.NPMPackages(t)
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "built-site-")
		if b.err == nil {
			tempDirs = append(tempDirs, b.dir)
			b.err = render.Build(root(), filepath.Join(b.dir, "public"), render.BuildOptions{Quiet: true, Minify: true, Search: true})
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return filepath.Join(b.dir, "public")
}
