package tomlfile

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// spellings are the same data written the ways TOML allows: every test
// below must hold for each of them.
var spellings = map[string]string{
	"dotted keys and inline tables": `title.en = "T"
title.fr = "Titre"

[[events]]
id = "a"
text.en = "A"
text.fr = "Ä"
notes = [
  # a comment inside the array
  { en = "n1", fr = "n1f" },
]

[[events]]
id = "b"
text = { en = "B", fr = "Bé" } # a comment
`,
	"sub-tables and arrays of tables": `[title]
en = "T"
fr = "Titre"

[[events]]
id = "a"
  [events.text]
  en = "A"
  fr = "Ä"
  [[events.notes]]
  en = "n1"
  fr = "n1f"

[[ events ]]
id = "b"
[events.text]
en = "B"
fr = "Bé"
`,
	"quoted keys and literal strings": `"title"."en" = 'T'
'title'.fr = 'Titre'
[["events"]]
"id" = 'a'
text."en" = '''A'''
text . fr = """Ä"""
notes = [{ 'en' = "n1", "fr" = 'n1f' }]
[[events]]
id = "b"
"text" = { "en" = 'B', fr = "B\u00e9" }
`,
	"one inline array, multi-line strings": `title = { en = "T", fr = "Titre" }
events = [
  { id = "a", text = { en = """
A""", fr = '''
Ä''' }, notes = [{ en = "n1", fr = "n1f" }] },
  { id = "b", text = { en = "B", fr = "Bé" } },
]
`,
	"TOML 1.1 multi-line inline tables": `title = {
  en = "T",
  fr = "Titre",
}
[[events]]
id = "a"
text = {
  en = "A", # English
  fr = "Ä",
}
notes = [{ en = "n1", fr = "n1f" }]
[[events]]
id = "b"
text = { en = "B", fr = "Bé", }
`,
}

func init() {
	for name, src := range spellings {
		if !strings.Contains(name, "CRLF") {
			spellings[name+", CRLF"] = strings.ReplaceAll(src, "\n", "\r\n")
		}
	}
}

func decode(t *testing.T, src string) *Document {
	t.Helper()
	d, p := Decode("f.toml", []byte(src))
	if p != nil {
		t.Fatalf("%v in:\n%s", p, src)
	}
	return d
}

// leaves lists the paths of every string of decoded data, arrays numbered
// from 0.
func leaves(v any, path []string, out *[][]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, slices.Clone(path))
	case map[string]any:
		for k, e := range v {
			leaves(e, append(path, k), out)
		}
	case []map[string]any:
		for i, e := range v {
			leaves(e, append(path, strconv.Itoa(i)), out)
		}
	case []any:
		for i, e := range v {
			leaves(e, append(path, strconv.Itoa(i)), out)
		}
	}
}

func valueAt(v any, path []string) any {
	for _, k := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[k]
		case []map[string]any:
			i, _ := strconv.Atoi(k)
			v = c[i]
		case []any:
			i, _ := strconv.Atoi(k)
			v = c[i]
		}
	}
	return v
}

func TestEverySpellingDecodesToTheSameData(t *testing.T) {
	want := decode(t, spellings["dotted keys and inline tables"]).Data
	for name, src := range spellings {
		// Arrays of tables and inline arrays decode to different Go types.
		if got := decode(t, src).Data; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s decodes to\n%v\nwant\n%v", name, got, want)
		}
	}
}

// Replacing each string in turn changes exactly that value: the position
// the locator gives agrees with the decoder, in every spelling.
func TestEachStringIsFoundAndReplacedWhereItIs(t *testing.T) {
	for name, src := range spellings {
		t.Run(name, func(t *testing.T) {
			doc := decode(t, src)
			var paths [][]string
			leaves(doc.Data, nil, &paths)
			if len(paths) != 10 {
				t.Fatalf("%d strings, want 10", len(paths))
			}
			for _, path := range paths {
				// The position is inside the literal that holds the value.
				n, _ := doc.find(path)
				line, col := doc.Position(path...)
				at := lineStart(src, line) + len(string([]rune(src[lineStart(src, line):])[:col-1])) // columns count characters
				var literal map[string]any
				if _, err := toml.Decode("v = "+src[n.str[0]:n.str[1]], &literal); err != nil || literal["v"] != valueAt(doc.Data, path) || at <= n.str[0] || at >= n.str[1] {
					t.Errorf("%v at %d:%d, in %s, which is not its literal", path, line, col, src[n.str[0]:n.str[1]])
				}
				e, err := doc.ReplaceString(path, "new \"text\"\n\\ with ''' quotes")
				if err != nil {
					t.Fatal(err)
				}
				out, _ := ApplyEdits(doc.Src, []Edit{e})
				after := decode(t, string(out))
				// A CRLF file's multi-line strings have CRLF in their values.
				if got, _ := valueAt(after.Data, path).(string); strings.ReplaceAll(got, "\r\n", "\n") != "new \"text\"\n\\ with ''' quotes" {
					t.Errorf("%v: got %q after the edit:\n%s", path, got, out)
				}
				var all [][]string
				leaves(after.Data, nil, &all)
				for _, other := range all {
					if !slices.Equal(other, path) && !reflect.DeepEqual(valueAt(after.Data, other), valueAt(doc.Data, other)) {
						t.Errorf("replacing %v changed %v", path, other)
					}
				}
			}
		})
	}
}

// A French text added beside its English one is written as the English
// is, and the file then decodes to the original data.
func TestAddBesideWritesTheSameWay(t *testing.T) {
	for name, src := range spellings {
		t.Run(name, func(t *testing.T) {
			full := decode(t, src)
			for _, path := range [][]string{{"title", "fr"}, {"events", "0", "text", "fr"}, {"events", "1", "text", "fr"}, {"events", "0", "notes", "0", "fr"}} {
				// Remove the French value: its whole key = value.
				n, _ := full.find(path)
				from := strings.LastIndex(src[:n.keyStart], "\n") + 1
				if n.inline {
					from = strings.LastIndexAny(src[:n.keyStart], ",{")
					if src[from] == '{' {
						from++
					}
				}
				to := n.end
				if !n.inline && to < len(src) && src[to] == '\r' {
					to++
				}
				if !n.inline && to < len(src) && src[to] == '\n' {
					to++
				}
				without := src[:from] + src[to:]
				doc := decode(t, without)
				if doc.Has(path...) {
					t.Fatalf("%v still there:\n%s", path, without)
				}
				english := append(slices.Clone(path[:len(path)-1]), "en")
				e, err := doc.AddBeside(english, "fr", valueAt(full.Data, path).(string))
				if err != nil {
					t.Fatal(err)
				}
				out, _ := ApplyEdits(doc.Src, []Edit{e})
				if got := decode(t, string(out)).Data; fmt.Sprint(got) != fmt.Sprint(full.Data) {
					t.Errorf("%v: after adding it back:\n%s", path, out)
				}
				if strings.Contains(src, "\r\n") && strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
					t.Errorf("%v: a line without CR added to a CRLF file:\n%q", path, out)
				}
			}
		})
	}
}

func lineStart(src string, line int) int {
	at := 0
	for l := 1; l < line; l++ {
		at += strings.IndexByte(src[at:], '\n') + 1
	}
	return at
}

func TestPositionsOfTablesAndMissingKeys(t *testing.T) {
	doc := decode(t, spellings["dotted keys and inline tables"])
	for _, tc := range []struct {
		path      []string
		line, col int
	}{
		{[]string{"title"}, 1, 1},                // a table implied by a dotted key: its key
		{[]string{"events", "0"}, 4, 1},          // an element of an array of tables: its header
		{[]string{"events", "0", "date"}, 4, 1},  // absent: the element
		{[]string{"events", "1", "text"}, 15, 8}, // an inline table: its brace
		{[]string{"events", "0", "notes"}, 8, 9}, // an inline array: its bracket
		{[]string{"events", "0", "notes", "0"}, 10, 3},
		{[]string{"events", "1", "text", "fr"}, 15, 26},
	} {
		if line, col := doc.Position(tc.path...); line != tc.line || col != tc.col {
			t.Errorf("%v at %d:%d, want %d:%d", tc.path, line, col, tc.line, tc.col)
		}
	}
}

func TestAddToTable(t *testing.T) {
	for _, tc := range []struct{ src, path, want string }{
		{"[msg]\nother = \"x\"\n", "msg", "[msg]\none = \"y\"\nother = \"x\"\n"},
		{"msg.other = \"x\"\n", "msg", "msg.other = \"x\"\nmsg.one = \"y\"\n"},
		{"msg = { other = \"x\" }\n", "msg", "msg = { other = \"x\", one = \"y\" }\n"},
		{"a = 1\r\n", "", "one = \"y\"\r\na = 1\r\n"},
		// A byte-order mark is not part of the TOML.
		{"\uFEFF[msg]\nother = \"x\"\n", "msg", "\uFEFF[msg]\none = \"y\"\nother = \"x\"\n"},
	} {
		doc := decode(t, tc.src)
		var path []string
		if tc.path != "" {
			path = []string{tc.path}
		}
		e, err := doc.AddToTable(path, "one", "y")
		if err != nil {
			t.Fatal(err)
		}
		if out, _ := ApplyEdits(doc.Src, []Edit{e}); string(out) != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, out, tc.want)
		}
	}
}

// Beside a dotted key in an inline table, a key is written dotted too.
func TestAddBesideADottedKeyInAnInlineTable(t *testing.T) {
	doc := decode(t, `sources = [{ title.en = "X", url = "u" }]`+"\n")
	e, err := doc.AddBeside([]string{"sources", "0", "title", "en"}, "fr", "Ix")
	if err != nil {
		t.Fatal(err)
	}
	out, _ := ApplyEdits(doc.Src, []Edit{e})
	if want := `sources = [{ title.en = "X", title.fr = "Ix", url = "u" }]` + "\n"; string(out) != want {
		t.Errorf("got %s, want %s", out, want)
	}
	if key, inline := doc.SiblingKey([]string{"sources", "0", "title", "en"}, "fr"); key != "title.fr" || !inline {
		t.Errorf("SiblingKey: %s, %v", key, inline)
	}
}

// Insertions at the same place come out in the order they are given.
func TestInsertionsAtOnePlaceKeepTheirOrder(t *testing.T) {
	out, err := ApplyEdits([]byte("ab"), []Edit{{1, 1, "1"}, {1, 1, "2"}, {0, 1, "A"}})
	if err != nil || string(out) != "A12b" {
		t.Errorf("got %q, %v; want A12b", out, err)
	}
}

// A byte-order mark does not shift positions: the decoder and the locator
// both skip it.
func TestByteOrderMark(t *testing.T) {
	doc := decode(t, "\uFEFFtitle = \"T\"\nx = \"y\"\n")
	if line, col := doc.Position("x"); line != 2 || col != 6 {
		t.Errorf("x at %d:%d, want 2:6", line, col)
	}
}

func TestFrontMatterPositionsAreTheFile(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\nBody\n"
	doc, p := DecodePart("p.md", []byte(src), 4, 16)
	if p != nil {
		t.Fatal(p)
	}
	if line, col := doc.Position("title"); line != 2 || col != 10 {
		t.Errorf("title at %d:%d, want 2:10", line, col)
	}
	_, p = DecodePart("p.md", []byte("+++\ntitle = \"T\"\nx =\n+++\n"), 4, 20)
	if p == nil || p.Line != 3 {
		t.Errorf("a syntax error in front matter: %v, want it on line 3", p)
	}
}

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
		{"literal that cannot hold a control character", `v = 'old'`, "bell\a"},
		{"multi-line keeps its layout", "v = \"\"\"\nold\n\"\"\"\nafter = 1", "new\n\nparagraphs"},
		{"multi-line with quotes at the end", "v = \"\"\"\nold\n\"\"\"", `ends with "quoted"`},
		{"multi-line with three quotes", "v = \"\"\"old\"\"\"", `a """ b`},
		{"multi-line literal", "v = '''\nold\n'''", "new"},
		{"escaped quote inside the old value", `v = "a \"b\" c" # x`, `new`},
		{"French", `v = "old"`, "« guillemets » et l’apostrophe"},
		// A newline right after the opening quotes is not part of the text.
		{"multi-line without a leading newline, a text that starts with one", "v = \"\"\"old\"\"\"", "\nnew"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := decode(t, tc.src)
			e, err := doc.ReplaceString([]string{"v"}, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := ApplyEdits(doc.Src, []Edit{e})
			var after map[string]any
			if _, err := toml.Decode(string(out), &after); err != nil {
				t.Fatalf("%v in:\n%s", err, out)
			}
			want := tc.text
			if literalOf(doc.Src[e.Start:e.End], false).TrailingNewline { // the newline before the closing quotes is part of the value
				want += "\n"
			}
			if after["v"] != want {
				t.Errorf("got %q, want %q, from:\n%s", after["v"], want, out)
			}
			if !strings.HasPrefix(string(out), tc.src[:e.Start]) || !strings.HasSuffix(string(out), tc.src[e.End:]) {
				t.Errorf("bytes around the literal changed:\n%s", out)
			}
		})
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

func TestKey(t *testing.T) {
	for k, want := range map[string]string{"eventsHeading": "eventsHeading", "a-b_c": "a-b_c", "timeline/t#text": `"timeline/t#text"`, "": `""`} {
		if got := Key(k); got != want {
			t.Errorf("Key(%q) = %s, want %s", k, got, want)
		}
	}
}
