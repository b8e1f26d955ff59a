package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// An export never destroys work: not a file the site is made from (-o
// data/mitigations.toml replaced a data file with XLIFF), and not a
// translator's file holding translations the site does not have yet
// (exporting again replaced a translate.fr.xlf filled in and not imported).
// The termbase and the memory written beside it are made from the site:
// they are replaced, but only when they are ours.

// existingWork says what would be lost by replacing an existing file with
// a new one of its kind: the ids of the translations it holds that the
// site has not (a translator's file), or an error when it is not a file of
// that kind at all.
type existingWork func(ws *translation.Workspace, lang string, data []byte) ([]string, error)

// xmlRoot returns an existingWork for a file made from the site alone (a
// termbase, a memory): nothing is lost by replacing it, provided that it is
// one, an XML file whose root is root.
func xmlRoot(root, what string) existingWork {
	return func(_ *translation.Workspace, _ string, data []byte) ([]string, error) {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := d.Token()
			if err != nil {
				return nil, fmt.Errorf("it is not %s", what)
			}
			if start, ok := tok.(xml.StartElement); ok {
				if start.Name.Local != root {
					return nil, fmt.Errorf("it is not %s: its root is <%s>", what, start.Name.Local)
				}
				return nil, nil
			}
		}
	}
}

// refuseOverwrite says why a file must not be written at name, or nil:
// it is in the site's input, or it exists and is not a file of its kind,
// or it holds work not imported yet (unless force). fold is the command
// that brings the work in: site i18n import FILE.
func refuseOverwrite(ws *translation.Workspace, lang, name string, work existingWork, force bool, fold string) error {
	if input := siteInput(ws.Project.Root, name); input != "" {
		return siteInputError(fmt.Sprintf("%s is in the site's own files (%s, which the site is made from): nothing was written; write the export outside the site's folders and settings, with -o FILE", name, input))
	}
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a file: nothing was written; give -o a file", name)
	case force:
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	data, err := translation.ReadTranslatorFile(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s is there already and is not a file the export wrote (%v): nothing was written; give -o another file, or --force to replace it", name, err)
	}
	pending, err := work(ws, lang, data)
	if err != nil {
		return fmt.Errorf("%s is there already and is not a file the export wrote (%s): nothing was written; give -o another file, or --force to replace it", name, strings.TrimSpace(err.Error()))
	}
	if len(pending) == 0 {
		return nil
	}
	quoted := make([]string, 0, 3)
	for _, id := range pending[:min(3, len(pending))] {
		quoted = append(quoted, fmt.Sprintf("%q", id))
	}
	which := strings.Join(quoted, ", ")
	if len(pending) > 3 {
		which = fmt.Sprintf("the first %s", which)
	}
	return fmt.Errorf("%s holds %s not imported yet (%s): nothing was written; run \"%s\" first, give -o another file, or --force to replace it",
		name, count(len(pending), "translation"), which, strings.ReplaceAll(strings.TrimSuffix(fold, `"`), "FILE", name))
}

// siteInputError refuses a file in the site's own files.
type siteInputError string

func (e siteInputError) Error() string { return string(e) }

// siteInput returns the folder or file of the site at root that name is
// (or is in), or "".
func siteInput(root, name string) string {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		// The folder as it really is (a link to it, /tmp on macOS), the
		// file's own name as given.
		if dir, err := filepath.EvalSymlinks(filepath.Dir(a)); err == nil {
			a = filepath.Join(dir, filepath.Base(a))
		}
		return a
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		r = root
	}
	r, _ = filepath.Abs(r)
	for _, path := range []string{abs(name), resolved(name)} {
		rel, err := filepath.Rel(r, path)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		top, _, nested := strings.Cut(rel, "/")
		if nested && slices.Contains(project.InputFolders, top) {
			return top + "/"
		}
		if !nested && slices.Contains(project.InputFiles, top) {
			return top
		}
	}
	return ""
}

// resolved is the file a name is, links followed, or the name.
func resolved(name string) string {
	if r, err := filepath.EvalSymlinks(name); err == nil {
		if a, err := filepath.Abs(r); err == nil {
			return a
		}
	}
	p, _ := filepath.Abs(name)
	return p
}
