package preview

import (
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/cyberpub/site/tools/translation"
)

// The watcher sees the changes to the site's files, and not those of
// editors' temporary files or of what the tools write.
func TestWatcherSeesTheSitesFilesOnly(t *testing.T) {
	w := &watcher{root: "/site"}
	for _, c := range []struct {
		file string
		op   fsnotify.Op
		want bool
	}{
		{"/site/data/timelines/t.toml", fsnotify.Write, true},
		{"/site/data/timelines/t.toml", fsnotify.Create, true}, // an editor's save by renaming
		{"/site/content/bulletins/b.fr.md", fsnotify.Remove, true},
		{"/site/config.toml", fsnotify.Write, true},
		{"/site/translation-state.toml", fsnotify.Write, true},
		{"/site/data/timelines/t.toml", fsnotify.Chmod, false},        // after a write, editors set the mode
		{"/site/data/timelines/.t.toml.swp", fsnotify.Write, false},   // vim
		{"/site/data/timelines/4913", fsnotify.Create, false},         // vim's test of the folder
		{"/site/data/timelines/t.toml~", fsnotify.Write, false},       // a backup
		{"/site/content/bulletins/.#b.en.md", fsnotify.Create, false}, // emacs
		{"/site/README.md", fsnotify.Write, false},                    // at the root, only the settings
		{"/site/data", fsnotify.Create, true},                         // a watched folder made again
	} {
		if got := w.relevant(fsnotify.Event{Name: filepath.FromSlash(c.file), Op: c.op}); got != c.want {
			t.Errorf("%s %s: relevant %t, want %t", c.op, c.file, got, c.want)
		}
	}
}

// A page is asked for as Hugo's server tells it: the browser says so, or
// the address looks like a page's; a stylesheet or an image is not.
func TestNavigationIsAPagesRequest(t *testing.T) {
	for _, c := range []struct {
		path, mode string
		want       bool
	}{
		{"/en/timelines/t/", "", true},
		{"/en/timelines/t", "", true},
		{"/en/404.html", "", true},
		{"/css/main.min.css", "", false},
		{"/images/a.webp", "", false},
		{"/en/timelines/t/timeline.json", "navigate", true}, // opened by the reader
		{"/en/timelines/t/", "no-cors", false},
	} {
		r := httptest.NewRequest("GET", c.path, nil)
		if c.mode != "" {
			r.Header.Set("Sec-Fetch-Mode", c.mode)
		}
		if got := isNavigation(r); got != c.want {
			t.Errorf("%s (%q): navigation %t, want %t", c.path, c.mode, got, c.want)
		}
	}
}

// Hugo's messages repeat the place the problem already has.
func TestHugoMessagesWithoutTheirPlace(t *testing.T) {
	for in, want := range map[string]string{
		`"/site/layouts/single.html:16:12": execute of template failed: executing "main" at <.Foo>: can't evaluate field Foo`: `execute of template failed: executing "main" at <.Foo>: can't evaluate field Foo`,
		`template: _partials/x.html:3:4: function "nope" not defined`:                                                         `function "nope" not defined`,
		`render: failed to render pages`: `render: failed to render pages`,
	} {
		if got := cleanHugoMessage(in); got != want {
			t.Errorf("cleanHugoMessage(%q) = %q, want %q", in, got, want)
		}
	}
}

// The page of problems and the review pages ask the catalogues for the
// messages the catalogue check knows as the tools' own, and for no other.
func TestPreviewPagesMessagesAreKnownToTheCatalogueCheck(t *testing.T) {
	// The counts, from Go.
	used := []string{"previewProblemsErrors", "previewProblemsWarnings", "previewReviewMissingCount", "previewReviewOutdatedCount", "previewReviewCurrent"}
	for _, m := range regexp.MustCompile(`\bT "([^"]+)"`).FindAllStringSubmatch(problemsHTML+reviewHTML, -1) {
		used = append(used, m[1])
	}
	for _, key := range used {
		if !slices.Contains(translation.ToolMessages, key) {
			t.Errorf("a page of the preview shows %q, which translation.ToolMessages does not name", key)
		}
	}
}
