package tomlfile

import (
	"testing"
)

type event struct {
	ID   string            `toml:"id"`
	Text map[string]string `toml:"text"`
}

type file struct {
	Title  string  `toml:"title"`
	Events []event `toml:"events"`
}

func decode(t *testing.T, src string) *Document {
	t.Helper()
	var f file
	doc, p := Decode("f.toml", []byte(src), &f)
	if p != nil {
		t.Fatal(p)
	}
	return doc
}

func TestPositionOfNestedKeysAndEachElement(t *testing.T) {
	doc := decode(t, `title = "T"

[[events]]
id = "a"
text.en = "A"

# a comment
[[events]]  # with a comment
id = "b"
text = { en = "B", fr = "Bé" }
`)
	if line, col := doc.Position("title"); line != 1 || col != 10 {
		t.Errorf("title at %d:%d, want 1:10", line, col)
	}
	elems := doc.Elements("events", func() any { return &event{} })
	if len(elems) != 2 {
		t.Fatalf("got %d elements, want 2", len(elems))
	}
	for _, tc := range []struct {
		elem      int
		key       []string
		line, col int
	}{
		{0, []string{"id"}, 4, 7},
		{0, []string{"text", "en"}, 5, 12},
		{0, []string{"text", "fr"}, 3, 1}, // absent, in a table implied by text.en: the header
		{0, []string{"date"}, 3, 1},       // absent: the element's header
		{1, []string{"id"}, 9, 7},
		{1, []string{"text", "fr"}, 10, 20}, // in an inline table: the key
	} {
		if line, col := elems[tc.elem].Position(tc.key...); line != tc.line || col != tc.col {
			t.Errorf("event %d %v at %d:%d, want %d:%d", tc.elem+1, tc.key, line, col, tc.line, tc.col)
		}
	}
}

func TestElementsFallBackWhenHeadersCannotBeTrusted(t *testing.T) {
	for name, src := range map[string]string{
		// No [[events]] headers at all: an inline array.
		"inline array": `events = [{ id = "a" }, { id = "b" }]`,
		// A line that looks like a header but is text: counting would be off.
		"header in a string": "[[events]]\nid = \"a\"\ntext.en = \"\"\"\n[[events]]\n\"\"\"\n",
	} {
		if elems := decode(t, src).Elements("events", func() any { return &event{} }); elems != nil {
			t.Errorf("%s: got %d elements, want none (fall back to the whole file)", name, len(elems))
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"id", "date", "actors", "text", "notes"}
	for word, want := range map[string]string{
		"txt":    "text",
		"Date":   "date",
		"actor":  "actors",
		"note":   "notes",
		"de":     "", // a language code is not a misspelt key
		"source": "",
	} {
		if got := Suggest(word, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}
