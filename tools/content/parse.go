package content

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ParseMarkdown parses a text as the checks do, which is as Hugo renders
// it (markdown, in markup.go): the exports read the same tree, with the
// same extensions (typographic quotes, footnotes, tables), as the pages.
func ParseMarkdown(src []byte) ast.Node {
	return markdown.Parser().Parse(text.NewReader(src))
}
