package preview

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gohugoio/hugo/common/herrors"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// The page of problems, and its stylesheet: a file of its own, as the
// published pages' Content-Security-Policy wants.
var (
	//go:embed problems.html
	problemsHTML string
	//go:embed problems.css
	problemsCSS []byte
)

// problemsStyle is the address of the page of problems' stylesheet.
const problemsStyle = "/_preview/problems.css"

// problemsPage writes the page of problems in the language of the page
// asked for at p, with the catalogues' messages (which the catalogue check
// knows as translation.ToolMessages). s.mu is held.
func (s *Server) problemsPage(p string) []byte {
	t := s.words(s.language(p))
	type problem struct {
		Place, Message, Hint string
		Warning              bool
	}
	data := struct {
		Lang, Style, Livereload, Count string
		Problems                       []problem
	}{Lang: s.language(p), Style: problemsStyle, Livereload: s.livereloadScript()}
	for _, pr := range s.problems {
		message := pr.Message
		if pr.Subject != "" {
			message = pr.Subject + ": " + message
		}
		data.Problems = append(data.Problems, problem{Place: place(pr), Message: message, Hint: pr.Hint, Warning: pr.Severity == diag.Warning})
	}
	errs, warnings := s.problems.Errors(), len(s.problems)-s.problems.Errors()
	data.Count = t("previewProblemsErrors", errs)
	if warnings > 0 {
		data.Count += ", " + t("previewProblemsWarnings", warnings)
	}
	page, err := template.New("problems").Funcs(template.FuncMap{"T": func(key string) string { return t(key) }}).Parse(problemsHTML)
	var b bytes.Buffer
	if err == nil {
		err = page.Execute(&b, data)
	}
	if err != nil {
		return []byte(template.HTMLEscapeString(s.problems.Error()))
	}
	return b.Bytes()
}

// words gives the catalogues' messages in lang, or else in the source
// language, or else their keys, with a count for those that depend on one.
// s.mu is held.
func (s *Server) words(lang string) func(key string, count ...int) string {
	words := s.update.Words
	return func(key string, count ...int) string {
		n := 0
		if len(count) > 0 {
			n = count[0]
		}
		for _, l := range []string{lang, s.language("/")} {
			if words != nil {
				if w := words(l, key, n); w != "" {
					return w
				}
			}
		}
		return key
	}
}

// livereloadScript is the address of the livereload script, which the
// preview's own pages load as Hugo's do.
func (s *Server) livereloadScript() string {
	return fmt.Sprintf("/livereload.js?mindelay=10&v=2&port=%d&path=livereload", s.Port())
}

// place is where a problem is, as the terminal writes it: file:line:col.
func place(p diag.Problem) string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// hugoProblems are Hugo's errors, each at its place in the project (root)
// when Hugo knows it.
func hugoProblems(root string, err error) diag.List {
	fileErrors := herrors.UnwrapFileErrorsWithErrorContext(err)
	if len(fileErrors) == 0 {
		fileErrors = herrors.UnwrapFileErrors(err)
	}
	var list diag.List
	seen := map[diag.Problem]bool{}
	for _, fe := range fileErrors {
		pos := fe.Position()
		file := pos.Filename
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
		cause := errors.Unwrap(fe)
		if cause == nil {
			cause = fe
		}
		p := diag.Problem{File: file, Line: pos.LineNumber, Col: pos.ColumnNumber, Message: cleanHugoMessage(cause.Error()), Hint: hugoHint(file)}
		if !seen[p] {
			seen[p] = true
			list = append(list, p)
		}
	}
	if len(list) == 0 {
		list = diag.List{{File: project.ConfigFile, Message: cleanHugoMessage(err.Error()), Hint: "Hugo cannot load or render the site"}}
	}
	return list
}

// hugoHint says what to do about Hugo's error in a file.
func hugoHint(file string) string {
	switch strings.SplitN(file, "/", 2)[0] {
	case project.LayoutsDir:
		return "fix the template: the pages come back when Hugo renders them"
	case "assets":
		return "fix the file: the pages come back when Hugo renders them"
	}
	return "the check found nothing wrong here: tell the site's maintainers, with this message"
}

// hugoPosition is a place Hugo writes in its messages, "/path/file:12:4": or
// template: name:12:4:, which the problem already has.
var hugoPosition = regexp.MustCompile(`"[^"\n]+:\d+:\d+": |template: [^:\s]+:\d+:\d+: `)

// cleanHugoMessage leaves out of Hugo's message the places it repeats.
func cleanHugoMessage(m string) string {
	m = hugoPosition.ReplaceAllString(m, "")
	return strings.TrimSpace(m)
}
