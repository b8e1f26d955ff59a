package timeline_test

import (
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/field"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/timeline"
)

const config = `
[languages.en]
weight = 1
label = "English"
[languages.fr]
weight = 2
label = "Français"
`

const actors = `
[cse]
name.en  = "Communications Security Establishment Canada"
name.fr  = "Centre de la sécurité des télécommunications Canada"
short.en = "CSE"
short.fr = "CST"
`

// head is a valid start of a timeline file: the cases' lines start at 5.
const head = `title.en = "Title"
title.fr = "Titre"
summary.en = "Summary"
summary.fr = "Résumé"
`

// event is a valid event starting at line 5 (head) or wherever it is put.
const event = `[[events]]
id = "2021-01-22-report"
date = 2021-01-22
actors = ["cse"]
text.en = "A report."
text.fr = "Un rapport."
`

func load(t *testing.T, files map[string]string) diag.List {
	t.Helper()
	root := t.TempDir()
	sitetest.Write(t, root, sitetest.With(map[string]string{"config.toml": config, "data/actors.toml": actors}, files))
	p, prob := project.Open(root)
	if prob != nil {
		t.Fatal(prob)
	}
	_, problems := timeline.Load(p, []string{"apt31"})
	return problems
}

func TestLoadReportsEachProblemAtItsPlace(t *testing.T) {
	const file = "data/timelines/t.toml"
	for _, tc := range []struct {
		name string
		src  string
		want []string // each problem as printed, file:line:col: message; hint
	}{
		{
			name: "syntax error",
			src:  head + "[[events]]\nid = \"x\nx\"\n",
			want: []string{file + ":6:8: strings cannot contain newlines"},
		},
		{
			// A TOML date that does not exist is refused by the TOML parser itself.
			// Positions are those of the value's first character: inside quotes
			// and brackets, where the editor has to type.
			name: "impossible bare date",
			src:  head + "[[events]]\nid = \"a\"\ndate = 2021-02-30\n",
			want: []string{file + `:7:8: invalid datetime: "2021-02-30"; a date is written 2021-01-22 and must exist in the calendar`},
		},
		{
			name: "impossible date in a string",
			src:  head + strings.Replace(event, "2021-01-22\n", "\"2021-02-30\"\n", 1),
			want: []string{file + `:7:9: event "2021-01-22-report": "2021-02-30" is not a date that exists; write 2021-01-22`},
		},
		{
			name: "unknown key, closest known one suggested",
			src:  head + event + "txt.en = \"x\"\n",
			want: []string{file + `:11:11: event "2021-01-22-report": unknown key "txt.en"; did you mean "text"?`},
		},
		{
			name: "unknown top-level key",
			src:  "sumary.en = \"x\"\n" + head + event,
			want: []string{file + `:1:14: unknown key "sumary.en"; did you mean "summary"?`},
		},
		{
			name: "missing required field",
			src:  "title.en = \"T\"\ntitle.fr = \"T\"\n" + event,
			want: []string{file + `: summary is missing; add summary.en = "…" and summary.fr = "…"`},
		},
		{
			name: "event without a date points at its header",
			src:  head + strings.Replace(event, "date = 2021-01-22\n", "", 1),
			want: []string{file + `:5:1: event "2021-01-22-report": the event has no date`},
		},
		{
			name: "text in one language only",
			src:  head + strings.Replace(event, "text.fr = \"Un rapport.\"\n", "", 1),
			want: []string{file + `:9:12: event "2021-01-22-report": text has no "fr" (Français) text; add text.fr = "…"`},
		},
		{
			name: "empty text",
			src:  head + strings.Replace(event, "\"Un rapport.\"", "\"  \"", 1),
			want: []string{file + `:10:12: event "2021-01-22-report": text: the "fr" (Français) text is empty`},
		},
		{
			name: "duplicate event ids",
			src:  head + event + event,
			want: []string{file + `:12:7: event "2021-01-22-report": the id "2021-01-22-report" is already used by event 1; give each event its own id`},
		},
		{
			name: "unknown actor",
			src:  head + strings.Replace(event, `["cse"]`, `["cse", "csi"]`, 1),
			want: []string{file + `:8:11: event "2021-01-22-report": unknown actor "csi"; did you mean "cse"?`},
		},
		{
			name: "text in a language the site does not have",
			src:  head + event + "text.de = \"Ein Bericht.\"\n",
			want: []string{file + `:11:12: event "2021-01-22-report": text has a text in "de", which is not a language of the site; the languages are en and fr`},
		},
		{
			name: "note in one language only",
			src:  head + event + "notes = [{ en = \"Later.\" }]\n",
			want: []string{file + `:11:10: event "2021-01-22-report": notes[1] has no "fr" (Français) text; add fr = "…" inside the { } of notes[1]`},
		},
		{
			name: "id that cannot be an anchor",
			src:  head + strings.Replace(event, `"2021-01-22-report"`, `"2021 report"`, 1),
			want: []string{file + `:6:7: event "2021 report": the id "2021 report" cannot be an anchor`},
		},
		{
			name: "all problems at once, in file order",
			src:  head + strings.Replace(event, `["cse"]`, `["nope"]`, 1) + strings.Replace(event, "\"Un rapport.\"", "\"\"", 1),
			want: []string{
				file + `:8:11: event "2021-01-22-report": unknown actor "nope"`,
				file + `:12:7: event "2021-01-22-report": the id "2021-01-22-report" is already used by event 1`,
				file + `:16:12: event "2021-01-22-report": text: the "fr" (Français) text is empty`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := load(t, map[string]string{file: tc.src})
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tc.want), printed(got))
			}
			for i, w := range tc.want {
				if g := got[i].String(); !strings.HasPrefix(g, w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, g, w)
				}
			}
		})
	}
}

func TestTranslationGapsAreTheirOwnKind(t *testing.T) {
	// The preview server demotes these to warnings; other problems stay errors.
	got := load(t, map[string]string{"data/timelines/t.toml": head + strings.Replace(event, "text.fr = \"Un rapport.\"\n", "", 1) + "bogus = 1\n"})
	if len(got) != 2 {
		t.Fatalf("want 2 problems, got:\n%s", printed(got))
	}
	got.Demote(diag.TranslationGap)
	if got.Errors() != 1 || !strings.Contains(got[1].String(), "bogus") {
		t.Errorf("after demoting translation gaps, want only the unknown key as an error, got:\n%s", printed(got))
	}
}

func TestActorsFileIsChecked(t *testing.T) {
	got := load(t, map[string]string{
		"data/actors.toml":      actors + "[fbi]\nname.en = \"Federal Bureau of Investigation\"\nshort.en = \"FBI\"\nshrt.fr = \"FBI\"\n",
		"data/timelines/t.toml": head + event,
	})
	want := []string{
		`data/actors.toml:8:12: actor "fbi": name has no "fr" (Français) text`,
		`data/actors.toml:9:13: actor "fbi": short has no "fr" (Français) text`,
		`data/actors.toml:10:12: actor "fbi": unknown key "fbi.shrt.fr"; did you mean "short"?`,
	}
	if len(got) != len(want) {
		t.Fatalf("got:\n%s", printed(got))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("got %s\nwant %s…", got[i], w)
		}
	}
}

func TestValidTimelineLoads(t *testing.T) {
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"config.toml": config, "data/actors.toml": actors,
		"data/timelines/t.toml": head + event + strings.NewReplacer("2021-01-22-report", "2021-01-report", "2021-01-22", `"2021-01"`).Replace(event)})
	p, _ := project.Open(root)
	set, problems := timeline.Load(p, []string{"apt31"})
	if len(problems) != 0 {
		t.Fatalf("unexpected problems:\n%s", printed(problems))
	}
	if len(set.Timelines) != 1 || len(set.Timelines[0].Events) != 2 {
		t.Fatalf("want 1 timeline of 2 events, got %+v", set.Timelines)
	}
	e := set.Timelines[0].Events[1]
	if _, precision, err := e.Date.Parse(); err != nil || precision != field.Month || e.Text["fr"] != "Un rapport." {
		t.Errorf("event 2: got date %q (precision %d, %v), text %q", e.Date.Raw, precision, err, e.Text["fr"])
	}
}

func printed(l diag.List) string {
	var b strings.Builder
	l.Print(&b)
	return b.String()
}
