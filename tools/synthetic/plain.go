package synthetic

import (
	"fmt"
	"strings"

	"github.com/cyberpub/site/tools/tomlfile"
)

// WritePlain makes at dst the plain Hugo site of the same content as
// Write makes from the project at root: the same words, in the same
// languages, each publication a hand-written Markdown page per language,
// a few lines of templates, and Hugo's defaults for the rest. It is the
// baseline the benchmark measures the project against.
func WritePlain(root, dst string, s Scale) error {
	languages, titles, err := languagesOf(root)
	if err != nil {
		return err
	}
	c, err := newCorpus(s, languages)
	if err != nil {
		return err
	}
	return writeFiles(dst, c.plainFiles(titles))
}

// plainConfig is the plain site's hugo.toml: each language with the
// title it has in the project.
func (c *corpus) plainConfig(titles []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "baseURL = \"https://cyber.example.ca/\"\ndefaultContentLanguage = %s\ndefaultContentLanguageInSubdir = true\n", tomlfile.Quote(c.languages[0]))
	for l, lang := range c.languages {
		fmt.Fprintf(&b, "[languages.%s]\nweight = %d\ntitle = %s\n", lang, l+1, tomlfile.Quote(titles[l]))
	}
	return b.String()
}

// plainLayouts are what someone writing a small Hugo site by hand would
// write: a page skeleton with the links to the other languages, a page, a
// list.
var plainLayouts = map[string]string{
	"layouts/baseof.html": `<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"layouts/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
{{ .Content }}{{ end }}
`,
	"layouts/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.description }}</li>{{ end }}</ul>{{ end }}
`,
}

// plainFiles are the plain site's files.
func (c *corpus) plainFiles(titles []string) map[string]string {
	files := map[string]string{"hugo.toml": c.plainConfig(titles)}
	for name, content := range plainLayouts {
		files[name] = content
	}
	var b strings.Builder
	frontMatter := func(title, description string, date string) {
		fmt.Fprintf(&b, "+++\ntitle = %s\ndescription = %s\ndate = %s\n+++\n", tomlfile.Quote(title), tomlfile.Quote(description), date)
	}
	for l, lang := range c.languages {
		for _, section := range []string{"timelines", "bulletins", "threat-actors", "glossary", "guidance"} {
			files["content/"+section+"/_index."+lang+".md"] = fmt.Sprintf("+++\ntitle = %s\n+++\n", tomlfile.Quote(section))
		}
		for _, t := range c.timelines {
			frontMatter(t.title[l], "", t.date.Format("2006-01-02"))
			for _, p := range t.summary {
				fmt.Fprintf(&b, "\n%s\n", p[l])
			}
			for _, e := range t.events {
				fmt.Fprintf(&b, "\n## %s {#%s}\n\n%s\n", e.date.Format("2006-01-02"), e.id, e.eventText()[l])
				if len(e.actors) > 0 || len(e.threatActors) > 0 {
					var names []string
					for _, o := range e.actors {
						names = append(names, c.organizations[o].short[l])
					}
					for _, a := range e.threatActors {
						names = append(names, "["+c.threatActors[a].name+"](/"+lang+"/threat-actors/"+c.threatActors[a].id+"/)")
					}
					fmt.Fprintf(&b, "\n*%s*\n", strings.Join(names, ", "))
				}
				for _, n := range e.notes {
					fmt.Fprintf(&b, "\n- %s\n", n[l])
				}
			}
			b.WriteString("\n## Sources\n\n- Synthetic source\n")
			files["content/timelines/"+t.id+"."+lang+".md"] = flush(&b)
		}
		for _, bul := range c.bulletins {
			frontMatter(bul.title[l], bul.description[l], bul.date.Format("2006-01-02"))
			bul.writeBody(&b, l)
			b.WriteString("\n## Measures\n\n")
			for _, m := range bul.measures {
				fmt.Fprintf(&b, "- [%s](/%s/guidance/%s/)\n", c.measures[m].title[l], lang, c.measures[m].id)
			}
			files["content/bulletins/"+bul.id+"."+lang+".md"] = flush(&b)
		}
		for _, a := range c.threatActors {
			frontMatter(a.name, a.sponsor[l], "2024-01-01")
			for _, t := range a.targets {
				fmt.Fprintf(&b, "- %s\n", t[l])
			}
			for _, p := range a.summary {
				fmt.Fprintf(&b, "\n%s\n", p[l])
			}
			files["content/threat-actors/"+a.id+"."+lang+".md"] = flush(&b)
		}
		for _, t := range c.terms {
			frontMatter(t.term[l], "", "2024-01-01")
			fmt.Fprintf(&b, "\n%s\n", t.definition[l])
			files["content/glossary/"+t.id+"."+lang+".md"] = flush(&b)
		}
		for _, m := range c.measures {
			frontMatter(m.title[l], "", "2024-01-01")
			fmt.Fprintf(&b, "\n%s\n\n", m.body[l])
			for _, it := range m.items {
				fmt.Fprintf(&b, "- %s\n", it[l])
			}
			files["content/guidance/"+m.id+"."+lang+".md"] = flush(&b)
		}
	}
	return files
}
