package render

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/fsync"

	"github.com/cyberpub/site/tools/project"
)

// SitesOptions say how Hugo's sites of a project are loaded.
type SitesOptions struct {
	// Destination is the folder Hugo writes into; empty, it writes into
	// memory (the preview).
	Destination string
	Minify      bool
	// Segment, when set, renders only that segment of config.toml.
	Segment string
	// Preview shows drafts and pages scheduled later, and keeps the sites
	// for rebuilds as files change.
	Preview bool
	// ExtraConfig are configuration files read after config.toml.
	ExtraConfig []string
	// Log receives Hugo's messages; nil discards them.
	Log io.Writer
	// Views, when set, is the folder of views Hugo reads instead of the
	// project's prepared/ (tools/prepare: Options.Dir).
	Views string
}

// NewSites loads Hugo's sites of the project at root, in this process, as
// Hugo's own commands do: a build is then h.Build(hugolib.BuildCfg{}), and
// the pages, their addresses included, are Hugo's.
func NewSites(root string, o SitesOptions) (*hugolib.HugoSites, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	flags := config.New()
	flags.Set("workingDir", root)
	// An interface string missing from a catalogue is an error, instead of
	// its key shown to readers.
	flags.Set("printI18nWarnings", true)
	if o.Minify {
		// The minifier keeps a space (or line end) between elements:
		// Pagefind joins the text of adjacent blocks it does not know as
		// blocks (dt and dd, th, blockquote, figcaption…) as it finds
		// it, and without it the words of search excerpts run together
		// ("Also known asKryptonite Panda").
		flags.Set("minify", map[string]any{"minifyOutput": true, "tdewolff": map[string]any{"html": map[string]any{"keepWhitespace": true}}})
	}
	if o.Segment != "" {
		flags.Set("renderSegments", []string{o.Segment})
	}
	destination := afero.NewMemMapFs()
	if o.Destination != "" {
		flags.Set("publishDir", o.Destination)
		destination = afero.NewOsFs()
	} else {
		flags.Set("publishDir", "/")
	}
	if o.Views != "" {
		// config.toml's mounts, from another folder: a configuration file
		// read after it, in the temporary folder (Hugo's list of files is
		// separated by commas, which the views' path may hold), read once
		// by NewSites.
		file, err := viewMounts(root, o.Views)
		if err != nil {
			return nil, err
		}
		defer os.Remove(file)
		o.ExtraConfig = append(o.ExtraConfig, file)
	}
	if o.Preview {
		flags.Set("buildDrafts", true)
		flags.Set("buildFuture", true)
		flags.Set("internal", map[string]any{"running": true, "watch": true})
	}
	// A warning (an interface string missing in a language) fails a
	// build; the preview shows it.
	flags.Set("panicOnWarning", !o.Preview)
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: o.Log, StdErr: o.Log})
	// Hugo takes its configuration files as one list separated by commas,
	// each relative to the working folder: config.toml is named alone, so
	// that a comma in the project's path is no separator.
	files := "config.toml"
	for _, f := range o.ExtraConfig {
		if strings.Contains(f, ",") {
			return nil, fmt.Errorf("cannot read the configuration file %s: Hugo cannot name a file with a comma; move it", f)
		}
		if f != "" {
			files += "," + f
		}
	}
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:    flags,
		Fs:       hugofs.Os,
		Filename: files,
		Logger:   logger,
	})
	if err != nil {
		return nil, err
	}
	fs := hugofs.NewFromSourceAndDestination(hugofs.Os, destination, flags)
	return hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       fs,
		LogLevel: logger.Level(),
		StdOut:   o.Log,
		StdErr:   o.Log,
		// No ChangesFromBuild: the preview's rebuilds are told what changed
		// by its own watcher, and a channel no one reads would keep
		// Hugo's goroutines waiting on it.
	})
}

// CopyStatic copies the files of static/ (and of any mount of it) into the
// sites' destination, as Hugo's own commands do beside a build.
func CopyStatic(h *hugolib.HugoSites) error {
	for _, static := range h.BaseFs.SourceFilesystems.Static {
		syncer := fsync.NewSyncer()
		// Times stay the files' own: the output is the same from one
		// build to the next.
		syncer.NoChmod = true
		syncer.SrcFs = static.Fs
		syncer.DestFs = h.Deps.Fs.PublishDirStatic
		if err := syncer.Sync(filepath.Join(string(filepath.Separator), static.PublishFolder), string(filepath.Separator)); err != nil {
			return err
		}
	}
	return nil
}

// viewMounts writes a configuration file with config.toml's mounts, those
// of the content and the data from the folder of views instead: Hugo
// replaces a list of mounts whole, so the others (the design system's
// assets) are written again, at their real place.
func viewMounts(root, views string) (string, error) {
	var config struct {
		Module struct {
			Mounts []map[string]any `toml:"mounts"`
		} `toml:"module"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, project.ConfigFile), &config); err != nil {
		return "", err
	}
	// The build's own views are its content and data, whatever
	// config.toml mounts.
	for _, target := range []string{"content", "data"} {
		if !slices.ContainsFunc(config.Module.Mounts, func(m map[string]any) bool { return m["target"] == target }) {
			config.Module.Mounts = append(config.Module.Mounts, map[string]any{"source": "", "target": target})
		}
	}
	for _, m := range config.Module.Mounts {
		target, _ := m["target"].(string)
		source, _ := m["source"].(string)
		switch {
		case target == "content" || target == "data":
			m["source"] = filepath.Join(views, target)
		case !filepath.IsAbs(source):
			// Hugo follows no symbolic link in a mount's path, and
			// node_modules may be one (a test's copy of the project
			// links the project's).
			if real, err := filepath.EvalSymlinks(filepath.Join(root, source)); err == nil {
				m["source"] = real
			}
		}
	}
	f, err := os.CreateTemp("", "site-mounts-*.toml")
	if err != nil {
		return "", err
	}
	err = toml.NewEncoder(f).Encode(config)
	if err := cmp.Or(err, f.Close()); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
