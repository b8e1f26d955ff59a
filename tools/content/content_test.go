package content_test

import (
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// valid is a small site with one thing of each kind, all correct; each case
// changes or adds files and expects exactly its problems.
var valid = map[string]string{
	"config.toml": "[languages.en]\nweight = 1\nlabel = \"English\"\n[languages.fr]\nweight = 2\nlabel = \"Français\"\n",
	"data/actors.toml": `[cse]
name = { en = "Communications Security Establishment", fr = "Centre de la sécurité des télécommunications" }
short = { en = "CSE", fr = "CST" }
`,
	"data/timelines/t.toml": `title = { en = "T", fr = "T" }
summary = { en = "S", fr = "S" }

[[events]]
id = "2021-01-22-report"
date = 2021-01-22
threat_actors = ["apt31"]
text = { en = "A report.", fr = "Un rapport." }
`,
	"data/mitigations.toml": `[use-mfa]
title = { en = "Use MFA", fr = "Utiliser l'AMF" }
body = { en = "Do it.", fr = "Faites-le." }
`,
	"data/glossary.toml": `[detection]
term = { en = "detection", fr = "détection" }
definition = { en = "Finding.", fr = "Repérage." }
forms.en = ["detections"]
`,
	"data/threat-actors/apt31.toml": `name = "APT31"
sponsor = { en = "PRC", fr = "RPC" }
targets = { en = "Politicians", fr = "Politiciens" }
summary = { en = "A group.", fr = "Un groupe." }
`,
	"content/bulletins/b.en.md": "+++\ntitle = \"B\"\ndescription = \"D\"\ndate = 2024-01-01\nmeasures = [\"use-mfa\"]\n+++\nText.\n",
	"content/bulletins/b.fr.md": "+++\ntitle = \"B\"\ndescription = \"D\"\ndate = 2024-01-01\nmeasures = [\"use-mfa\"]\n+++\nTexte.\n",
	"content/reports/r.en.md":   "+++\ntitle = \"R\"\ndescription = \"D\"\ndate = 2024-01-01\ntimeline = \"t\"\nthreat_actors = [\"apt31\"]\n+++\nText.\n",
	"content/reports/r.fr.md":   "+++\ntitle = \"R\"\ndescription = \"D\"\ndate = 2024-01-01\ntimeline = \"t\"\nthreat_actors = [\"apt31\"]\n+++\nTexte.\n",
}

func load(t *testing.T, changes map[string]string) diag.List {
	t.Helper()
	root := t.TempDir()
	sitetest.Write(t, root, sitetest.With(valid, changes))
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	_, problems := content.Load(p)
	return problems
}

func TestValidSiteHasNoProblems(t *testing.T) {
	if got := load(t, nil); len(got) > 0 {
		t.Fatalf("unexpected problems:\n%s", printed(got))
	}
}

func TestContentProblems(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes map[string]string
		want    []string
	}{
		{
			name:    "unknown measure in a bulletin",
			changes: map[string]string{"content/bulletins/b.fr.md": strings.Replace(valid["content/bulletins/b.fr.md"], `"use-mfa"`, `"use-mfaa"`, 1)},
			want:    []string{`content/bulletins/b.fr.md:5:13: unknown measure "use-mfaa"; did you mean "use-mfa"? The measures are defined in data/mitigations.toml`},
		},
		{
			name:    "unknown threat actor in a page",
			changes: map[string]string{"content/reports/r.en.md": strings.Replace(valid["content/reports/r.en.md"], `["apt31"]`, `["apt3"]`, 1)},
			want:    []string{`content/reports/r.en.md:6:18: unknown threat actor "apt3"; did you mean "apt31"?`},
		},
		{
			name:    "unknown threat actor in an event",
			changes: map[string]string{"data/timelines/t.toml": strings.Replace(valid["data/timelines/t.toml"], `["apt31"]`, `["apt-31"]`, 1)},
			want:    []string{`data/timelines/t.toml:7:18: event "2021-01-22-report": unknown threat actor "apt-31"; did you mean "apt31"?`},
		},
		{
			name:    "unknown timeline in a report",
			changes: map[string]string{"content/reports/r.fr.md": strings.Replace(valid["content/reports/r.fr.md"], `timeline = "t"`, `timeline = "tt"`, 1)},
			want:    []string{`content/reports/r.fr.md:5:13: unknown timeline "tt"; did you mean "t"? The timelines are defined in data/timelines/`},
		},
		{
			name:    "page without its counterpart",
			changes: map[string]string{"content/statements/s.en.md": "+++\ntitle = \"S\"\ndescription = \"D\"\ndate = 2021-07-19\n+++\nText.\n"},
			want:    []string{`content/statements/s.en.md:1:1: the page has no "fr" (Français) counterpart; write content/statements/s.fr.md beside it`},
		},
		{
			name:    "front matter field missing",
			changes: map[string]string{"content/bulletins/b.en.md": strings.Replace(valid["content/bulletins/b.en.md"], "date = 2024-01-01\n", "", 1)},
			want:    []string{`content/bulletins/b.en.md:2:1: the front matter has no date; add date = 2024-03-01`},
		},
		{
			name:    "front matter field of the wrong type",
			changes: map[string]string{"content/bulletins/b.en.md": strings.Replace(valid["content/bulletins/b.en.md"], "date = 2024-01-01", `date = "March 2024"`, 1)},
			want:    []string{`content/bulletins/b.en.md:4:9: date must be a date; 2024-03-01`},
		},
		{
			name:    "list of ids that is not a list",
			changes: map[string]string{"content/bulletins/b.en.md": strings.Replace(valid["content/bulletins/b.en.md"], `["use-mfa"]`, `"use-mfa"`, 1)},
			want:    []string{`content/bulletins/b.en.md:5:13: measures must be a list of ids; ["id-1", "id-2"]`},
		},
		{
			name:    "unknown front matter key",
			changes: map[string]string{"content/bulletins/b.en.md": strings.Replace(valid["content/bulletins/b.en.md"], "measures", "mesures", 1)},
			want:    []string{`content/bulletins/b.en.md:5:12: unknown front matter key "mesures"; did you mean "measures"?`},
		},
		{
			name:    "YAML front matter",
			changes: map[string]string{"content/bulletins/b.en.md": "---\ntitle: B\n---\n"},
			want:    []string{`content/bulletins/b.en.md:1:1: the front matter is YAML (---); this site's pages use TOML front matter (+++)`},
		},
		{
			name:    "page without text",
			changes: map[string]string{"content/bulletins/b.en.md": strings.Replace(valid["content/bulletins/b.en.md"], "+++\nText.\n", "+++\n", 1)},
			want:    []string{`content/bulletins/b.en.md:7:1: the page has no text; write it in Markdown below the +++ line`},
		},
		{
			name:    "front matter not closed",
			changes: map[string]string{"content/bulletins/b.en.md": "+++\ntitle = \"B\"\nText.\n"},
			want:    []string{`content/bulletins/b.en.md:1:1: the front matter is not closed`},
		},
		{
			name:    "file name without its language",
			changes: map[string]string{"content/statements/s.md": "+++\ntitle = \"S\"\n+++\n"},
			want:    []string{`content/statements/s.md: the file name does not say its language; name it s.en.md`},
		},
		{
			name:    "measure text in one language only",
			changes: map[string]string{"data/mitigations.toml": strings.Replace(valid["data/mitigations.toml"], `, fr = "Faites-le."`, "", 1)},
			want:    []string{`data/mitigations.toml:3:10: measure "use-mfa": body has no "fr" (Français) text`},
		},
		{
			name:    "word form of two terms",
			changes: map[string]string{"data/glossary.toml": valid["data/glossary.toml"] + "\n[detect]\nterm = { en = \"detections\", fr = \"détecter\" }\ndefinition = { en = \"x\", fr = \"x\" }\n"},
			want:    []string{`data/glossary.toml:4:13: term "detection": the "en" (English) form "detections" is also a form of term "detect"`},
		},
		{
			name:    "unknown term in see_also",
			changes: map[string]string{"data/glossary.toml": valid["data/glossary.toml"] + "see_also = [\"detectoin\"]\n"},
			want:    []string{`data/glossary.toml:5:13: term "detection": unknown term "detectoin"; did you mean "detection"? The terms are defined in data/glossary.toml`},
		},
		{
			name:    "threat actor without a name",
			changes: map[string]string{"data/threat-actors/apt31.toml": strings.Replace(valid["data/threat-actors/apt31.toml"], `name = "APT31"`, `name = ""`, 1)},
			want:    []string{`data/threat-actors/apt31.toml:1:9: the threat actor has no name`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := load(t, tc.changes)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tc.want), printed(got))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].String(), w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], w)
				}
			}
		})
	}
}

func printed(l diag.List) string {
	var b strings.Builder
	l.Print(&b)
	return b.String()
}
