package deploy

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/cyberpub/site/tools/render"
)

// BuildPart is the part a build's output makes: the whole site, or the
// segment it rendered, which must be the one given (segment): a segment's
// build deployed as the whole site would delete the other segments' files.
func BuildPart(out *render.Output, segment string) (Part, error) {
	switch {
	case out.Segment != "" && segment == "":
		return Part{}, fmt.Errorf("%s is the build of segment %q, a part of the site: deploy it with --segment %s, which owns only what that segment wrote", out.Dir, out.Segment, out.Segment)
	case out.Segment != segment && out.Segment == "":
		return Part{}, fmt.Errorf("%s is the build of the whole site, not of segment %q: deploy it without --segment, or give the folder of that segment's build", out.Dir, segment)
	case out.Segment != segment:
		return Part{}, fmt.Errorf("%s is the build of segment %q, not of segment %q: give --segment %s, or the folder of segment %s's build", out.Dir, out.Segment, segment, out.Segment, segment)
	}
	name := "site"
	if segment != "" {
		name = "segment-" + segment
	}
	return Part{Name: name, Dir: out.Dir, Files: out.Files}, nil
}

// SearchIndexDir is the folder of the search index in a built site.
const SearchIndexDir = "pagefind"

// SearchIndexPart is the search index Pagefind wrote into dir/pagefind/,
// over segments built apart and merged (docs/deploy.md): a part of its
// own, for segments build without it.
func SearchIndexPart(dir string) (Part, error) {
	entry := filepath.Join(dir, SearchIndexDir, "pagefind-entry.json")
	if _, err := os.Stat(entry); err != nil {
		return Part{}, fmt.Errorf("%s has no search index (%v): index it first, node_modules/.bin/pagefind --site %s", dir, err, dir)
	}
	part := Part{Name: "search-index", Dir: dir}
	err := filepath.WalkDir(filepath.Join(dir, SearchIndexDir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a file Pagefind wrote (a link, or a device): index the site again", p)
		}
		rel, _ := filepath.Rel(dir, p)
		part.Files = append(part.Files, path.Clean(filepath.ToSlash(rel)))
		return nil
	})
	return part, err
}
