// Package tomlfile decodes the TOML files that editors write and tells where
// each key stands in them, so that every problem can be reported at its
// file:line:col.
//
// github.com/BurntSushi/toml records a position for every key but exposes it
// only through the errors it returns: Position asks for it by decoding the
// key into a value that refuses it. The library also keeps one position per
// key path, so the elements of an array of tables ([[events]]) share theirs;
// Elements decodes each element on its own to tell them apart.
package tomlfile

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/agnivade/levenshtein"
	"github.com/cyberpub/site/tools/diag"
)

// Document is one decoded TOML file, or one element of an array of tables in it.
type Document struct {
	File    string // as shown in problems
	src     []byte
	md      toml.MetaData
	unknown []toml.Key
	// Where an element of an array of tables starts: its [[header]].
	startLine int

	top    map[string]toml.Primitive // decoded on the first call to Position
	topMD  toml.MetaData
	topErr error
}

// Decode decodes src into v. A file that is not valid TOML, or whose values
// do not fit v, comes back as a problem at its position.
func Decode(file string, src []byte, v any) (*Document, *diag.Problem) {
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(v)
	if err != nil {
		return nil, decodeProblem(file, err)
	}
	// Undecoded is read now: Position decodes again and would mark keys.
	return &Document{File: file, src: src, md: md, unknown: md.Undecoded()}, nil
}

func decodeProblem(file string, err error) *diag.Problem {
	p := &diag.Problem{File: file, Message: strings.TrimPrefix(err.Error(), "toml: ")}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p.Line, p.Col = pe.Position.Line, pe.Position.Col
		p.Message = pe.Message
		if pe.Usage != "" {
			p.Hint = strings.TrimSpace(pe.Usage)
		}
	}
	if strings.Contains(p.Message, "invalid datetime") {
		p.Hint = "a date is written 2021-01-22 and must exist in the calendar; write \"2021-01\" or \"2021\" when only the month or year is known"
	}
	return p
}

// Unknown returns the keys of the file that the decoded value has no place for.
func (d *Document) Unknown() []toml.Key { return d.unknown }

// IsDefined reports whether the file sets the key.
func (d *Document) IsDefined(key ...string) bool { return d.md.IsDefined(key...) }

// Position returns where the value of the key path starts, or, when the key
// is absent, where its nearest enclosing key is, or where the element starts;
// 0, 0 when none is known.
func (d *Document) Position(key ...string) (line, col int) {
	if d.top == nil && d.topErr == nil {
		d.topMD, d.topErr = toml.Decode(string(d.src), &d.top)
	}
	if d.startLine > 0 {
		line, col = d.startLine, 1
	}
	if d.topErr != nil || len(key) == 0 {
		return line, col
	}
	prim, ok := d.top[key[0]]
	if !ok {
		return line, col
	}
	// Descend as far as the key exists, keeping the deepest position known:
	// tables implied by dotted keys (text.en) have none of their own.
	line, col = d.probe(prim, line, col)
	for _, k := range key[1:] {
		var table map[string]toml.Primitive
		if d.topMD.PrimitiveDecode(prim, &table) != nil {
			break
		}
		next, ok := table[k]
		if !ok {
			break
		}
		prim = next
		line, col = d.probe(prim, line, col)
	}
	return line, col
}

// probe returns the position of the primitive's key, or line, col when the
// decoder knows none. The line and column are computed from the byte offset
// the decoder gives: the line it gives is where a multi-line string ends.
func (d *Document) probe(prim toml.Primitive, line, col int) (int, int) {
	var pe toml.ParseError
	if errors.As(d.topMD.PrimitiveDecode(prim, refuse{}), &pe) && pe.Position.Line > 0 {
		return LineCol(d.src, pe.Position.Start)
	}
	return line, col
}

// LineCol turns a byte offset into a 1-based line and column (in bytes).
func LineCol(src []byte, offset int) (line, col int) {
	offset = min(offset, len(src))
	before := src[:offset]
	return 1 + bytes.Count(before, []byte("\n")), offset - bytes.LastIndexByte(before, '\n')
}

// Offset turns a 1-based line and column back into a byte offset.
func Offset(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return min(off+col-1, len(src))
}

// refuse fails to decode anything, so that the decoder reports where it was.
type refuse struct{}

func (refuse) UnmarshalTOML(any) error { return errRefused }

var errRefused = errors.New("position probe")

var tableHeader = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$`)

// Elements decodes each element of the top-level array of tables key
// ([[key]]) on its own, into a value made by newValue, so that its keys have
// positions of their own. It returns nil when the elements cannot be told
// apart by their headers (an inline array, or a header inside a multi-line
// string); callers then fall back to the positions of the whole file.
func (d *Document) Elements(key string, newValue func() any) []*Document {
	lines := bytes.SplitAfter(d.src, []byte("\n"))
	var starts []int
	for i, l := range lines {
		if m := tableHeader.FindSubmatch(bytes.TrimRight(l, "\r\n")); m != nil && string(m[1]) == key {
			starts = append(starts, i)
		}
	}
	headers := 0
	for _, k := range d.md.Keys() {
		if len(k) == 1 && k[0] == key && d.md.Type(key) == "ArrayHash" {
			headers++
		}
	}
	if len(starts) == 0 || len(starts) != headers {
		return nil
	}
	elems := make([]*Document, len(starts))
	for i, start := range starts {
		end := len(lines)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		// Lines outside the element are emptied, not removed, so that
		// positions in the element are positions in the file.
		var chunk bytes.Buffer
		for j, l := range lines {
			if j > start && j < end {
				chunk.Write(l)
			} else if bytes.HasSuffix(l, []byte("\n")) {
				chunk.WriteByte('\n')
			}
		}
		sub, p := Decode(d.File, chunk.Bytes(), newValue())
		if p != nil {
			return nil
		}
		sub.startLine = start + 1
		elems[i] = sub
	}
	return elems
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
