package tomlfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// Each case replaces the value of key "v" by a new text: the file must
// decode to the new text, and every byte outside the literal stays.
func TestLiteralReplacement(t *testing.T) {
	for _, tc := range []struct {
		name, src, text string
	}{
		{"basic", `v = "old" # comment`, `new`},
		{"basic gets quotes and backslashes", `v = "old"`, `say "hi" \ bye`},
		{"basic gets a newline: becomes multi-line", `v = "old"`, "two\nlines"},
		{"literal", `v = 'old'`, `new`},
		{"literal that cannot hold a quote", `v = 'old'`, `it's`},
		{"multi-line keeps its layout", "v = \"\"\"\nold\n\"\"\"\nafter = 1", "new\n\nparagraphs"},
		{"multi-line with quotes at the end", "v = \"\"\"\nold\n\"\"\"", `ends with "quoted"`},
		{"multi-line with three quotes", "v = \"\"\"old\"\"\"", `a """ b`},
		{"multi-line literal", "v = '''\nold\n'''", "new"},
		{"escaped quote inside the old value", `v = "a \"b\" c" # x`, `new`},
		{"French", `v = "old"`, "« guillemets » et l’apostrophe"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before map[string]any
			doc, p := Decode("f", []byte(tc.src), &before)
			if p != nil {
				t.Fatal(p)
			}
			line, col := doc.Position("v")
			l, err := LiteralAt([]byte(tc.src), Offset([]byte(tc.src), line, col))
			if err != nil {
				t.Fatal(err)
			}
			out := tc.src[:l.Start] + l.Encode(tc.text) + tc.src[l.End:]
			var after map[string]any
			if _, err := toml.Decode(out, &after); err != nil {
				t.Fatalf("%v in:\n%s", err, out)
			}
			want := tc.text
			if l.TrailingNewline { // the newline before the closing quotes is part of the value
				want += "\n"
			}
			if after["v"] != want {
				t.Errorf("got %q, want %q, from:\n%s", after["v"], want, out)
			}
			if !strings.HasPrefix(out, tc.src[:l.Start]) || !strings.HasSuffix(out, tc.src[l.End:]) {
				t.Errorf("bytes around the literal changed:\n%s", out)
			}
		})
	}
}

func TestLiteralOfAnInlineTableKey(t *testing.T) {
	src := `text = { en = "English", fr = "Français" } # end`
	var v map[string]any
	doc, _ := Decode("f", []byte(src), &v)
	line, col := doc.Position("text", "fr")
	l, err := LiteralAt([]byte(src), Offset([]byte(src), line, col))
	if err != nil {
		t.Fatal(err)
	}
	if got := src[l.Start:l.End]; got != `"Français"` {
		t.Errorf("got %s", got)
	}
}

func TestInlineArrayItemsAndKeys(t *testing.T) {
	src := []byte(`notes = [
  # a comment
  { en = "one, with { braces }", fr = "un" },
  { en = """two""", url = "x" } ,
]`)
	arr := bytes.IndexByte(src, '[')
	second, err := ArrayItem(src, arr, 1)
	if err != nil {
		t.Fatal(err)
	}
	at, closing, err := InlineKey(src, second, "fr")
	if err != nil || at != -1 || src[closing] != '}' {
		t.Fatalf("second note: fr at %d, } at %d, %v", at, closing, err)
	}
	first, _ := ArrayItem(src, arr, 0)
	at, _, _ = InlineKey(src, first, "fr")
	l, err := LiteralAt(src, at)
	if err != nil || string(src[l.Start:l.End]) != `"un"` {
		t.Fatalf("first note's fr: %q, %v", src[l.Start:l.End], err)
	}
	if _, err := ArrayItem(src, arr, 2); err == nil {
		t.Error("a third note was found")
	}
}
