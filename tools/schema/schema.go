// Package schema writes, from the content model, the JSON Schemas that
// editors' TOML tools read (Taplo, and VS Code's Even Better TOML through
// it): one per kind of data file and one per kind of page's front matter,
// each field with its doc, its type, whether it is required and, for a
// text, the languages it is written in. It also writes the Taplo
// configuration that gives each file its schema. Nothing here is written by
// hand: `site schemas` writes them again when the model changes, and a
// test fails when the committed ones differ.
package schema

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
)

// Dir is where the schemas are, from the project's root.
const Dir = "tools/schemas"

// TaploFile is Taplo's configuration, in the project's root.
const TaploFile = ".taplo.toml"

// Schema is a JSON Schema (draft 7), as much of it as the model needs.
type Schema struct {
	Draft                string             `json:"$schema,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 string             `json:"type,omitempty"`
	Format               string             `json:"format,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	PatternProperties    map[string]*Schema `json:"patternProperties,omitempty"`
	AdditionalProperties *bool              `json:"additionalProperties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	UniqueItems          bool               `json:"uniqueItems,omitempty"`
	MinLength            int                `json:"minLength,omitempty"`
}

var closed = new(bool) // additionalProperties: false, a key the model does not declare is an error

// idPattern is model.ValidID's, as JSON Schema writes it.
const idPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// Files returns every file this package writes, by path from the project's
// root: the schemas and Taplo's configuration.
func Files(p *project.Project) (map[string][]byte, error) {
	files := map[string][]byte{}
	var rules strings.Builder
	add := func(name, include, title string, s *Schema) error {
		s.Draft, s.Title = "http://json-schema.org/draft-07/schema#", title
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return err
		}
		file := path.Join(Dir, name+".schema.json")
		files[file] = append(b, '\n')
		if include != "" {
			fmt.Fprintf(&rules, "\n[[rule]]\ninclude = [%q]\n[rule.schema]\npath = %q\n", include, file)
		}
		return nil
	}
	kinds := append([]*model.Kind{model.Sections}, p.Model.Kinds...)
	for _, k := range kinds {
		if k.Store == model.PagePerItem {
			// Taplo reads TOML files only, not front matter: this schema
			// is for the tools that do, and documents the fields.
			if err := add("page-"+k.Name, "", fmt.Sprintf("The front matter of a %s's page", k.Noun()), pageSchema(k)); err != nil {
				return nil, err
			}
			continue
		}
		include := strings.ReplaceAll(k.Files, "{id}", "*")
		if err := add(k.Name, include, fmt.Sprintf("A file of %s", path.Dir(k.Files)+"/"), dataSchema(p, k)); err != nil {
			return nil, err
		}
	}
	if err := add("usage", project.UsageFile, "The editors' rules of usage", usageSchema(p)); err != nil {
		return nil, err
	}
	files[TaploFile] = []byte(`# Taplo's configuration: the TOML tools of editors (VS Code's Even Better
# TOML, and any editor with Taplo) give each data file its schema, for
# completion, the doc of each field and errors as you type.
# Written by "site schemas" from data/model.toml: do not edit, run it again.
include = ["data/**/*.toml"]
` + rules.String())
	return files, nil
}

// usageSchema is the schema of project.UsageFile, which the translation
// package reads: for each language, a list of rules.
func usageSchema(p *project.Project) *Schema {
	text := func(description string) *Schema {
		return &Schema{Type: "string", MinLength: 1, Description: description}
	}
	rule := &Schema{Type: "object", AdditionalProperties: closed, Required: []string{"what", "fix"},
		Description: "A form to avoid: words or a pattern, what is wrong with it and what to write instead.",
		Properties: map[string]*Schema{
			"words":   {Type: "array", Items: text(""), Description: "The forms to avoid, each a word or words, matched whole, in any case, whatever spaces are between them."},
			"pattern": text("Or a regular expression (Go's RE2), matched in any case; its first group is where the warning points."),
			"what":    text("What is wrong, as the warning says it."),
			"fix":     text("What to write instead."),
		}}
	s := &Schema{Type: "object", AdditionalProperties: closed, Properties: map[string]*Schema{},
		Description: "The words and forms the site's texts avoid, in each language: [[LANG]] tables, one per rule."}
	for _, l := range p.Languages {
		s.Properties[l.Code] = &Schema{Type: "array", Items: rule, Description: "The rules of " + l.Name + "."}
	}
	return s
}

// dataSchema is the schema of a data file of the kind k.
func dataSchema(p *project.Project, k *model.Kind) *Schema {
	item := object(p, k.Fields, false)
	item.Description = k.Doc
	if k.Store == model.FilePerItem {
		return item
	}
	return &Schema{Type: "object", Description: fmt.Sprintf("One table per %s, named by its id: [id].", k.Noun()),
		PatternProperties: map[string]*Schema{idPattern: item}, AdditionalProperties: closed}
}

// pageSchema is the schema of a page's front matter.
func pageSchema(k *model.Kind) *Schema {
	var fields []*model.Field
	for _, f := range k.Fields {
		if f.Type != model.Body {
			fields = append(fields, f)
		}
	}
	s := object(nil, fields, true)
	s.Description = k.Doc
	return s
}

// object is the schema of a table of fields. p is nil in a page, where a
// text is the page's own language's.
func object(p *project.Project, fields []*model.Field, page bool) *Schema {
	s := &Schema{Type: "object", Properties: map[string]*Schema{}, AdditionalProperties: closed}
	for _, f := range fields {
		s.Properties[f.Name] = field(p, f, page)
		if f.Required && f.Type != model.Body {
			s.Required = append(s.Required, f.Name)
		}
	}
	return s
}

// field is the schema of one field's value.
func field(p *project.Project, f *model.Field, page bool) *Schema {
	s := value(p, f, f.Type, f.Of, page)
	s.Description = strings.TrimSpace(f.Doc + " " + s.Description)
	return s
}

// value is the schema of a value of type t (of, for a list).
func value(p *project.Project, f *model.Field, t model.Type, of string, page bool) *Schema {
	switch t {
	case model.Text:
		if page {
			return &Schema{Type: "string", Description: "In this page's language."}
		}
		s := &Schema{Type: "object", Properties: map[string]*Schema{}, AdditionalProperties: closed}
		var example []string
		for _, l := range p.Languages {
			s.Properties[l.Code] = &Schema{Type: "string", MinLength: 1, Description: "In " + l.Name + "."}
			s.Required = append(s.Required, l.Code)
			example = append(example, l.Code+` = "…"`)
		}
		s.Description = "Written in every language of the site: { " + strings.Join(example, ", ") + " }."
		return s
	case model.Slug:
		return perLanguage(p, &Schema{Type: "string", Pattern: idPattern}, page, "Per language, each optional.")
	case model.ID, model.Ref:
		return &Schema{Type: "string", Pattern: idPattern}
	case model.Refs:
		return &Schema{Type: "array", Items: &Schema{Type: "string", Pattern: idPattern}, UniqueItems: true}
	case model.String:
		return &Schema{Type: "string"}
	case model.URL:
		return &Schema{Type: "string", Format: "uri", Pattern: "^https?://"}
	case model.Date:
		if f.Partial {
			return &Schema{Type: "string", Pattern: `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`, Description: `A day, 2021-01-22, or "2021-01" or "2021" when only the month or year is known.`}
		}
		return &Schema{Type: "string", Format: "date", Description: "A day, 2021-01-22."}
	case model.Flag:
		return &Schema{Type: "boolean"}
	case model.Moment:
		return &Schema{Type: "string", Pattern: `^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$`,
			Description: "A day, 2027-03-12, or a moment with its offset from UTC, 2027-03-12T09:00:00-05:00."}
	case model.Words:
		return perLanguage(p, &Schema{Type: "array", Items: &Schema{Type: "string", MinLength: 1}, UniqueItems: true}, page, "Per language, a list of words.")
	case model.List:
		if f.Record != nil {
			return &Schema{Type: "array", Items: object(p, f.Record.Fields, page)}
		}
		return &Schema{Type: "array", Items: value(p, f, model.Type(of), "", page)}
	}
	return &Schema{}
}

// perLanguage is a value written once per language in data, each
// optional, or the page's own language's in a page.
func perLanguage(p *project.Project, one *Schema, page bool, description string) *Schema {
	if page {
		return one
	}
	s := &Schema{Type: "object", Properties: map[string]*Schema{}, AdditionalProperties: closed, Description: description}
	for _, l := range p.Languages {
		s.Properties[l.Code] = one
	}
	return s
}
