package translation

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// usage are the rules of usage the site's editors keep in
// project.UsageFile: the words and forms of each language its texts avoid,
// each with what is wrong with it and what to write instead. site check
// warns where a text uses one, as it does for typography.
type usage struct {
	rules map[string][]typographyRule // by language
	key   string                      // the file's text: the same key, the same rules
}

// usageKeys are the keys of a rule of usage.
var usageKeys = []string{"words", "pattern", "what", "fix"}

// readUsage reads the rules of usage; a missing file has none. A rule
// that cannot be used is a problem at its place, and is left out.
func readUsage(p *project.Project) (usage, diag.List) {
	u := usage{rules: map[string][]typographyRule{}}
	doc, prob := p.DecodeOptional(project.UsageFile)
	if doc == nil {
		if prob != nil {
			return u, diag.List{*prob}
		}
		return u, nil
	}
	u.key = string(doc.Src)
	var problems diag.List
	problem := func(message, hint string, path ...string) {
		line, col := doc.Position(path...)
		problems = append(problems, diag.Problem{File: project.UsageFile, Line: line, Col: col, Message: message, Hint: hint})
	}
	for _, lang := range slices.Sorted(maps.Keys(doc.Data)) {
		if _, ok := p.Language(lang); !ok {
			problem(fmt.Sprintf("%q is not a language of the site", lang), "name each list of rules [[LANG]] after a language of config.toml: "+strings.Join(codes(p), ", "), lang)
			continue
		}
		list, ok := doc.Data[lang].([]map[string]any)
		if !ok {
			problem(fmt.Sprintf("%s is not a list of rules", lang), "write each rule as a table of its own, [["+lang+"]], with words or pattern, what and fix", lang)
			continue
		}
		for i, table := range list {
			at := []string{lang, fmt.Sprint(i)}
			r, message, key := usageRule(table)
			if message != "" {
				if key != "" {
					at = append(at, key)
				}
				problem(message, "a rule has words (a list of the forms to avoid) or a pattern (a regular expression), and what (what is wrong) and fix (what to write instead)", at...)
				continue
			}
			u.rules[lang] = append(u.rules[lang], r)
		}
	}
	problems.Sort()
	return u, problems
}

// usageRule makes a rule of one table of the file, or says what is wrong
// with it, and at which key.
func usageRule(table map[string]any) (r typographyRule, message, key string) {
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if !slices.Contains(usageKeys, k) {
			return r, fmt.Sprintf("%q is not a key of a rule of usage", k), k
		}
	}
	texts := map[string]string{}
	for _, k := range []string{"pattern", "what", "fix"} {
		if v, ok := table[k]; ok {
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return r, fmt.Sprintf("%s is not a text", k), k
			}
			texts[k] = s
		}
	}
	words, hasWords := table["words"].([]any)
	if _, ok := table["words"]; ok && (!hasWords || len(words) == 0) {
		return r, "words is not a list of words", "words"
	}
	if hasWords == (texts["pattern"] != "") {
		return r, "a rule has either words or a pattern", ""
	}
	for _, k := range []string{"what", "fix"} {
		if texts[k] == "" {
			return r, "the rule has no " + k, ""
		}
	}
	r = typographyRule{usage: true, what: texts["what"], fix: texts["fix"]}
	pattern := texts["pattern"]
	if hasWords {
		// Whole words, in any case, whatever spaces (a line's end, a
		// no-break space) are between them.
		forms := make([]string, len(words))
		for i, w := range words {
			s, ok := w.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return r, "words is not a list of words", "words"
			}
			forms[i] = strings.Join(mapSlice(strings.Fields(s), regexp.QuoteMeta), `[\s\x{00A0}\x{202F}]+`)
			r.cues = append(r.cues, strings.ToLower(strings.Fields(s)[0]))
		}
		pattern = `(?:^|[^\p{L}\p{N}_])(` + strings.Join(forms, "|") + `)(?:[^\p{L}\p{N}_]|$)`
	}
	if _, err := regexp.Compile(pattern); err != nil {
		return r, "the pattern is not a regular expression: " + strings.TrimPrefix(err.Error(), "error parsing regexp: "), "pattern"
	}
	re, err := regexp.Compile("(?i)" + pattern)
	if err != nil {
		return r, "the pattern is not a regular expression: " + strings.TrimPrefix(err.Error(), "error parsing regexp: "), "pattern"
	}
	if re.MatchString("") {
		return r, "the pattern matches an empty text, so every text would break the rule", "pattern"
	}
	r.wrong = re
	return r, "", ""
}

func mapSlice(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

// codes are the site's language codes.
func codes(p *project.Project) []string {
	var out []string
	for _, l := range p.Languages {
		out = append(out, l.Code)
	}
	return out
}
