package content

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/gohugoio/hugo/parser/pageparser"
)

// shortcodeDirs are where Hugo finds a site's own shortcodes: its
// layouts/_shortcodes/, and the layouts/shortcodes/ of older sites.
var shortcodeDirs = []string{project.LayoutsDir + "/_shortcodes", project.LayoutsDir + "/shortcodes"}

// shortcodes returns the names of the shortcodes the site declares, from
// their templates' file names: "note.html" (or "note.en.html", a
// language's) is note, "folder/note.html" is folder/note. The folders are
// listed, not read.
func (l *loader) shortcodes() []string {
	var names []string
	for _, dir := range shortcodeDirs {
		walkFiles(l.p.FS, dir, func(rel string, _ fs.DirEntry) {
			name, _, _ := strings.Cut(path.Base(rel), ".")
			names = append(names, path.Join(path.Dir(rel), name))
		})
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// shortcodeProblems finds, as Hugo's own page parser does, the shortcodes
// of a text (a page's body, or a text of the data, which Hugo renders with
// shortcodes too) that the site does not declare: Hugo's built-in ones
// embed other sites' pages (youtube, vimeo, x, instagram, gist), fetch
// their images (figure) or give elements inline styles, which the pages
// never do. Hugo reads shortcodes before Markdown, inside code too; a
// shortcode written {{</* … */>}} is shown as it is written.
func shortcodeProblems(s string, declared []string) []markupProblem {
	if !strings.Contains(s, "{{<") && !strings.Contains(s, "{{%") {
		return nil
	}
	src := []byte(s)
	items, _ := pageparser.ParseBytes(src, pageparser.Config{NoFrontMatter: true, NoSummaryDivider: true})
	hint := "this site has no shortcodes (layouts/_shortcodes/), and a page asks no other site for anything: write it in Markdown, or link to what it would show, [its title](https://…)"
	if len(declared) > 0 {
		hint = fmt.Sprintf("the site's shortcodes are %s (layouts/_shortcodes/); for anything else, write Markdown, or link to what it would show, [its title](https://…)", strings.Join(declared, ", "))
	}
	var problems []markupProblem
	opened := -1 // where the shortcode being read starts
	for i, it := range items {
		switch {
		case it.IsLeftShortcodeDelim():
			opened = it.Pos()
		case it.IsError():
			at := it.Pos()
			if opened >= 0 {
				at = opened
			}
			// The shortcode it stops in is this problem, not another.
			problems = slices.DeleteFunc(problems, func(p markupProblem) bool { return p.offset == at })
			problems = append(problems, markupProblem{offset: at, message: fmt.Sprintf("holds %q, which Hugo reads as a shortcode, and cannot: %v", shorten(s[at:]), it.Err),
				hint: "to show double braces as they are written, write {{</* … */>}}"})
		case (it.IsShortcodeName() || it.IsInlineShortcodeName()) && i > 0 && items[i-1].IsLeftShortcodeDelim():
			name := it.ValStr(src)
			if slices.Contains(declared, name) {
				continue
			}
			delim := items[i-1].ValStr(src)
			closing := strings.NewReplacer("{{<", ">}}", "{{%", "%}}").Replace(delim)
			problems = append(problems, markupProblem{offset: opened, message: fmt.Sprintf("holds the shortcode %s %s %s, which this site does not have", delim, name, closing), hint: hint})
		}
	}
	return problems
}
