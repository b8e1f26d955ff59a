package tomlfile_test

import (
	"bytes"
	"testing"

	"github.com/cyberpub/site/tools/tomlfile"
)

// Whatever a data file holds, decoding it ends, without a panic, with the
// data or with a problem at a place of the file; and every key of the data
// has a place in the file.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"title.en = \"x\"\n[[events]]\nid = \"a\"\ndate = 2021-01-22\n",
		"a = { b = [1, { c = \"\"\"\nd\"\"\" }] }\n",
		"\uFEFFa = 'x'\r\nb = '''y'''\r\n",
		"a = [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]\n",
		"a = \"\\\"[[[\"\n# {{{{\nb = 1\n",
		"[a.b.c]\n\"d e\" = 2024-02-30\n",
		"a = \"\xe9\"\n", "", "=", "[[", "a = {",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		d, prob := tomlfile.Decode("f.toml", src)
		if prob != nil {
			if prob.Line < 0 || prob.Line > lines || prob.Message == "" {
				t.Fatalf("a problem at line %d of %d: %v", prob.Line, lines, prob)
			}
			return
		}
		for key := range d.Data {
			if line, _ := d.Position(key); line < 1 || line > lines {
				t.Errorf("key %q at line %d of %d", key, line, lines)
			}
		}
	})
}
