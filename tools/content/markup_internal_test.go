package content

import "testing"

// FuzzReadMarkup: any text is read without a panic, and every problem and
// heading it finds is at a place inside it (the check turns each into a
// line and a column of the file).
func FuzzReadMarkup(f *testing.F) {
	for _, s := range []string{
		"",
		"## H {style=\"position:fixed\" id=\"main\" .c}\n\n## Main\n\n##\n\n## {#x}\n",
		"Setext {#s data-x=1}\n===\n\nText\n---\n",
		"![a](https://e.example/a.png) ![](//e.example/b.png) ![c][r] [l](//e.example) [m](/\\e.example)\n\n[r]: https://e.example/c.png\n",
		"{{< youtube x >}} {{% details %}}y{{% /details %}} {{</* figure */>}} {{< unclosed",
		"<b>x</b> <!-- c --> [a](javascript:x) <https://e.example>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := readMarkup(s)
		for _, p := range append(m.problems, shortcodeProblems(s, nil)...) {
			if p.offset < 0 || p.offset > len(s) || p.message == "" {
				t.Errorf("a problem outside the text of %d bytes: %+v", len(s), p)
			}
		}
		for _, h := range m.headings {
			if h.offset < 0 || h.offset > len(s) || h.idAt > len(s) || h.id == "" && h.idAt < 0 {
				t.Errorf("a heading outside the text of %d bytes, or without an id Hugo makes: %+v", len(s), h)
			}
		}
	})
}
