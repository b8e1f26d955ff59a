// Package project knows a site project: its folders and files, the
// languages config.toml declares, and the content model data/model.toml
// declares. Every other package finds files through it.
package project

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
)

// The project's files and folders, relative to its root.
const (
	ConfigFile = "config.toml"
	// ModelFile is the content model: every kind of content, its files and
	// its fields.
	ModelFile = "data/model.toml"
	// UsageFile is the editors' rules of usage: the words and forms each
	// language's texts avoid.
	UsageFile  = "data/usage.toml"
	DataDir    = "data"
	ContentDir = "content"
	I18nDir    = "i18n"
	StateFile  = "translation-state.toml"
	// LayoutsDir holds the templates, which ask the catalogues for messages.
	LayoutsDir = "layouts"
)

// InputFolders are the folders of a project the site is made from (Hugo's
// own, the tools', the packages'), and InputFiles its settings: what a
// build or an export never writes into.
var (
	InputFolders = []string{"content", "data", "prepared", "i18n", "layouts", "assets", "static", "archetypes", "themes", "resources", "tools", "node_modules", ".git"}
	InputFiles   = []string{"config.toml", "hugo.toml", "config.yaml", "hugo.yaml", "config.json", "hugo.json", StateFile, "package.json", "package-lock.json", "go.mod", "go.sum"}
)

// NPMPackages are, under node_modules, a file of each npm package a build
// needs: Pagefind, which indexes the site for search, and the GC Design
// System's tokens and fonts, which the pages are styled and set with.
var NPMPackages = []string{".bin/pagefind", "@gcds-core/tokens/package.json", "@gcds-core/fonts/package.json"}

// CatalogueFile is the catalogue of a language's interface messages.
func CatalogueFile(lang string) string { return I18nDir + "/" + lang + ".toml" }

// Language is one language the site is published in.
type Language struct {
	Code   string // Hugo's language key: "en", "fr"
	Name   string // its name in itself: "English", "Français"
	Locale string // its BCP 47 tag: "en-CA", "fr-CA"
}

// Project is a site on disk.
type Project struct {
	Root      string
	FS        fs.FS      // the files under Root; every file of the site is read through it
	Languages []Language // in the site's order (Hugo's weight); the first is the source of translations
	Model     *model.Model
	// RemovePathAccents is Hugo's setting: addresses made from titles lose
	// their accents.
	RemovePathAccents bool
	// Segments are the names of the parts of the site that can be built
	// alone, config.toml's [segments], sorted.
	Segments []string
	// Config is config.toml's settings, as TOML reads them: what else a
	// check needs of Hugo's configuration (addresses, outputs) reads it.
	Config map[string]any
	config *tomlfile.Document
}

// ConfigPosition is where a key of config.toml is written.
func (p *Project) ConfigPosition(path ...string) (line, col int) {
	return p.config.Position(path...)
}

// Open reads the project at root: its configuration and its content model.
func Open(root string) (*Project, diag.List) {
	return OpenFS(root, FS(root))
}

// FS returns the files of the project at root. A symbolic link that points
// outside the project cannot be read through it: a site is built from its
// own files only.
func FS(root string) fs.FS {
	r, err := os.OpenRoot(root)
	if err != nil {
		return os.DirFS(root) // which fails to read, and says why
	}
	return r.FS()
}

// OpenFS reads the project at root through fsys.
func OpenFS(root string, fsys fs.FS) (*Project, diag.List) {
	src, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		return nil, diag.List{{File: ConfigFile, Message: fmt.Sprintf("cannot read the site configuration: %v", err),
			Hint: "run the command in the site's root folder, or give it with --source"}}
	}
	doc, prob := tomlfile.Decode(ConfigFile, src)
	if prob != nil {
		return nil, diag.List{*prob}
	}
	p := &Project{Root: root, FS: fsys, Config: doc.Data, config: doc}
	p.RemovePathAccents, _ = doc.Data["removePathAccents"].(bool)
	languages, _ := doc.Data["languages"].(map[string]any)
	if len(languages) == 0 {
		return nil, diag.List{{File: ConfigFile, Message: "no [languages] are configured", Hint: "declare each language the site is published in as a [languages.CODE] table with its label, locale and weight; the first is the one translations are made from"}}
	}
	segments, _ := doc.Data["segments"].(map[string]any)
	for name := range segments {
		p.Segments = append(p.Segments, name)
	}
	slices.Sort(p.Segments)
	weight := map[string]int64{}
	for code, v := range languages {
		l, _ := v.(map[string]any)
		label, _ := l["label"].(string)
		locale, _ := l["locale"].(string)
		weight[code], _ = l["weight"].(int64)
		p.Languages = append(p.Languages, Language{Code: code, Name: cmp.Or(label, code), Locale: cmp.Or(locale, code)})
	}
	slices.SortFunc(p.Languages, func(a, b Language) int {
		return cmp.Or(cmp.Compare(weight[a.Code], weight[b.Code]), cmp.Compare(a.Code, b.Code))
	})
	src, err = fs.ReadFile(fsys, ModelFile)
	if err != nil {
		return nil, diag.List{{File: ModelFile, Message: fmt.Sprintf("cannot read the content model: %v", err),
			Hint: "every site declares its kinds of content there; copy it from another site"}}
	}
	m, problems := model.Parse(ModelFile, src)
	if len(problems) > 0 {
		return nil, problems
	}
	p.Model = m
	return p, nil
}

// Codes returns the language codes in the site's order.
func (p *Project) Codes() []string {
	codes := make([]string, len(p.Languages))
	for i, l := range p.Languages {
		codes[i] = l.Code
	}
	return codes
}

// Source is the language every translation is made from: the first.
func (p *Project) Source() Language { return p.Languages[0] }

// Targets returns the codes of the languages the site is translated into:
// all but the first.
func (p *Project) Targets() []string { return p.Codes()[1:] }

// Language returns the language of a code or a locale ("fr", "fr-CA"),
// and whether the site has it.
func (p *Project) Language(code string) (Language, bool) {
	for _, l := range p.Languages {
		if l.Code == code || l.Locale == code {
			return l, true
		}
	}
	return Language{Code: code, Name: code, Locale: code}, false
}

// Path joins a slash-separated path inside the project to its root.
func (p *Project) Path(rel string) string { return filepath.Join(p.Root, filepath.FromSlash(rel)) }

// MaxFileSize is the size of the largest file the project reads. A data
// file or a page of more is a mistake (a paste gone wrong, a file saved in
// the wrong place); it would slow every build and preview.
const MaxFileSize = 8 << 20

// A FileError says why the project will not read a file, and what to do.
type FileError struct{ Reason, Hint string }

func (e *FileError) Error() string { return e.Reason }

// ReadProblem is the problem of a file that ReadFile cannot read.
func ReadProblem(rel string, err error) diag.Problem {
	prob := diag.Problem{File: rel, Message: fmt.Sprintf("cannot read the file: %v", err)}
	var fe *FileError
	if errors.As(err, &fe) {
		prob.Hint = fe.Hint
	}
	return prob
}

// ReadFile reads a file of the project.
func (p *Project) ReadFile(rel string) ([]byte, error) {
	f, err := p.FS.Open(rel)
	if err != nil {
		if strings.Contains(err.Error(), "escapes") {
			return nil, &FileError{"it is a symbolic link to a file outside the project", "copy the file into the project instead of linking to it"}
		}
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, &FileError{"it is a folder, where a file is expected", "move what the folder holds elsewhere, and remove it"}
	case info.Size() > MaxFileSize:
		return nil, &FileError{fmt.Sprintf("it is %.1f MB, more than the %d MB a file of the site may be", float64(info.Size())/(1<<20), MaxFileSize>>20),
			"split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake"}
	}
	return io.ReadAll(f)
}

// String is how problems name a language: "fr" (Français).
func (l Language) String() string { return fmt.Sprintf("%q (%s)", l.Code, l.Name) }

// WriteFile replaces a file of the project with data in one step.
func (p *Project) WriteFile(rel string, data []byte) error { return WriteFile(p.Path(rel), data) }

// WriteFile replaces a file with data in one step: readers see the old
// file or the new one, never half of it. It makes the file's folder if
// needed, and keeps the file's permissions.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode()
	}
	if err := os.Chmod(f.Name(), mode); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// DecodeOptional reads and decodes a TOML file of the project that may be
// missing: then it returns nil and no problem.
func (p *Project) DecodeOptional(rel string) (*tomlfile.Document, *diag.Problem) {
	src, err := p.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		prob := ReadProblem(rel, err)
		return nil, &prob
	}
	return tomlfile.Decode(rel, src)
}

// Presentation are the files of a site that are not content: its
// configuration, content model, layouts, catalogues and the state of their
// translations, assets, JavaScript tools, and the content adapters and section pages (templates and the
// words of each section, in content/). A test site or a synthetic one is
// the presentation plus its own content.
var presentation = []string{ConfigFile, ModelFile, UsageFile, LayoutsDir, I18nDir, StateFile, "assets", "static", "package.json", "package-lock.json"}

// CopyPresentation copies the presentation of the site at root into dst;
// with sections, the section pages (content/**/_index.*.md) too.
// node_modules, when installed, is linked rather than copied.
func CopyPresentation(root, dst string, sections bool) error {
	files := slices.Clone(presentation)
	patterns := []string{"content/_content.gotmpl"}
	if sections {
		patterns = append(patterns, "content/_index.*.md", "content/*/_index.*.md")
	}
	for _, pattern := range patterns {
		matches, err := fs.Glob(os.DirFS(root), pattern)
		if err != nil {
			return err
		}
		files = append(files, matches...)
	}
	for _, f := range files {
		src, target := filepath.Join(root, filepath.FromSlash(f)), filepath.Join(dst, filepath.FromSlash(f))
		info, err := os.Stat(src)
		if err != nil {
			return err
		}
		if info.IsDir() {
			err = os.CopyFS(target, os.DirFS(src))
		} else {
			err = copyFile(src, target)
		}
		if err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules")); err == nil {
		return os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(dst, "node_modules"))
	}
	return nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
