package translation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
)

// edit replaces src[start:end] by text.
type edit struct {
	start, end int
	text       string
}

// Apply writes translations (segment id → text) into the project's files:
// data files, pages and catalogues. Only the values it translates change;
// every other byte of every file stays as it was. Each file is replaced in
// one step. It returns the files it changed.
func Apply(p *project.Project, segments []Segment, targets map[string]string) ([]string, error) {
	byFile := map[string][]Segment{}
	for _, s := range segments {
		text, ok := targets[s.ID]
		if !ok || strings.TrimSpace(text) == "" || strings.TrimSpace(text) == strings.TrimSpace(s.Target) {
			continue
		}
		byFile[s.Unit.File] = append(byFile[s.Unit.File], s)
	}
	var changed []string
	for _, file := range field.SortedKeys(byFile) {
		path := p.Path(file)
		src, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			return changed, err
		}
		var edits []edit
		for _, s := range byFile[file] {
			text := strings.TrimSpace(targets[s.ID])
			var e []edit
			switch s.Unit.Kind {
			case DataText:
				e, err = dataEdit(src, s, p.Languages[0].Code, text)
			case Page:
				if src == nil { // a new counterpart starts as a copy of the source page
					src, err = os.ReadFile(p.Path(s.Unit.ID + "." + p.Languages[0].Code + ".md"))
					if err != nil {
						return changed, err
					}
				}
				e, err = pageEdit(src, s, text)
			case Message:
				e = messageEdit(src, s, text)
			}
			if err != nil {
				return changed, fmt.Errorf("%s: %s: %w", file, s.ID, err)
			}
			edits = append(edits, e...)
		}
		out, err := applyEdits(src, edits)
		if err != nil {
			return changed, fmt.Errorf("%s: %w", file, err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return changed, err
		}
		if err := WriteFileAtomic(path, out); err != nil {
			return changed, err
		}
		changed = append(changed, file)
	}
	return changed, nil
}

// applyEdits applies edits from the end of the file to its start, so that
// each edit's offsets are still right; edits may not overlap.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out := slices.Clone(src)
	last := len(src) + 1
	for _, e := range edits {
		if e.end > last {
			return nil, fmt.Errorf("two translations write over the same bytes (%d-%d)", e.start, e.end)
		}
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
		last = e.start
	}
	return out, nil
}

// langKey finds the language of a key written before a value: "text.en = "
// or "en = " or "{ en = ".
var langKey = regexp.MustCompile(`(^|[.\s{,])([a-z]{2,3})(\s*=\s*)$`)

// dataEdit replaces the target value of a data text, or adds it beside the
// source value, in the same style.
func dataEdit(src []byte, s Segment, source, text string) ([]edit, error) {
	u := s.Unit
	if u.InArray != nil {
		return arrayEdit(src, u, source, text)
	}
	if u.TargetAt[0] > 0 {
		l, err := tomlfile.LiteralAt(src, tomlfile.Offset(src, u.TargetAt[0], u.TargetAt[1]))
		if err != nil {
			return nil, err
		}
		return []edit{{l.Start, l.End, l.Encode(text)}}, nil
	}
	l, err := tomlfile.LiteralAt(src, tomlfile.Offset(src, u.SourceAt[0], u.SourceAt[1]))
	if err != nil {
		return nil, err
	}
	target := u.Lang
	if l.Keyed { // { en = "…" }: add ", fr = "…"" after the source value
		return []edit{{l.End, l.End, fmt.Sprintf(", %s = %s", target, l.Encode(text))}}, nil
	}
	// text.en = "…": add a line text.fr = "…" after the source value's line.
	lineStart := bytes.LastIndexByte(src[:l.Start], '\n') + 1
	before := string(src[lineStart:l.Start])
	m := langKey.FindStringSubmatchIndex(before)
	if m == nil || before[m[4]:m[5]] != source {
		return nil, fmt.Errorf("cannot tell how the %q text is written", source)
	}
	prefix := before[:m[4]] + target + before[m[5]:]
	lineEnd := len(src)
	if i := bytes.IndexByte(src[l.End:], '\n'); i >= 0 {
		lineEnd = l.End + i + 1
	}
	line := prefix + l.Encode(text) + "\n"
	if lineEnd == len(src) && !bytes.HasSuffix(src, []byte("\n")) {
		line = "\n" + line
	}
	return []edit{{lineEnd, lineEnd, line}}, nil
}

// arrayEdit replaces or adds the target of a text inside an inline array.
func arrayEdit(src []byte, u Unit, source, text string) ([]edit, error) {
	at := tomlfile.Offset(src, u.InArray.At[0], u.InArray.At[1])
	if at < len(src) && src[at] != '[' && at > 0 && src[at-1] == '[' {
		at--
	}
	table, err := tomlfile.ArrayItem(src, at, u.InArray.Index)
	if err != nil {
		return nil, err
	}
	for _, k := range u.InArray.Keys {
		keyAt, _, err := tomlfile.InlineKey(src, table, k)
		if err != nil {
			return nil, err
		}
		if keyAt < 0 {
			return nil, fmt.Errorf("no %q in the element", k)
		}
		table = tomlfile.ValueOf(src, keyAt)
	}
	keyAt, _, err := tomlfile.InlineKey(src, table, u.Lang)
	if err != nil {
		return nil, err
	}
	if keyAt >= 0 {
		l, err := tomlfile.LiteralAt(src, keyAt)
		if err != nil {
			return nil, err
		}
		return []edit{{l.Start, l.End, l.Encode(text)}}, nil
	}
	keyAt, _, err = tomlfile.InlineKey(src, table, source)
	if err != nil || keyAt < 0 {
		return nil, fmt.Errorf("no %q text in the element", source)
	}
	l, err := tomlfile.LiteralAt(src, keyAt)
	if err != nil {
		return nil, err
	}
	return []edit{{l.End, l.End, fmt.Sprintf(", %s = %s", u.Lang, l.Encode(text))}}, nil
}

// pageEdit replaces the title, the description or the body of a page. A
// body keeps the blank lines around it that the page had, or else that its
// source page has.
func pageEdit(src []byte, s Segment, text string) ([]edit, error) {
	part := s.Part
	fm, body, ok := cutFrontMatter(src)
	if !ok {
		return nil, fmt.Errorf("the page has no +++ front matter")
	}
	if part == "body" {
		start := 3 + len(fm) + 4 // "+++", the front matter, "+++\n"
		layout := body
		if len(bytes.TrimSpace(layout)) == 0 {
			_, layout, _ = cutFrontMatter([]byte(s.Unit.Source))
		}
		lead := layout[:len(layout)-len(bytes.TrimLeft(layout, "\n"))]
		trail := layout[len(bytes.TrimRight(layout, "\n")):]
		if len(trail) == 0 {
			trail = []byte("\n")
		}
		return []edit{{start, len(src), string(lead) + text + string(trail)}}, nil
	}
	var values map[string]any
	doc, prob := tomlfile.Decode("", fm, &values)
	if prob != nil {
		return nil, fmt.Errorf("%s", prob.Message)
	}
	if _, ok := values[part]; !ok {
		// After the first line of the front matter.
		return []edit{{4, 4, fmt.Sprintf("%s = %s\n", part, tomlfile.Literal{Delim: `"`}.Encode(text))}}, nil
	}
	line, col := doc.Position(part)
	l, err := tomlfile.LiteralAt(src, tomlfile.Offset(src, line, col))
	if err != nil {
		return nil, err
	}
	return []edit{{l.Start, l.End, l.Encode(text)}}, nil
}

// messageEdit replaces a plural form of a message in a catalogue, or adds
// it to its table, or adds the table.
func messageEdit(src []byte, s Segment, text string) []edit {
	id := strings.TrimPrefix(s.Unit.ID, "i18n#")
	var values map[string]any
	doc, prob := tomlfile.Decode("", src, &values)
	basic := tomlfile.Literal{Delim: `"`}
	if prob == nil {
		if table, ok := values[id].(map[string]any); ok {
			if _, ok := table[s.Part]; ok {
				line, col := doc.Position(id, s.Part)
				if l, err := tomlfile.LiteralAt(src, tomlfile.Offset(src, line, col)); err == nil {
					return []edit{{l.Start, l.End, l.Encode(text)}}
				}
			}
			line, _ := doc.Position(id)
			at := tomlfile.Offset(src, line+1, 1)
			return []edit{{at, at, fmt.Sprintf("%s = %s\n", s.Part, basic.Encode(text))}}
		}
	}
	add := fmt.Sprintf("\n[%s]\n%s = %s\n", id, s.Part, basic.Encode(text))
	if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
		add = "\n" + add
	}
	return []edit{{len(src), len(src), add}}
}
