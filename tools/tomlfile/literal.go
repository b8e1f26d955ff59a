package tomlfile

import (
	"bytes"
	"fmt"
	"strings"
)

// Literal is how a string is written: its quotes, and for a multi-line
// string, whether its text starts and ends on lines of its own and how its
// lines end.
type Literal struct {
	Delim                           string // `"`, `"""`, `'` or `'''`
	LeadingNewline, TrailingNewline bool
	CRLF                            bool
}

// delimiter returns the quotes a string literal starts with.
func delimiter(raw []byte) string {
	for _, d := range []string{`"""`, `'''`, `"`, `'`} {
		if bytes.HasPrefix(raw, []byte(d)) {
			return d
		}
	}
	return ""
}

// literalOf tells how the literal raw (quotes included) is written, in a
// file whose lines end with CRLF or not.
func literalOf(raw []byte, crlf bool) Literal {
	l := Literal{Delim: delimiter(raw), CRLF: crlf}
	if len(l.Delim) == 3 && len(raw) >= 6 {
		content := raw[3 : len(raw)-3]
		l.LeadingNewline = bytes.HasPrefix(content, []byte("\n")) || bytes.HasPrefix(content, []byte("\r\n"))
		l.TrailingNewline = bytes.HasSuffix(content, []byte("\n"))
	}
	return l
}

// Quote writes s as a basic string: "…". With Literal.Encode, it is the one
// way this project writes a TOML string.
func Quote(s string) string { return Literal{Delim: `"`}.Encode(s) }

// Encode writes s as a TOML string in the style of the literal: the same
// quotes when they can hold s, and the same layout for multi-line strings,
// whose lines end as the file's do.
func (l Literal) Encode(s string) string {
	var out string
	switch {
	case l.Delim == `'` && !strings.ContainsAny(s, "'\n\r") && printable(s):
		return "'" + s + "'"
	case l.Delim == `'''` && !strings.Contains(s, "'''") && !strings.HasSuffix(s, "'") && !strings.Contains(s, "\r") && printable(s):
		out = "'''" + l.layout(s) + "'''"
	case len(l.Delim) == 3 || strings.Contains(s, "\n"):
		out = `"""` + l.layout(escapeMultiline(s)) + `"""`
	default:
		return `"` + escapeBasic(s) + `"`
	}
	if l.CRLF {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return out
}

// printable reports whether s holds no control character but tabs and
// newlines, which literal strings cannot escape.
func printable(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return false
		}
	}
	return true
}

// layout puts back the newlines a multi-line literal had around its text.
// A newline right after the opening quotes is not part of the text: a
// text that starts with one needs another.
func (l Literal) layout(s string) string {
	if l.LeadingNewline || len(l.Delim) == 1 || strings.HasPrefix(s, "\n") {
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
