package tomlfile

import (
	"bytes"
	"strconv"

	"github.com/pelletier/go-toml/v2/unstable"
)

// node is where one value of a document is written. Tables and arrays
// hold their children; every offset is in the whole file.
type node struct {
	at int // what a position points at: a string's first character inside its quotes, a table's "[", any other value's first byte
	// The key = value expression that defines it, when there is one: its
	// first key part, its last key part, its value, and its end.
	keyStart, key, keyEnd, value, end int
	str                               [2]int // a string's literal, quotes included; zero for other values
	inline                            bool   // written inside an inline table
	header                            bool   // a table opened by a [header] line
	table                             map[string]*node
	array                             []*node
	isArray                           bool
}

func newTable(at int) *node {
	return &node{at: at, keyStart: -1, key: -1, table: map[string]*node{}}
}

// find returns the node of the key path, or the deepest one the path
// reaches and false.
func (d *Document) find(path []string) (*node, bool) {
	n := d.locate()
	if n == nil {
		return nil, false
	}
	for _, k := range path {
		var next *node
		if n.isArray {
			if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(n.array) {
				next = n.array[i]
			}
		} else {
			next = n.table[k]
		}
		if next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}

// locate builds the tree of where each key is, once. A document the
// parser cannot read (it has decoded, so that would be a disagreement
// between the two parsers) has no positions.
func (d *Document) locate() *node {
	d.made.Lock()
	defer d.made.Unlock()
	if d.tree != nil || d.treeErr != nil {
		return d.tree
	}
	var p unstable.Parser
	p.Reset(d.Src[d.start:d.end])
	root := newTable(d.start)
	root.header = true
	current := root
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			current = d.header(root, e)
		case unstable.KeyValue:
			d.keyValue(current, e, false)
		}
	}
	if d.treeErr = p.Error(); d.treeErr == nil {
		d.tree = root
	}
	return d.tree
}

type keyPart struct {
	name       string
	start, end int
}

func (d *Document) keyParts(it unstable.Iterator) []keyPart {
	var parts []keyPart
	for it.Next() {
		n := it.Node()
		start := d.start + int(n.Raw.Offset)
		parts = append(parts, keyPart{name: string(n.Data), start: start, end: start + int(n.Raw.Length)})
	}
	return parts
}

// header follows a [table] or [[array of tables]] header from the root and
// returns the table that the keys below it go into.
func (d *Document) header(root *node, e *unstable.Node) *node {
	keys := d.keyParts(e.Key())
	bracket := bytes.LastIndexByte(d.Src[:keys[0].start], '\n') + 1
	for bracket < keys[0].start && d.Src[bracket] != '[' {
		bracket++
	}
	t := root
	for i, k := range keys {
		last := i == len(keys)-1
		child := t.table[k.name]
		if child == nil {
			child = newTable(k.start)
			child.keyStart, child.key, child.keyEnd = keys[0].start, k.start, k.end
			t.table[k.name] = child
		}
		switch {
		case last && e.Kind == unstable.ArrayTable:
			elem := newTable(bracket)
			elem.header = true
			child.isArray = true
			child.array = append(child.array, elem)
			return elem
		case last:
			if !child.header {
				child.header, child.at = true, bracket
			}
			return child
		case child.isArray && len(child.array) > 0:
			child = child.array[len(child.array)-1]
		}
		t = child
	}
	return t
}

// keyValue adds a key = value expression to the table t.
func (d *Document) keyValue(t *node, e *unstable.Node, inline bool) {
	keys := d.keyParts(e.Key())
	for _, k := range keys[:len(keys)-1] {
		child := t.table[k.name]
		if child == nil {
			child = newTable(k.start)
			child.keyStart, child.key, child.keyEnd, child.inline = keys[0].start, k.start, k.end, inline
			t.table[k.name] = child
		}
		t = child
	}
	last := keys[len(keys)-1]
	valueAt := skipSpace(d.Src, last.end)
	if valueAt < len(d.Src) && d.Src[valueAt] == '=' {
		valueAt = skipSpace(d.Src, valueAt+1)
	}
	n := d.value(e.Value(), valueAt)
	n.keyStart, n.key, n.keyEnd, n.value, n.inline = keys[0].start, last.start, last.end, valueAt, inline
	n.end = d.start + int(e.Raw.Offset+e.Raw.Length)
	t.table[last.name] = n
}

// value makes the node of a value that starts at offset at.
func (d *Document) value(v *unstable.Node, at int) *node {
	n := &node{at: at, keyStart: -1, key: -1}
	switch v.Kind {
	case unstable.String:
		start := d.start + int(v.Raw.Offset)
		n.str = [2]int{start, start + int(v.Raw.Length)}
		n.at = start + len(delimiter(d.Src[start:n.str[1]]))
	case unstable.InlineTable:
		n.table = map[string]*node{}
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				d.keyValue(n, c, true)
			}
		}
	case unstable.Array:
		n.isArray = true
		for it := v.Children(); it.Next(); {
			c := it.Node()
			elemAt := at // an array in an array has no position of its own
			if c.Kind != unstable.Array {
				elemAt = d.start + int(c.Raw.Offset)
			}
			n.array = append(n.array, d.value(c, elemAt))
		}
	}
	return n
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}
