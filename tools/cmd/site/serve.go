package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

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
missing, so that a text can be previewed before it is translated.`
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
	// The preview starts even when the data has errors: they are listed
	// here, again each time the data changes, and Hugo shows on the page
	// what it cannot render.
	ws, err := validate(c.source, true, false, stdout, stderr)
	if ws == nil {
		return err
	}
	root, err := filepath.Abs(ws.Project.Root)
	if err != nil {
		return err
	}
	preview, err := newPreviewConfig()
	if err != nil {
		return err
	}
	defer preview.remove()
	if err := preview.update(ws); err != nil {
		return err
	}
	stop, err := watchData(ws.Project, stderr, func() {
		// Each change reads the site again, and reports and marks what is
		// wrong now.
		ws, err := validate(root, true, false, stderr, stderr)
		if ws != nil {
			err = preview.update(ws)
		}
		if err != nil && err != errProblems {
			fmt.Fprintf(stderr, "site serve: %v\n", err)
		}
	})
	if err != nil {
		return err
	}
	defer stop()
	return render.Serve(root, render.ServeOptions{Bind: c.bind, Port: c.port, ExtraConfig: preview.path})
}
