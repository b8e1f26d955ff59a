package translation

import (
	"bytes"
	"os"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// Segment is a text as a translator works on it: a data text, the title,
// description or body of a page, or one plural form of a message.
type Segment struct {
	// ID is the unit's id, with the part of a page ("content/bulletins/b#body")
	// or the form of a message ("i18n#eventsHeading.other").
	ID     string
	Unit   Unit
	Part   string // "" for data texts; "title", "description", "body"; a plural form
	Source string
	Target string // "" when missing
}

// pageParts are the parts of a page that are translated.
var pageParts = []string{"title", "description", "body"}

// Segments splits units into the texts translators see.
func Segments(p *project.Project, units []Unit) []Segment {
	var segs []Segment
	for _, u := range units {
		switch u.Kind {
		case DataText:
			segs = append(segs, Segment{ID: u.ID, Unit: u, Source: strings.TrimSpace(u.Source), Target: u.Target})
		case Page:
			src := splitPage(u.Source)
			var tgt map[string]string
			if u.Target != "" {
				raw, _ := os.ReadFile(p.Path(u.File))
				tgt = splitPage(string(raw))
			}
			for _, part := range pageParts {
				if src[part] == "" {
					continue
				}
				segs = append(segs, Segment{ID: u.ID + "#" + part, Unit: u, Part: part, Source: src[part], Target: tgt[part]})
			}
		case Message:
			// A message that depends on a count needs every plural form of
			// the target language, whether the source has it or not.
			needed := map[string]bool{"other": true}
			if len(u.SourceForms) > 1 {
				for _, form := range PluralForms(u.Lang) {
					needed[form] = true
				}
			}
			for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
				target := u.TargetForms[form]
				if !needed[form] && target == "" {
					continue
				}
				source := u.SourceForms[form]
				if source == "" { // a form the target language has and the source does not
					source = u.SourceForms["other"]
				}
				segs = append(segs, Segment{ID: u.ID + "." + form, Unit: u, Part: form, Source: source, Target: target})
			}
		}
	}
	return segs
}

// splitPage returns a page's title, description and body.
func splitPage(page string) map[string]string {
	parts := map[string]string{}
	fm, body, ok := cutFrontMatter([]byte(page))
	if !ok {
		parts["body"] = strings.TrimSpace(page)
		return parts
	}
	var values map[string]any
	if _, prob := tomlfile.Decode("", fm, &values); prob == nil {
		parts["title"], _ = values["title"].(string)
		parts["description"], _ = values["description"].(string)
	}
	parts["body"] = strings.TrimSpace(string(body))
	return parts
}

// cutFrontMatter returns the front matter of a page (with the first +++
// line as an empty line, so that lines are the file's) and its body.
func cutFrontMatter(page []byte) (fm, body []byte, ok bool) {
	if !bytes.HasPrefix(page, []byte("+++\n")) {
		return nil, page, false
	}
	rest := page[3:]
	end := bytes.Index(rest, []byte("\n+++\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n+++")) {
			return rest[:len(rest)-3], nil, true
		}
		return nil, page, false
	}
	return rest[:end+1], rest[end+5:], true
}
