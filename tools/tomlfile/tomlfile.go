// Package tomlfile decodes the TOML files that editors write, tells where
// each key and value stands in them, and edits their string values in place.
//
// github.com/BurntSushi/toml decodes; it keeps no positions but in its
// errors. Positions come from the syntax tree of go-toml's parser
// (github.com/pelletier/go-toml/v2/unstable), built only when something
// asks where a key is: a problem to report, a text to translate or to
// write back. Both read TOML 1.1, so every spelling of the same data
// (dotted keys, quoted keys, inline tables, sub-tables, arrays of tables,
// literal and multi-line strings, CRLF line ends) decodes to the same
// values and has the same positions.
package tomlfile

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/agnivade/levenshtein"
	"github.com/cyberpub/site/tools/diag"
)

// Document is a decoded TOML file, or the TOML front matter of a page.
type Document struct {
	File string         // as shown in problems
	Src  []byte         // the whole file
	Data map[string]any // the decoded values

	start, end int // the TOML's bytes in Src
	// made is held to make what follows, on first use: problems of one
	// file are placed side by side (site check's typography and
	// terminology).
	made    sync.Mutex
	lines   []int // where each line starts, for positions
	tree    *node // where each key is
	treeErr error
}

// Decode decodes a whole file. A file that is not valid TOML comes back as
// a problem at its position.
func Decode(file string, src []byte) (*Document, *diag.Problem) {
	return DecodePart(file, src, 0, len(src))
}

// DecodePart decodes the TOML in src[start:end], a page's front matter:
// positions are the file's.
func DecodePart(file string, src []byte, start, end int) (*Document, *diag.Problem) {
	if bytes.HasPrefix(src[start:end], byteOrderMark) { // written by some editors; not part of the TOML
		start += len(byteOrderMark)
	}
	d := &Document{File: file, Src: src, start: start, end: end}
	if at := tooDeep(src[start:end]); at >= 0 {
		line, col := d.LineCol(start + at)
		return nil, &diag.Problem{File: file, Line: line, Col: col,
			Message: fmt.Sprintf("values are nested more than %d deep here", maxDepth),
			Hint:    "a site's data needs a few levels of [ ] and { } at most: close the ones opened by mistake"}
	}
	if err := toml.Unmarshal(src[start:end], &d.Data); err != nil {
		return nil, d.decodeProblem(err)
	}
	if d.Data == nil {
		d.Data = map[string]any{}
	}
	return d, nil
}

// maxDepth is how deep arrays and inline tables may nest: the decoder takes
// a time that grows with the square of the depth, and no data of a site
// needs more than a few levels.
const maxDepth = 16

// tooDeep returns the offset in src of the first [ or { that nests values
// more than maxDepth deep, or -1. It skips strings and comments, as the
// TOML lexer does.
func tooDeep(src []byte) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			delim := src[i : i+1]
			if bytes.HasPrefix(src[i:], []byte{c, c, c}) {
				delim = src[i : i+3]
			}
			i += len(delim)
			for i < len(src) && !bytes.HasPrefix(src[i:], delim) {
				if c == '"' && src[i] == '\\' {
					i++ // an escaped character, maybe a quote
				}
				i++
			}
			i += len(delim) - 1
			for len(delim) == 3 && i+1 < len(src) && src[i+1] == c {
				i++ // a multi-line string may end with quotes before its delimiter
			}
		case '[', '{':
			if depth++; depth > maxDepth {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

func (d *Document) decodeProblem(err error) *diag.Problem {
	p := &diag.Problem{File: d.File, Message: strings.TrimPrefix(err.Error(), "toml: ")}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p.Line, p.Col = d.LineCol(d.start + pe.Position.Start)
		p.Message = pe.Message
		if pe.Usage != "" {
			p.Hint = strings.TrimSpace(pe.Usage)
		}
	}
	if strings.Contains(p.Message, "UTF-8") {
		p.Hint = "the file must be saved as UTF-8: reopen it in its encoding (often Windows-1252 or Latin-1) and save it as UTF-8"
	}
	if strings.Contains(p.Message, "invalid datetime") {
		p.Hint = "a date is written 2021-01-22 and must exist in the calendar; write \"2021-01\" or \"2021\" when only the month or year is known"
	}
	return p
}

var byteOrderMark = []byte("\uFEFF")

// Position returns the line and column of the key path's value (inside
// the quotes of a string, the "[" of a table header), or, when the path
// goes further than the file, of the deepest part of it that is written.
// Array elements are numbered from 0 in paths. It returns 0, 0 when the
// position cannot be known.
func (d *Document) Position(path ...string) (line, col int) {
	n, _ := d.find(path)
	if n == nil {
		return 0, 0
	}
	return d.LineCol(n.at)
}

// Offset returns the byte offset of the key path's value in the file, as
// Position does its line and column, or -1 when the path is not written.
func (d *Document) Offset(path ...string) int {
	n, found := d.find(path)
	if n == nil || !found {
		return -1
	}
	return n.at
}

// Has reports whether the key path is written in the file.
func (d *Document) Has(path ...string) bool {
	_, found := d.find(path)
	return found
}

// LineCol turns a byte offset of the file into a 1-based line and column.
// Columns count characters, as editors do, not bytes: "é" is one.
func (d *Document) LineCol(offset int) (line, col int) {
	d.made.Lock()
	defer d.made.Unlock()
	if d.lines == nil {
		d.lines = []int{0}
		for i, b := range d.Src {
			if b == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	offset = min(max(offset, 0), len(d.Src))
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > offset }) - 1
	start := d.lines[i]
	if i == 0 && bytes.HasPrefix(d.Src, byteOrderMark) && offset >= len(byteOrderMark) {
		start = len(byteOrderMark) // editors do not show it
	}
	return i + 1, utf8.RuneCount(d.Src[start:offset]) + 1
}

// CRLF reports whether the file's lines end with CRLF, so that what is
// added to it does too.
func (d *Document) CRLF() bool {
	i := bytes.IndexByte(d.Src, '\n')
	return i > 0 && d.Src[i-1] == '\r'
}

// BareKey reports whether s can be written as a key without quotes.
func BareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isBareKeyChar(s[i]) {
			return false
		}
	}
	return true
}

func isBareKeyChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
}

// Key writes a key as TOML: bare when it can be, quoted otherwise.
func Key(s string) string {
	if BareKey(s) {
		return s
	}
	return Quote(s)
}

// Suggest returns the known word closest to word, or "" when none is close
// enough to be what the editor meant.
func Suggest(word string, known []string) string {
	best, bestDist := "", max(1, len(word)/3)+1
	for _, k := range known {
		if d := levenshtein.ComputeDistance(strings.ToLower(word), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// Inline reports whether the value at the key path is written inside an
// inline table: { en = "…" }.
func (d *Document) Inline(path ...string) bool {
	n, found := d.find(path)
	return found && n.inline
}

// ArrayOfTables reports whether the key is written as [[key]] tables.
func (d *Document) ArrayOfTables(key string) bool {
	n, found := d.find([]string{key})
	return found && n.isArray && len(n.array) > 0 && n.array[0].header
}

// KeyPosition returns the line and column of the key path's key itself
// (the key of a key = value, or of a [header]), or, when it has none, of
// its value: where a misspelt key is.
func (d *Document) KeyPosition(path ...string) (line, col int) {
	n, found := d.find(path)
	switch {
	case n == nil:
		return 0, 0
	case found && n.key >= 0 && !n.header:
		return d.LineCol(n.key)
	}
	return d.LineCol(n.at)
}

// Located reports whether the positions of the document's keys have been
// computed: they are only when something asks where a key is.
func (d *Document) Located() bool { return d.tree != nil || d.treeErr != nil }

// SiblingKey is how a key beside the one at path is written: with the same
// dotted prefix ("title." for title.en), and whether it goes inside the
// braces of an inline table.
func (d *Document) SiblingKey(path []string, key string) (written string, inline bool) {
	n, found := d.find(path)
	if !found || n.keyStart < 0 {
		return Key(key), false
	}
	return string(d.Src[n.keyStart:n.key]) + Key(key), n.inline
}

// Header reports whether the table at path is written as a [header] of its
// own, rather than inline or by dotted keys.
func (d *Document) Header(path ...string) bool {
	n, found := d.find(path)
	return found && n.header
}
