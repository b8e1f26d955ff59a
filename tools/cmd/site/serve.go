package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/preview"
	"github.com/cyberpub/site/tools/render"
)

type serveCommand struct {
	source string
	bind   string
	port   int
}

func (*serveCommand) name() string     { return "serve" }
func (*serveCommand) synopsis() string { return "serve [--source DIR] [--port N]" }
func (*serveCommand) help() string {
	return `Previews the site on this computer, reloading pages as files change.
Missing translations are warnings, shown on the page where the text is
missing, so that a text can be previewed before it is translated. Drafts
and items scheduled later are shown, marked. While the site has an error,
every page shows the problems, as the terminal lists them, until the
files are fixed.

The translations' review, at /_review/, lists every item with its texts
to translate and to update in each language; each item's review, at
/_review/ and the address of one of its pages (/_review/en/timelines/t/),
shows each of its texts beside its translations, with its state, where
the translation is written and, for an outdated one, what changed in the
source. The build never has these pages.`
}
func (c *serveCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.bind, "bind", "127.0.0.1", "the address to listen on")
	fs.IntVar(&c.port, "port", 1313, "the port to listen on")
}

func (c *serveCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("serve takes no arguments")
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return err
	}
	// The pages are styled with the design system's npm packages.
	if err := render.NPMPackages(root, func(s string) { fmt.Fprintln(stderr, s) }); err != nil {
		return err
	}
	// Interrupted while it starts (a large site takes a while), the
	// preview stops cleanly too.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	views, err := os.MkdirTemp("", "site-preview-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(views)
	s, err := preview.Start(preview.Options{Root: root, Bind: c.bind, Port: c.port, Source: newPreviewSource(root, stderr, views), Log: stderr,
		Report: func(problems diag.List) { printProblems(stderr, problems) }, Inputs: previewInputs, Views: views})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(stdout, "site serve: previewing at %s (bind address %s), the translations' review at %s_review/; press Ctrl+C to stop\n", s.URL(), c.bind, s.URL())
	<-stop
	return nil
}
