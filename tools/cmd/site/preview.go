package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/prepare"
	"github.com/cyberpub/site/tools/preview"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// previewInputs are the folders editors write, which Hugo reads only as
// their prepared views (tools/prepare).
var previewInputs = []string{project.DataDir, project.ContentDir}

// previewSource is what site serve shows: the site checked again as its
// files change, and its views prepared for the preview (drafts and items
// scheduled later shown and marked, outdated and missing translations
// marked), and the review of its translations.
type previewSource struct {
	root   string
	log    io.Writer
	reader *content.Reader // nil until the project is read
	memo   *translation.Memo
	dir    string // where the views are written (preview.Options.Views)
	views  *prepare.Memory
	// unwritten are the files changed since the views were last written
	// (a check with errors writes none); nil when all are to be made.
	unwritten []string
}

func newPreviewSource(root string, log io.Writer, views string) *previewSource {
	return &previewSource{root: root, log: log, dir: views}
}

// Update checks the site again, as site check does but with missing
// translations and held-back items as warnings, and, when it finds no
// error, writes the views whose bytes changed: Hugo renders again the
// pages that read them. Only the files that changed are read and checked
// again (content.Reader), with what items say of each other across files;
// a change to the project's settings or content model reads it all again.
func (s *previewSource) Update(changed []string) (preview.Update, error) {
	start := time.Now()
	if s.reader == nil || changed == nil || slices.Contains(changed, project.ConfigFile) || slices.Contains(changed, project.ModelFile) {
		p, problems := project.OpenFS(s.root, siteFS(s.root))
		if problems != nil {
			s.reader = nil
			return preview.Update{}, problems
		}
		s.reader, s.memo, changed = content.NewReader(p), translation.NewMemo(), nil
	}
	if changed == nil {
		s.views, s.unwritten = &prepare.Memory{}, nil
	} else if s.unwritten != nil {
		s.unwritten = append(s.unwritten, changed...)
	}
	site, problems := s.reader.Load(changed)
	ws, more := translation.Open(site)
	ws.Memo = s.memo
	problems = append(problems, more...)
	now, _, err := publicationMoment("")
	if err != nil {
		return preview.Update{}, err
	}
	up := preview.Update{
		Problems:  allProblems(ws, problems, true, false, ws.Site.HeldBack(now)),
		Languages: ws.Project.Codes(),
		Words:     catalogueWords(ws),
	}
	checked := time.Since(start)
	if up.Problems.Errors() > 0 {
		return up, nil
	}
	up.Reviews = previewReviews(ws)
	up.Written, err = prepare.Write(ws, prepare.Options{Preview: true, Now: now, Changed: s.unwritten, Memory: s.views, Dir: s.dir})
	if err == nil {
		s.unwritten = []string{}
	}
	if err != nil {
		return up, diag.List{{File: s.dir, Message: "cannot write the views: " + err.Error()}}
	}
	fmt.Fprintf(s.log, "site serve: checked in %d ms, made %d views and wrote %d in %d ms\n", checked.Milliseconds(), s.views.Made, len(up.Written), (time.Since(start) - checked).Milliseconds())
	return up, nil
}

// catalogueWords gives the messages of the catalogues of a workspace, in
// a language, with their plural form for a count, as Hugo's T does.
func catalogueWords(ws *translation.Workspace) func(lang, key string, count int) string {
	says := map[string]translation.Say{}
	for lang := range ws.Catalogues {
		if say, err := ws.Say(lang); err == nil {
			says[lang] = say
		}
	}
	return func(lang, key string, count int) string {
		if says[lang] == nil {
			return ""
		}
		s, _ := says[lang](key, count, map[string]any{"Count": count})
		return s
	}
}
