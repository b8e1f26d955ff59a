package translation_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// The catalogues stay loadable by the goi18n command itself (pinned as a Go
// tool): it merges them without error and finds nothing left to translate.
func TestCataloguesLoadWithGoi18n(t *testing.T) {
	root := sitetest.Root(t)
	out := t.TempDir()
	cmd := exec.Command("go", "tool", "goi18n", "merge", "-sourceLanguage", "en", "-outdir", out, "-format", "toml",
		filepath.Join(root, "i18n", "en.toml"), filepath.Join(root, "i18n", "fr.toml"))
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goi18n merge: %v\n%s", err, b)
	}
	active, err := os.ReadFile(filepath.Join(out, "active.fr.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"[skipToContent]", "[timelinePeriod]", "[dayOfMonth]"} {
		if !strings.Contains(string(active), id) {
			t.Errorf("goi18n's active.fr.toml lacks %s", id)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "translate.fr.toml")); err == nil {
		b, _ := os.ReadFile(filepath.Join(out, "translate.fr.toml"))
		t.Errorf("goi18n finds French messages to translate:\n%s", b)
	}
}
