package render_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

// BenchmarkOneLongText builds a site whose timeline has one event text of
// 1 MB, and, as its baseline in the same run, one whose timeline has 1,000
// texts of 1 KB: the same words. Nothing in a build may grow faster than
// the length of a text (iCalendar folding once took 188 s for 1 MB), so
// their ratio, long/short, stays about 1.
//
//	go test ./tools/render -run '^$' -bench OneLongText -benchtime 3x
func BenchmarkOneLongText(b *testing.B) {
	// About a kilobyte of French, with its accents and typographic signs:
	// iCalendar folds it at octets, not characters.
	const kilobyte = "Le courriel, d’apparence anodine, contenait une image de suivi : « le pixel » renvoyait l’adresse IP et l’heure de l’ouverture. "
	text := strings.Repeat(kilobyte, 1024/len(kilobyte)+1)
	sites := map[string]string{}
	for name, events := range map[string][]string{
		"long":  {strings.Repeat(text, 1000)},
		"short": slicesOf(text, 1000),
	} {
		var toml strings.Builder
		toml.WriteString("title.en = \"Long\"\ntitle.fr = \"Longue\"\ndate = 2024-03-01\nsummary = { en = \"A summary.\", fr = \"Un résumé.\" }\n")
		for i, e := range events {
			fmt.Fprintf(&toml, "\n[[events]]\nid = \"2024-03-01-e%d\"\ndate = 2024-03-01\ntext.en = %q\ntext.fr = %q\n", i, e, e)
		}
		sites[name] = sitetest.New(b, sitetest.Fixture, sitetest.Archive(map[string]string{"data/timelines/long.toml": toml.String()}))
	}
	var took = map[string]time.Duration{}
	for b.Loop() {
		for _, name := range []string{"short", "long"} {
			start := time.Now()
			if err := render.Build(sites[name], filepath.Join(b.TempDir(), "public"), render.BuildOptions{Quiet: true, Minify: true}); err != nil {
				b.Fatal(err)
			}
			took[name] += time.Since(start)
		}
	}
	b.ReportMetric(float64(took["long"])/float64(took["short"]), "long/short")
}

func slicesOf(s string, n int) []string {
	list := make([]string, n)
	for i := range list {
		list[i] = s
	}
	return list
}
