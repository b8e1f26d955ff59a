// Package render runs Hugo, in this process, on a site project: a build into
// a folder that is replaced whole or not at all, indexed for search by
// Pagefind, and the preview server.
package render

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gohugoio/hugo/commands"
)

// BuildOptions are the choices a build makes beyond the project itself.
type BuildOptions struct {
	Minify bool // minify HTML, CSS and the rest, as published
	Quiet  bool // no build summary on standard output
	// ExtraConfig, when set, is read after config.toml (as in ServeOptions).
	ExtraConfig string
	// Search indexes the built site with Pagefind (see Pagefind), into its
	// pagefind/ folder.
	Search bool
	// Segment, when set, renders only that segment of config.toml.
	Segment string
}

// Build renders the site at root into dest. Hugo writes into a new folder
// beside dest, and only a successful build takes dest's place: a failed one
// leaves dest exactly as it was.
func Build(root, dest string, opts BuildOptions) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	// A build killed before its end leaves its staging folder: it holds no
	// part of the site, and goes now.
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"-*"))
	for _, dir := range leftovers {
		os.RemoveAll(dir)
	}
	staging, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+"-")
	if err != nil {
		return fmt.Errorf("cannot prepare the build folder: %w", err)
	}
	defer os.RemoveAll(staging) // after the swap, it holds the previous output
	// MkdirTemp makes the folder private; a published site is readable by all.
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}

	args := []string{"build", "--source", root, "--destination", staging,
		// An interface string missing from a catalogue fails the build
		// instead of showing its key to readers.
		"--printI18nWarnings", "--panicOnWarning"}
	if opts.Minify {
		args = append(args, "--minify")
	}
	if opts.Segment != "" {
		args = append(args, "--renderSegments", opts.Segment)
	}
	if opts.Quiet {
		args = append(args, "--quiet")
	}
	args = append(args, configArgs(root, opts.ExtraConfig)...)
	if err := commands.Execute(args); err != nil {
		return fmt.Errorf("hugo: %w; %s is unchanged", err, dest)
	}
	if opts.Search {
		if err := Index(root, staging); err != nil {
			return fmt.Errorf("%w; %s is unchanged", err, dest)
		}
	}
	return replace(staging, dest)
}

// ServeOptions say where the preview server listens.
type ServeOptions struct {
	Bind string
	Port int
	// ExtraConfig is a configuration file read after config.toml: the
	// preview's own parameters. Hugo watches it, and rebuilds when it
	// changes.
	ExtraConfig string
}

// Serve runs Hugo's preview server on the site at root, with live reload,
// until the process is interrupted. Pages are rendered in memory.
func Serve(root string, opts ServeOptions) error {
	args := []string{"server", "--source", root,
		"--bind", opts.Bind, "--port", fmt.Sprint(opts.Port),
		"--renderToMemory", "--printI18nWarnings"}
	return commands.Execute(append(args, configArgs(root, opts.ExtraConfig)...))
}

// configArgs has Hugo read an extra configuration file after the site's.
func configArgs(root, extra string) []string {
	if extra == "" {
		return nil
	}
	return []string{"--config", filepath.Join(root, "config.toml") + "," + extra}
}
