package tomlfile

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Edit replaces Src[Start:End] of a file by Text.
type Edit struct {
	Start, End int
	Text       string
}

// ApplyEdits applies edits to src; they may not overlap. Insertions at the
// same offset come out in the order of edits.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.Reverse(edits) // applied from the end, the last inserted ends up first
	slices.SortStableFunc(edits, func(a, b Edit) int { return b.Start - a.Start })
	out := slices.Clone(src)
	last := len(src) + 1
	for _, e := range edits {
		if e.End > last {
			return nil, fmt.Errorf("two edits write over the same bytes (%d-%d)", e.Start, e.End)
		}
		out = slices.Concat(out[:e.Start], []byte(e.Text), out[e.End:])
		last = e.Start
	}
	return out, nil
}

// ReplaceString returns the edit that writes s in place of the string at
// path, in the style that string is written in.
func (d *Document) ReplaceString(path []string, s string) (Edit, error) {
	n, found := d.find(path)
	if !found || n.str[1] == 0 {
		return Edit{}, fmt.Errorf("no string at %s", strings.Join(path, "."))
	}
	return Edit{n.str[0], n.str[1], d.literal(n).Encode(s)}, nil
}

// AddBeside returns the edit that adds key = s beside the string at path,
// written as that string is: `, key = …` after it inside an inline table,
// or a line of its own after it with the same key prefix (text.en = … is
// followed by text.fr = …).
func (d *Document) AddBeside(path []string, key, s string) (Edit, error) {
	n, found := d.find(path)
	if !found || n.str[1] == 0 {
		return Edit{}, fmt.Errorf("no string at %s", strings.Join(path, "."))
	}
	literal := d.literal(n).Encode(s)
	if n.inline {
		return Edit{n.str[1], n.str[1], fmt.Sprintf(", %s%s = %s", d.Src[n.keyStart:n.key], Key(key), literal)}, nil
	}
	lineStart := bytes.LastIndexByte(d.Src[:n.keyStart], '\n') + 1
	line := string(d.Src[lineStart:n.key]) + Key(key) + string(d.Src[n.keyEnd:n.value]) + literal
	return d.addLineAfter(n.end, line), nil
}

// AddToTable returns the edit that adds key = s to the table at path (the
// root for an empty path): on the line after its [header], or beside one
// of its keys when it has no header of its own.
func (d *Document) AddToTable(path []string, key, s string) (Edit, error) {
	n, found := d.find(path)
	if !found || n.table == nil {
		return Edit{}, fmt.Errorf("no table at %s", strings.Join(path, "."))
	}
	line := fmt.Sprintf("%s = %s", Key(key), Literal{Delim: `"`, CRLF: d.CRLF()}.Encode(s))
	switch {
	case n == d.tree: // the first line of the document
		return Edit{d.start, d.start, line + d.newline()}, nil
	case n.header:
		return d.addLineAfter(n.at, line), nil
	}
	for _, k := range slices.Sorted(maps.Keys(n.table)) {
		if c := n.table[k]; c.str[1] != 0 {
			return d.AddBeside(append(slices.Clone(path), k), key, s)
		}
	}
	return Edit{}, fmt.Errorf("cannot tell where to add %s in %s", key, strings.Join(path, "."))
}

// literal tells how the string of n is written.
func (d *Document) literal(n *node) Literal { return literalOf(d.Src[n.str[0]:n.str[1]], d.CRLF()) }

// addLineAfter adds a line after the line where offset is.
func (d *Document) addLineAfter(offset int, line string) Edit {
	at := len(d.Src)
	if i := bytes.IndexByte(d.Src[offset:], '\n'); i >= 0 {
		at = offset + i + 1
	} else {
		line = d.newline() + line
	}
	if at > d.end { // never past a page's front matter
		at = d.end
	}
	return Edit{at, at, line + d.newline()}
}

func (d *Document) newline() string {
	if d.CRLF() {
		return "\r\n"
	}
	return "\n"
}

// RemoveKey returns the edit that removes a key = value line of the
// document's top level, with its line end.
func (d *Document) RemoveKey(key string) Edit {
	n, found := d.find([]string{key})
	if !found || n.keyStart < 0 {
		return Edit{}
	}
	start := bytes.LastIndexByte(d.Src[:n.keyStart], '\n') + 1
	end := len(d.Src)
	if i := bytes.IndexByte(d.Src[n.end:], '\n'); i >= 0 {
		end = n.end + i + 1
	}
	return Edit{start, min(end, d.end), ""}
}

// ReplaceWithTable returns the edit that writes an inline table of strings
// ({ key = "…", … }, in the order given) in place of the value at path.
func (d *Document) ReplaceWithTable(path []string, pairs [][2]string) (Edit, error) {
	n, found := d.find(path)
	if !found || n.str[1] == 0 {
		return Edit{}, fmt.Errorf("no string at %s", strings.Join(path, "."))
	}
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = Key(p[0]) + " = " + Quote(p[1])
	}
	return Edit{n.str[0], n.str[1], "{ " + strings.Join(parts, ", ") + " }"}, nil
}
