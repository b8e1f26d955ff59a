package content

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// IdentityProblems reports the publisher's identity files that config.toml
// names (params.publisher: its logo; with federal = true, the Government of
// Canada's signature and the Canada wordmark) and assets/ does not hold:
// every page's header and footer show them.
func (s *Site) IdentityProblems() diag.List {
	params, _ := s.Project.Config["params"].(map[string]any)
	publisher, _ := params["publisher"].(map[string]any)
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
