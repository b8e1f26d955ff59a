package content

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// IdentityProblems reports the publisher's identity files that config.toml
// names (params.publisher: its logo; with federal = true, the Government of
// Canada's signature and the Canada wordmark) and assets/ does not hold:
// every page's header and footer show them.
func (s *Site) IdentityProblems() diag.List {
	publisher, _ := s.params()["publisher"].(map[string]any)
	keys := []string{"logo"}
	if federal, _ := publisher["federal"].(bool); federal {
		keys = append(keys, "signature", "wordmark")
	}
	var problems diag.List
	for _, key := range keys {
		file, _ := publisher[key].(string)
		line, col := s.Project.ConfigPosition("params", "publisher", key)
		if line == 0 {
			line, col = s.Project.ConfigPosition("params", "publisher")
		}
		if file == "" {
			problems = append(problems, diag.Problem{File: project.ConfigFile, Line: line, Col: col,
				Message: fmt.Sprintf("params.publisher.%s is not set: every page's header or footer shows it", key),
				Hint:    fmt.Sprintf("add %s = \"images/identity/FILE.svg\" to [params.publisher], the file in assets/", key)})
			continue
		}
		if _, err := fs.Stat(s.Project.FS, "assets/"+file); errors.Is(err, fs.ErrNotExist) {
			problems = append(problems, diag.Problem{File: project.ConfigFile, Line: line, Col: col,
				Message: fmt.Sprintf("params.publisher.%s is %q, which is no file of assets/", key, file),
				Hint:    fmt.Sprintf("put the file at assets/%s, or correct the path (from assets/)", file)})
		}
	}
	return problems
}

// FeaturedProblems reports the publication the home page features
// (config.toml's params.featured, a page's path: /SECTION/ID) when it names
// no page, or one a build holds back.
func (s *Site) FeaturedProblems(held map[*Item]string) diag.List {
	featured, _ := s.params()["featured"].(string)
	if featured == "" {
		return nil
	}
	path := "/" + strings.Trim(featured, "/")
	line, col := s.Project.ConfigPosition("params", "featured")
	for _, it := range s.Items {
		if it.Kind.Section == "" || path != "/"+it.Kind.Section+"/"+it.ID {
			continue
		}
		if held[it] == "" {
			return nil
		}
		return diag.List{{File: project.ConfigFile, Line: line, Col: col, Kind: diag.HeldBack,
			Message: fmt.Sprintf("params.featured is %q, which is %s: the home page would feature nothing", featured, held[it]),
			Hint:    "feature a published publication, or publish this one"}}
	}
	example := "/SECTION/ID"
	for _, it := range s.Items {
		if it.Kind.Section != "" {
			example = "/" + it.Kind.Section + "/" + it.ID
			break
		}
	}
	return diag.List{{File: project.ConfigFile, Line: line, Col: col,
		Message: fmt.Sprintf("params.featured is %q, which names no page of the site: the home page would feature nothing", featured),
		Hint:    fmt.Sprintf("give the path of a publication, its section and its id, the same in every language (such as %s), or remove the setting", example)}}
}

// params are config.toml's [params], the site's settings the pages read.
func (s *Site) params() map[string]any {
	params, _ := s.Project.Config["params"].(map[string]any)
	return params
}
