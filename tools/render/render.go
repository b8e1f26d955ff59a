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
	// Waiting, when set, is called when another build is writing the same
	// destination, before this one waits for it to end.
	Waiting func()
}

// Build renders the site at root into dest. Hugo writes into a new folder
// beside dest, and only a successful build takes dest's place: a failed one
// leaves dest exactly as it was. dest must be a new or empty folder, or an
// earlier build's output (see CheckDestination); the files in it that the
// earlier build did not write are kept. One build at a time writes a
// destination: another one waits for it.
func Build(root, dest string, opts BuildOptions) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := CheckDestination(root, dest); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	unlock, err := lock(dest, opts.Waiting)
	if err != nil {
		return err
	}
	defer unlock()
	// Another build may have written dest while this one waited.
	if err := CheckDestination(root, dest); err != nil {
		return err
	}
	if err := removeLeftovers(dest); err != nil {
		return err
	}
	staging, err := newStaging(dest)
	if err != nil {
		return err
	}
	// After the swap, staging holds the previous output: it is marked as a
	// staging folder again first, so that a build stopped while removing
	// it leaves a folder the next one recognises and removes.
	defer func() {
		writeMarker(staging, marker{About: stagingAbout, Staging: true})
		os.RemoveAll(staging)
	}()

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
	// A segment is a part of the site, whose links lead to the other parts:
	// the whole site's links are checked.
	if opts.Segment == "" {
		base, err := baseURL(root, opts.ExtraConfig)
		if err != nil {
			return err
		}
		if _, broken, err := CheckLinks(staging, base); err != nil {
			return fmt.Errorf("cannot check the links of the site: %w; %s is unchanged", err, dest)
		} else if len(broken) > 0 {
			return fmt.Errorf("%w\n%s is unchanged", BrokenLinksError(broken), dest)
		}
	}
	if opts.Search {
		if err := Index(root, staging); err != nil {
			return fmt.Errorf("%w; %s is unchanged", err, dest)
		}
	}
	if err := finish(staging, dest); err != nil {
		return fmt.Errorf("%w; %s is unchanged", err, dest)
	}
	return replace(staging, dest)
}

// lock takes the lock of the destination dest, a file beside it, and
// returns its release. waiting, when set, is called when another build
// holds it, before waiting for it.
func lock(dest string, waiting func()) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s for this build: %w", dest, err)
	}
	if err := lockFile(f, func() {
		if waiting != nil {
			waiting()
		}
	}); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s for this build: %w", dest, err)
	}
	return func() { f.Close() }, nil
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
