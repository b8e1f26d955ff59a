package synthetic

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Write makes a site of this project at dst: the presentation of the
// project at root, and synthetic content at scale s, in the project's
// languages, in the files editors write.
func Write(root, dst string, s Scale) error {
	languages, _, err := languagesOf(root)
	if err != nil {
		return err
	}
	c, err := newCorpus(s, languages)
	if err != nil {
		return err
	}
	if err := project.CopyPresentation(root, dst, true); err != nil {
		return err
	}
	if err := Feature(dst, "/timelines/"+c.timelines[0].id); err != nil {
		return err
	}
	return writeFiles(dst, c.siteFiles())
}

// siteFiles are the content's files, as editors write them.
func (c *corpus) siteFiles() map[string]string {
	files := map[string]string{}
	var b strings.Builder
	for _, o := range c.organizations {
		fmt.Fprintf(&b, "[%s]\n", o.id)
		c.perLanguage(&b, "name", o.name)
		c.perLanguage(&b, "short", o.short)
	}
	files["data/actors.toml"] = flush(&b)
	for _, t := range c.terms {
		fmt.Fprintf(&b, "[%s]\ndate = 2024-01-01\n", t.id)
		c.perLanguage(&b, "term", t.term)
		c.perLanguage(&b, "definition", t.definition)
		for l, lang := range c.languages {
			fmt.Fprintf(&b, "forms.%s = %s\n", lang, quoteList(t.forms[l]))
		}
	}
	files["data/glossary.toml"] = flush(&b)
	for _, m := range c.measures {
		fmt.Fprintf(&b, "[%s]\ndate = 2024-01-01\n", m.id)
		c.perLanguage(&b, "title", m.title)
		c.perLanguage(&b, "body", m.body)
		b.WriteString("items = [\n")
		for _, it := range m.items {
			fmt.Fprintf(&b, "  %s,\n", c.inline(it))
		}
		b.WriteString("]\n")
	}
	files["data/mitigations.toml"] = flush(&b)
	for _, a := range c.threatActors {
		fmt.Fprintf(&b, "name = %s\ndate = 2024-01-01\n", tomlfile.Quote(a.name))
		c.perLanguage(&b, "sponsor", a.sponsor)
		b.WriteString("targets = [\n")
		for _, t := range a.targets {
			fmt.Fprintf(&b, "  %s,\n", c.inline(t))
		}
		b.WriteString("]\n")
		c.perLanguage(&b, "summary", paragraphText(a.summary))
		files["data/threat-actors/"+a.id+".toml"] = flush(&b)
	}
	for _, t := range c.timelines {
		c.perLanguage(&b, "title", t.title)
		fmt.Fprintf(&b, "date = %s\n", t.date.Format("2006-01-02"))
		c.perLanguage(&b, "summary", paragraphText(t.summary))
		fmt.Fprintf(&b, "sources = [ { title = %s } ]\n", c.inline(c.sourceTitle))
		for _, e := range t.events {
			fmt.Fprintf(&b, "\n[[events]]\nid = %s\ndate = %s\n", tomlfile.Quote(e.id), e.date.Format("2006-01-02"))
			if len(e.actors) > 0 {
				fmt.Fprintf(&b, "actors = %s\n", quoteList(c.organizationIDs(e.actors)))
			}
			if len(e.threatActors) > 0 {
				fmt.Fprintf(&b, "threat_actors = %s\n", quoteList(c.threatActorIDs(e.threatActors)))
			}
			c.perLanguage(&b, "text", e.eventText())
			if len(e.notes) > 0 {
				fmt.Fprintf(&b, "notes = [ %s ]\n", c.inline(e.notes[0]))
			}
		}
		files["data/timelines/"+t.id+".toml"] = flush(&b)
	}
	for _, bul := range c.bulletins {
		for l, lang := range c.languages {
			fmt.Fprintf(&b, "+++\ntitle = %s\ndescription = %s\ndate = %s\nmeasures = %s\nthreat_actors = %s\n+++\n",
				tomlfile.Quote(bul.title[l]), tomlfile.Quote(bul.description[l]), bul.date.Format("2006-01-02"),
				quoteList(c.measureIDs(bul.measures)), quoteList(c.threatActorIDs(bul.threatActors)))
			bul.writeBody(&b, l)
			files["content/bulletins/"+bul.id+"."+lang+".md"] = flush(&b)
		}
	}
	return files
}

func (e event) eventText() text {
	if !e.emphasisFirst {
		return e.text
	}
	t := make(text, len(e.text))
	for l, s := range e.text {
		t[l] = emphasized(s)
	}
	return t
}

// writeBody writes the body of a bulletin in the language at index l.
func (bul bulletin) writeBody(b *strings.Builder, l int) {
	for _, s := range bul.sections {
		fmt.Fprintf(b, "\n## %s\n", strings.TrimSuffix(s.heading[l], "."))
		for _, p := range s.paragraphs {
			fmt.Fprintf(b, "\n%s\n", p[l])
		}
	}
}

func (c *corpus) organizationIDs(is []int) []string {
	return ids(is, func(i int) string { return c.organizations[i].id })
}
func (c *corpus) threatActorIDs(is []int) []string {
	return ids(is, func(i int) string { return c.threatActors[i].id })
}
func (c *corpus) measureIDs(is []int) []string {
	return ids(is, func(i int) string { return c.measures[i].id })
}

func ids(is []int, id func(int) string) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = id(i)
	}
	return out
}

// perLanguage writes a text as dotted keys, one a line: key.en = "…".
func (c *corpus) perLanguage(b *strings.Builder, key string, t text) {
	for l, lang := range c.languages {
		fmt.Fprintf(b, "%s.%s = %s\n", key, lang, tomlfile.Quote(t[l]))
	}
}

// inline writes a text as an inline table: { en = "…", fr = "…" }.
func (c *corpus) inline(t text) string {
	parts := make([]string, len(c.languages))
	for l, lang := range c.languages {
		parts[l] = lang + " = " + tomlfile.Quote(t[l])
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func quoteList(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = tomlfile.Quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func flush(b *strings.Builder) string {
	s := b.String()
	b.Reset()
	return s
}

func writeFiles(root string, files map[string]string) error {
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Feature makes the home page of the site at root feature the page at
// path (config.toml's params.featured), when it features one: a site made
// from the project's presentation has other publications than the
// project's.
func Feature(root, path string) error {
	file := filepath.Join(root, project.ConfigFile)
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	doc, prob := tomlfile.Decode(project.ConfigFile, src)
	if prob != nil {
		return prob
	}
	if !doc.Has("params", "featured") {
		return nil
	}
	edit, err := doc.ReplaceString([]string{"params", "featured"}, path)
	if err != nil {
		return err
	}
	out, err := tomlfile.ApplyEdits(src, []tomlfile.Edit{edit})
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}
