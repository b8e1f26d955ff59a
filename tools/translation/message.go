package translation

import (
	"fmt"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/cyberpub/site/tools/tomlfile"
)

// Hugo's T runs a catalogue message as a Go template: whatever code a
// message holds runs in every build ({{ range 1000000000 }} ends it out of
// memory). A message is text with placeholders, {{ .Count }}, and nothing
// else; the template parser itself says what a message holds, so that no
// spelling of an action (trim markers, another pair of delimiters) slips
// past a pattern.

// messageCode is what a message holds besides text: its placeholders, or
// the first piece of code that is not one.
type messageCode struct {
	placeholders []string // in order, each once
	code         string   // the first action that is not a placeholder, as written
	offset       int      // its byte offset in the text
	reason       string   // why it is not a message's text; "" when code is ""
}

// parseMessage reads a message's text as Hugo runs it: a Go template with
// the message's delimiters ("" for {{ and }}).
func parseMessage(text, left, right string) messageCode {
	var mc messageCode
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	if !strings.Contains(text, left) {
		return mc // go-i18n runs no template in it
	}
	tree := parse.New("message")
	tree.Mode = parse.ParseComments | parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tree.Parse(text, left, right, trees); err != nil {
		at := strings.Index(text, left)
		end := strings.Index(text[at:], right)
		mc.code, mc.offset = text[at:], at
		if end >= 0 {
			mc.code = text[at : at+end+len(right)]
		}
		detail := strings.TrimPrefix(err.Error(), "template: message:")
		if _, after, ok := strings.Cut(detail, ": "); ok {
			detail = after // the line number of the text, which the file's position says better
		}
		mc.reason = "Hugo cannot read it as a template (" + detail + ")"
		return mc
	}
	if len(trees) > 1 {
		mc.code, mc.offset, mc.reason = left+" define "+right, strings.Index(text, left), "Hugo would define a template with it"
		return mc
	}
	seen := map[string]bool{}
	for _, n := range tree.Root.Nodes {
		if _, ok := n.(*parse.TextNode); ok {
			continue
		}
		if name := placeholderName(n); name != "" {
			if !seen[name] {
				seen[name] = true
				mc.placeholders = append(mc.placeholders, name)
			}
			continue
		}
		mc.code, mc.offset = actionText(text, int(n.Position()), left, right)
		mc.reason = "Hugo would run it as code"
		if _, ok := n.(*parse.CommentNode); ok {
			mc.reason = "a template comment, which Hugo would drop"
		}
		return mc
	}
	return mc
}

// placeholderName is the name of a placeholder, {{ .Name }}, or "" for any
// other node.
func placeholderName(n parse.Node) string {
	a, ok := n.(*parse.ActionNode)
	if !ok || a.Pipe == nil || len(a.Pipe.Decl) > 0 || a.Pipe.IsAssign || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 {
		return ""
	}
	f, ok := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return ""
	}
	return f.Ident[0]
}

// actionText returns the action around a byte of a template, delimiters
// included, and where it starts.
func actionText(text string, pos int, left, right string) (string, int) {
	pos = min(max(pos, 0), len(text))
	start := strings.LastIndex(text[:pos], left)
	if start < 0 {
		start = pos
	}
	end := strings.Index(text[pos:], right)
	if end < 0 {
		return text[start:], start
	}
	return text[start : pos+end+len(right)], start
}

// codeProblem says what is wrong with a message's text: code that is not
// a placeholder, or, when allowed is not nil, a placeholder that is not
// one of allowed (its source's, in the language named source). It returns
// "" when the text is right.
func codeProblem(mc messageCode, allowed []string, source string) string {
	if mc.code != "" {
		return fmt.Sprintf("the message holds %s: %s", mc.code, mc.reason)
	}
	for _, name := range mc.placeholders {
		if allowed != nil && !slices.Contains(allowed, name) {
			return fmt.Sprintf("the message has the placeholder {{ .%s }}, which its %s has not", name, source)
		}
	}
	return ""
}

// codeHint says what a message may hold: what its source, in the language
// named source, holds.
func codeHint(allowed []string, source string) string {
	if len(allowed) == 0 {
		return fmt.Sprintf("a message is text only, as its %s: remove it", source)
	}
	return fmt.Sprintf("a message is text with the placeholders of its %s (%s) and nothing else: remove it", source, list(allowed))
}

// valueOffset returns the line and column, in a TOML document, of a byte
// of a string value: found again in the file from where the value starts
// (escapes and line ends may differ), or the value's own place.
func valueOffset(doc *tomlfile.Document, path []string, s string, offset int) (line, col int) {
	start := doc.Offset(path...)
	// As far as the file writes it as it is: up to an escape, a double
	// quote or a line end (an apostrophe is written as it is in any string
	// that can hold one).
	snippet := s[offset:]
	if end := strings.IndexAny(snippet, "\\\"\n\r\t"); end >= 0 {
		snippet = snippet[:end]
	}
	snippet = strings.ToValidUTF8(snippet[:min(len(snippet), 40)], "")
	if start < 0 || snippet == "" {
		return doc.Position(path...)
	}
	i := strings.Index(string(doc.Src[start:]), snippet)
	if i < 0 {
		return doc.Position(path...)
	}
	return doc.LineCol(start + i)
}
