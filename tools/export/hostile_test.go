package export_test

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-ical"

	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

// hostile is what a text pasted from a web page or a malicious document
// can hold (tools/render's hostile_test.go has the same): markup that
// runs, links that run, a comment, a spreadsheet formula, and line ends
// that would start new iCalendar properties.
const hostile = `Pasted <script>alert(1)</script> <img src=x onerror="alert(2)"> [a link](javascript:alert(3)) ![an image](data:text/html;base64,PHNjcmlwdD4=) <!-- hidden --> and </textarea></script></title>]]>`

// hostileExports are the exports of the fixture with hostile texts in
// every kind of field, in both languages, minified or not. site check
// refuses them; the exports are written here as if it had not run, to
// show that they stay harmless by themselves.
func hostileExports(t *testing.T, minify bool) map[string]string {
	t.Helper()
	quoted := strings.ReplaceAll(hostile, `"`, `\"`)
	site := loadSite(t, false, sitetest.Fixture, sitetest.Archive(map[string]string{
		"data/timelines/hostile.toml": `title.en = "Hostile <script>alert(4)</script>\r\nATTACH:https://evil.example/"
title.fr = "Hostile <b onmouseover=alert(5)>"
date = 2024-03-01
summary = { en = "` + quoted + `", fr = "` + quoted + `" }
sources = [ { title = { en = "` + quoted + `", fr = "` + quoted + `" }, url = "https://example.org/" } ]

[[events]]
id = "2024-03-01-formula"
date = 2024-03-01
actors = ["hoc"]
threat_actors = ["apt99", "hostile"]
text.en = "=HYPERLINK(\"https://evil.example/\",\"click\")"
text.fr = "@SUM(1+1)*cmd|' /C calc'!A0"
notes = [ { en = "-2+3", fr = "+2+3" } ]

[[events]]
id = "2024-03-02-markup"
date = 2024-03-02
text.en = "` + quoted + `"
text.fr = "` + quoted + `\rATTACH:https://evil.example/\nEND:VCALENDAR"
`,
		"data/threat-actors/hostile.toml": `name = "Hostile <script>alert(9)</script>"
date = 2024-03-01
aliases = ["=cmd|' /C calc'!A0", "<img src=x onerror=alert(10)>"]
sponsor = { en = "` + quoted + `", fr = "` + quoted + `" }
targets = [ { en = "` + quoted + `", fr = "` + quoted + `" } ]
summary = { en = "` + quoted + `", fr = "` + quoted + `" }
`,
		"content/bulletins/hostile.en.md": "+++\ntitle = \"Hostile <script>alert(6)</script>\"\ndescription = \"" + quoted + "\"\ndate = 2024-03-01\nmeasures = [\"patch\"]\n+++\n" + hostile + "\n\n<script>alert(7)</script>\n",
		"content/bulletins/hostile.fr.md": "+++\ntitle = \"Hostile <script>alert(8)</script>\"\ndescription = \"" + quoted + "\"\ndate = 2024-03-01\nmeasures = [\"patch\"]\n+++\n" + hostile + "\n",
	}))
	got := files(t, write(t, site, export.Options{Minify: minify}))
	for _, name := range []string{"en/timelines/hostile/timeline.json", "en/timelines/hostile/timeline.csv", "fr/chronologies/hostile/timeline.ics",
		"en/threat-actors/hostile/stix.json", "en/csaf/2024/hostile.json", "fr/csaf/2024/hostile-fr-ca.json"} {
		if got[name] == "" {
			t.Fatalf("%s was not written", name)
		}
	}
	return got
}

// In JSON, texts are Markdown as written (docs/exports.md): whoever
// renders them must escape them as any text. What the format itself must
// do is keep them strings, with no < that an HTML page embedding the JSON
// would take for a tag. The plain texts (STIX) have no markup at all.
func TestHostileTextIsHarmlessInJSON(t *testing.T) {
	for _, minify := range []bool{false, true} {
		checked := 0
		for name, src := range hostileExports(t, minify) {
			if !strings.HasSuffix(name, ".json") || !strings.Contains(src, "alert(") {
				continue
			}
			checked++
			if !json.Valid([]byte(src)) {
				t.Errorf("%s is not valid JSON", name)
			}
			if strings.ContainsAny(src, "<>") {
				t.Errorf("%s has a raw < or >", name)
			}
			if strings.HasSuffix(name, "/stix.json") {
				var bundle struct{ Objects []map[string]any }
				_ = json.Unmarshal([]byte(src), &bundle)
				for _, o := range bundle.Objects {
					if d, _ := o["description"].(string); strings.Contains(d, "<") || strings.Contains(d, "javascript:") || strings.Contains(d, "hidden") {
						t.Errorf("%s: a description that is not plain text: %q", name, d)
					}
				}
			}
		}
		if checked < 6 {
			t.Errorf("minify %v: %d JSON files with the hostile texts", minify, checked)
		}
	}
}

func TestHostileTextIsHarmlessInCSV(t *testing.T) {
	got := hostileExports(t, false)
	if csv := got["en/timelines/hostile/timeline.csv"]; !strings.Contains(csv, `"'=HYPERLINK(`) || !strings.Contains(csv, "APT99; Hostile <script>alert(9)</script>,") {
		t.Errorf("the formula or the threat actors' names are not in the CSV, as text:\n%s", csv)
	}
	for name, src := range got {
		if !strings.HasSuffix(name, "timeline.csv") {
			continue
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(src, "\ufeff")))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: a spreadsheet would run the cell %q", name, cell)
				}
				// A threat actor's name is a string, not Markdown: the
				// cell has it as it is, which a spreadsheet shows as text.
				if i != 4 && (strings.Contains(cell, "<script") || strings.Contains(cell, "onerror") || strings.Contains(cell, "javascript:")) {
					t.Errorf("%s: markup in the cell %q", name, cell)
				}
			}
		}
	}
}

// No text makes a line of its own in a calendar: every line is one of
// the properties the calendar writes, whatever line ends the texts hold.
func TestHostileTextIsHarmlessInICalendar(t *testing.T) {
	properties := []string{"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"}
	got := hostileExports(t, false)
	if !strings.Contains(strings.ReplaceAll(got["fr/chronologies/hostile/timeline.ics"], "\r\n ", ""), `\nATTACH:https://evil.example/ END:VCALENDAR`) {
		// A lone CR is a line end; a line end in a paragraph, a space.
		t.Error("the text with a CR is not in the calendar, as text")
	}
	for name, src := range got {
		if !strings.HasSuffix(name, ".ics") {
			continue
		}
		if strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\r") || strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\n") {
			t.Errorf("%s has a line end that is not CRLF", name)
		}
		ends := 0
		for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n ", ""), "\r\n") {
			property, _, _ := strings.Cut(line, ":")
			property, _, _ = strings.Cut(property, ";")
			if line != "" && !slices.Contains(properties, property) {
				t.Errorf("%s: a text made the line %q", name, line)
			}
			if line == "END:VCALENDAR" {
				ends++
			}
			if strings.Contains(line, "<script") || strings.Contains(line, "onerror") {
				t.Errorf("%s: markup in %q", name, line)
			}
		}
		if ends != 1 {
			t.Errorf("%s ends %d times", name, ends)
		}
		if _, err := ical.NewDecoder(strings.NewReader(src)).Decode(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
