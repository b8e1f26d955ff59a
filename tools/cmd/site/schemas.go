package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/schema"
)

type schemasCommand struct{ source string }

func (*schemasCommand) name() string     { return "schemas" }
func (*schemasCommand) synopsis() string { return "schemas [--source DIR]" }
func (*schemasCommand) help() string {
	return `Writes the editors' JSON Schemas of the data files, from the model.
They go into ` + schema.Dir + `/ (with those of the pages' front matter), and Taplo's configuration,
` + schema.TaploFile + `, which gives each data file its schema: editors with
Taplo (VS Code's Even Better TOML) then complete keys, show each field's
doc and mark errors as you type. Run it after changing data/model.toml or
the languages of config.toml; files that did not change are left alone.`
}
func (c *schemasCommand) flags(fs *flag.FlagSet) { sourceFlag(fs, &c.source) }

func (c *schemasCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("schemas takes no arguments")
	}
	p, problems := project.Open(c.source)
	if problems != nil {
		return problems
	}
	files, err := schema.Files(p)
	if err != nil {
		return err
	}
	written := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if old, err := os.ReadFile(p.Path(name)); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if err := p.WriteFile(name, files[name]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", name)
		written++
	}
	if written == 0 {
		fmt.Fprintln(stdout, "the schemas are up to date")
	}
	return nil
}
