package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The addresses the official schemas name each other by.
const (
	STIXSchemas = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"
	CSAFSchemas = "https://docs.oasis-open.org/csaf/csaf/v2.0/"
)

// JSONSchemas compiles JSON schemas: the official ones of ../shared/schemas,
// found at their own addresses, and the project's, in static/schemas/ at
// the site's address baseURL; never a request to another host.
func JSONSchemas(t testing.TB, baseURL string) *jsonschema.Compiler {
	t.Helper()
	local := map[string]string{
		STIXSchemas:                   Schema(t, "stix2.1/schemas"),
		CSAFSchemas:                   Schema(t, "csaf2.0"),
		"https://www.first.org/cvss/": Schema(t, "csaf2.0"),
		baseURL + "schemas/":          filepath.Join(Root(t), "static", "schemas"),
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(loaderFunc(func(url string) (any, error) {
		for prefix, dir := range local {
			if rest, ok := strings.CutPrefix(url, prefix); ok {
				f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rest)))
				if err != nil {
					return nil, err
				}
				defer f.Close()
				return jsonschema.UnmarshalJSON(f)
			}
		}
		return nil, fs.ErrNotExist
	}))
	return c
}

type loaderFunc func(string) (any, error)

func (f loaderFunc) Load(url string) (any, error) { return f(url) }
