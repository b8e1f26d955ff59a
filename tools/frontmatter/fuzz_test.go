package frontmatter_test

import (
	"testing"

	"github.com/cyberpub/site/tools/frontmatter"
)

// Whatever a page holds, its front matter and its text are parts of it, in
// order, or the problem is on a line of it.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"x\"\n+++\nText\n", "+++\r\ntitle = 1\r\n+++\r\n", "\uFEFF+++\n+++\n",
		"---\ntitle: x\n---\n", "+++\ntitle = 1\n", "+++", "", "+++\n+++", "text\n+++\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, prob := frontmatter.Split(src)
		if prob != nil {
			if prob.Line < 1 || prob.Message == "" {
				t.Fatalf("a problem without its place: %v", prob)
			}
			return
		}
		if !(0 < p.Start && p.Start <= p.End && p.End < p.Body && p.Body <= len(src)) {
			t.Fatalf("front matter %d–%d, text from %d, in %d bytes", p.Start, p.End, p.Body, len(src))
		}
		_ = p.FrontMatter()
		_ = p.Text()
	})
}
