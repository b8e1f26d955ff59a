package tomlfile

import (
	"bytes"
	"fmt"
	"strings"
)

// Literal is where a TOML string value is written in a file, so that it can
// be replaced without touching a byte around it.
type Literal struct {
	Start, End int    // src[Start:End] is the literal, quotes included
	Delim      string // `"`, `"""`, `'` or `'''`
	// Multi-line literals keep their layout: a newline right after the
	// opening quotes, and one before the closing quotes.
	LeadingNewline, TrailingNewline bool
	// Keyed says the literal was found from its key, in an inline table.
	Keyed bool
}

// LiteralAt finds the string literal whose value starts at offset (as
// Position gives it: just inside the quotes), or whose key starts there (as
// Position gives it for the keys of an inline table).
func LiteralAt(src []byte, off int) (Literal, error) {
	open, keyed := -1, false
	switch {
	case off >= 3 && (string(src[off-3:off]) == `"""` || string(src[off-3:off]) == `'''`):
		open = off - 3
	case off >= 1 && (src[off-1] == '"' || src[off-1] == '\''):
		open = off - 1
	default: // a key: skip it and its "=" to the value
		i := off
		for i < len(src) && (isBareKeyChar(src[i]) || src[i] == '.') {
			i++
		}
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= len(src) || src[i] != '=' {
			return Literal{}, fmt.Errorf("no string value at byte %d", off)
		}
		i++
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		open, keyed = i, true
	}
	l := Literal{Start: open, Keyed: keyed}
	rest := src[open:]
	switch {
	case bytes.HasPrefix(rest, []byte(`"""`)):
		l.Delim = `"""`
	case bytes.HasPrefix(rest, []byte(`'''`)):
		l.Delim = `'''`
	case bytes.HasPrefix(rest, []byte(`"`)):
		l.Delim = `"`
	case bytes.HasPrefix(rest, []byte(`'`)):
		l.Delim = `'`
	default:
		return Literal{}, fmt.Errorf("the value at byte %d is not a string", off)
	}
	body := open + len(l.Delim)
	escapes := l.Delim[0] == '"'
	for i := body; i < len(src); i++ {
		if escapes && src[i] == '\\' {
			i++
			continue
		}
		if !bytes.HasPrefix(src[i:], []byte(l.Delim)) {
			continue
		}
		// Up to two quotes may end a multi-line string's content.
		for len(l.Delim) == 3 && i+3 < len(src) && src[i+3] == l.Delim[0] && i+3-body < len(src) {
			i++
		}
		l.End = i + len(l.Delim)
		content := src[body:i]
		l.LeadingNewline = len(l.Delim) == 3 && bytes.HasPrefix(content, []byte("\n"))
		l.TrailingNewline = len(l.Delim) == 3 && bytes.HasSuffix(content, []byte("\n"))
		return l, nil
	}
	return Literal{}, fmt.Errorf("the string at byte %d is not closed", off)
}

func isBareKeyChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
}

// Encode writes s as a TOML string in the style of the literal: the same
// quotes when they can hold s, and the same layout for multi-line strings.
func (l Literal) Encode(s string) string {
	multiline := len(l.Delim) == 3 || strings.Contains(s, "\n")
	switch {
	case l.Delim == `'` && !strings.ContainsAny(s, "'\n\r"):
		return "'" + s + "'"
	case l.Delim == `'''` && !strings.Contains(s, "'''") && !strings.HasSuffix(s, "'") && !strings.Contains(s, "\r"):
		return "'''" + l.layout(s) + "'''"
	case multiline:
		return `"""` + l.layout(escapeMultiline(s)) + `"""`
	}
	return `"` + escapeBasic(s) + `"`
}

// layout puts back the newlines a multi-line literal had around its text.
func (l Literal) layout(s string) string {
	if l.LeadingNewline || len(l.Delim) == 1 {
		s = "\n" + s
	}
	if l.TrailingNewline {
		s += "\n"
	}
	return s
}

func escapeBasic(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func escapeMultiline(s string) string {
	var b strings.Builder
	quotes := 0
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			// A third quote in a row would end the string.
			if quotes == 2 {
				b.WriteString(`\"`)
				quotes = 0
				continue
			}
			b.WriteRune(r)
			quotes++
			continue
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 && r != '\n' && r != '\t' || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
		quotes = 0
	}
	out := b.String()
	// A quote just before the closing quotes would merge with them.
	if strings.HasSuffix(out, `"`) && !strings.HasSuffix(out, `\"`) {
		out = out[:len(out)-1] + `\"`
	}
	return out
}
