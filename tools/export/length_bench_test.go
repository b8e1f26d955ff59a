package export_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

// BenchmarkOneLongText exports a site whose timeline has one event text
// of 1 MB and, as its baseline in the same run, one whose timeline has
// 1,000 texts of 1 KB: the same words. Nothing in the exports may grow
// faster than the length of a text (the templates' iCalendar folding took
// 188 s for 1 MB), so their ratio, long/short, stays about 1; the
// benchmark fails above 3. It reports the long text's time too.
//
//	go test ./tools/export -run '^$' -bench OneLongText -benchtime 5x
func BenchmarkOneLongText(b *testing.B) {
	// About a kilobyte of French, with its accents and typographic signs:
	// iCalendar folds it at octets, not characters; a link and emphasis,
	// which the plain text leaves out.
	const sentence = "Le courriel, d’apparence *anodine*, contenait une image de suivi : « le pixel » renvoyait l’[adresse IP](https://example.org/) et l’heure de l’ouverture. "
	text := strings.Repeat(sentence, 1024/len(sentence)+1)
	sites := map[string]*content.Site{}
	for name, events := range map[string][]string{
		"long":  {strings.Repeat(text, 1000)},
		"short": slicesOf(text, 1000),
	} {
		var toml strings.Builder
		toml.WriteString("title.en = \"Long\"\ntitle.fr = \"Longue\"\ndate = 2024-03-01\nsummary = { en = \"A summary.\", fr = \"Un résumé.\" }\n")
		for i, e := range events {
			fmt.Fprintf(&toml, "\n[[events]]\nid = \"2024-03-01-e%d\"\ndate = 2024-03-01\ntext.en = %q\ntext.fr = %q\nnotes = [{ en = %q, fr = %q }]\n", i, e, e, e, e)
		}
		sites[name] = loadSite(b, false, sitetest.Fixture, sitetest.Archive(map[string]string{"data/timelines/long.toml": toml.String()}))
	}
	took := map[string]time.Duration{}
	for b.Loop() {
		for _, name := range []string{"short", "long"} {
			site := sites[name]
			dir := b.TempDir()
			start := time.Now()
			if err := export.Write(site, modelPages{site}, nil, dir, export.Options{Minify: true, Now: published}); err != nil {
				b.Fatal(err)
			}
			took[name] += time.Since(start)
		}
	}
	ratio := float64(took["long"]) / float64(took["short"])
	b.ReportMetric(ratio, "long/short")
	b.ReportMetric(took["long"].Seconds()/float64(b.N), "s/long")
	if ratio > 3 {
		b.Errorf("a text of 1 MB takes %.1f times as long as 1,000 texts of 1 KB: something grows faster than the text", ratio)
	}
}

func slicesOf(s string, n int) []string {
	list := make([]string, n)
	for i := range list {
		list[i] = s
	}
	return list
}
