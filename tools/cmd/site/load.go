package main

import (
	"slices"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// load reads the site at root, each of its files once: the project, its
// content and what translators work on. The problems of the files come
// back with the site; an error means the project itself cannot be read.
func load(root string) (*translation.Workspace, diag.List, error) {
	p, problems := project.OpenFS(root, siteFS(root))
	if problems != nil {
		return nil, nil, problems
	}
	ws, problems := translation.Load(p)
	return ws, problems, nil
}

// catalogueMessages gives the messages of the catalogues of a workspace.
func catalogueMessages(ws *translation.Workspace) content.Messages {
	return func(lang, key string) string {
		if c := ws.Catalogues[lang]; c != nil && c.Messages[key] != nil {
			return c.Messages[key].Other
		}
		return ""
	}
}

// siteFS is how the commands read a site's files; tests count the reads.
var siteFS = project.FS

// loadForTranslation reads the site for a translators' command. Missing
// translations are their work; any other problem means some texts could
// not be read, and is returned, all of them, as the error.
func loadForTranslation(root string) (*translation.Workspace, error) {
	ws, problems, err := load(root)
	if err != nil {
		return nil, err
	}
	invalid := slices.DeleteFunc(problems, func(p diag.Problem) bool { return p.Kind == diag.TranslationGap })
	if invalid.Errors() > 0 {
		invalid.Sort()
		return nil, invalid
	}
	// Translations are recorded as made on the day a build of this commit
	// publishes as of.
	moment, _, err := publicationMoment("")
	if err != nil {
		return nil, err
	}
	ws.Today = moment.Format(time.DateOnly)
	return ws, nil
}
