package export_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

// withEvents is the fixture with events added to its timeline.
func withEvents(events string) string {
	return sitetest.Archive(map[string]string{"data/timelines/fixture.toml": sitetest.Files(sitetest.Fixture)["data/timelines/fixture.toml"] + events})
}

func quote(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a TOML basic string
	return string(b)
}

// A threat actor's bundle says what its profile says: its French in
// language-content objects, each relationship between objects of the
// bundle.
func TestSTIXBundleHoldsTheProfile(t *testing.T) {
	name := "en/threat-actors/apt99/stix.json"
	byID := validateSTIX(t, schemas(t), name, fixtureFiles(t, export.Options{})[name])
	types := map[string]int{}
	var set map[string]any
	for _, o := range byID {
		types[o["type"].(string)]++
		if o["type"] == "intrusion-set" {
			set = o
		}
	}
	// The sponsor and two kinds of targets, a relationship with each, the
	// French of each and of the intrusion set.
	if types["intrusion-set"] != 1 || types["identity"] != 3 || types["relationship"] != 3 || types["language-content"] != 4 {
		t.Errorf("objects by type: %v", types)
	}
	// Its description is plain text: the summary's *detection* is not.
	if set["description"] != "APT99 exists only in tests. Its detection is easy." || set["lang"] != "en" {
		t.Errorf("the intrusion set: %v", set)
	}
	for _, o := range byID {
		switch o["type"] {
		case "relationship":
			target := byID[o["target_ref"].(string)]
			if o["source_ref"] != set["id"] || target == nil {
				t.Errorf("relationship %v points at %v", o["id"], o["target_ref"])
			}
		case "language-content":
			if byID[o["object_ref"].(string)] == nil {
				t.Errorf("language-content %v translates nothing in the bundle", o["id"])
			}
			fr := o["contents"].(map[string]any)["fr"].(map[string]any)
			if o["object_ref"] == set["id"] && fr["description"] != "APT99 n’existe que dans les tests. Sa détection est facile." {
				t.Errorf("the French description: %v", fr)
			}
		}
	}
}

// A bulletin's advisories: the translation refers to its original first
// and names its source language; each history is the bulletin's; each
// distribution lists its advisories, the latest first.
func TestCSAFAdvisoriesAndTheirDistributions(t *testing.T) {
	got := fixtureFiles(t, export.Options{})
	c := schemas(t)
	en := validate(t, c, csafSchemas+"csaf_json_schema.json", "en", got["en/csaf/2024/fixture-bulletin.json"])["document"].(map[string]any)
	fr := validate(t, c, csafSchemas+"csaf_json_schema.json", "fr", got["fr/csaf/2024/fixture-bulletin-fr-ca.json"])["document"].(map[string]any)
	if en["lang"] != "en-CA" || en["source_lang"] != nil || fr["lang"] != "fr-CA" || fr["source_lang"] != "en-CA" {
		t.Errorf("languages: en %v (source %v), fr %v (source %v)", en["lang"], en["source_lang"], fr["lang"], fr["source_lang"])
	}
	if first := fr["references"].([]any)[0].(map[string]any); first["url"] != baseURL+"en/csaf/2024/fixture-bulletin.json" {
		t.Errorf("the French advisory's first reference: %v", first)
	}
	var history []string
	for _, r := range en["tracking"].(map[string]any)["revision_history"].([]any) {
		history = append(history, r.(map[string]any)["number"].(string)+" "+r.(map[string]any)["date"].(string))
	}
	if want := []string{"1 2024-03-01T00:00:00.000Z", "2 2024-03-20T00:00:00.000Z", "3 2024-04-15T00:00:00.000Z"}; !slices.Equal(history, want) {
		t.Errorf("history %v, want %v", history, want)
	}
	// The publisher is named in the advisory's language.
	if name := fr["publisher"].(map[string]any)["name"]; name != "Centre canadien pour la cybersécurité" {
		t.Errorf("the French advisory's publisher: %v", name)
	}
	if got["en/csaf/index.txt"] != "2024/fixture-bulletin.json\n" || got["en/csaf/changes.csv"] != "2024/fixture-bulletin.json,2024-04-15T00:00:00.000Z\n" {
		t.Errorf("the English distribution:\n%s\n%s", got["en/csaf/index.txt"], got["en/csaf/changes.csv"])
	}
}

// changes.csv is sorted by current release, the latest first (CSAF
// requirement 13), index.txt by path; the distributions give each year's
// advisories, for the folders' listings.
func TestDistributionsAreSorted(t *testing.T) {
	bulletin := func(date, revisions string) string {
		return "+++\ntitle = \"B\"\ndescription = \"D.\"\ndate = " + date + "\n" + revisions + "+++\nText.\n"
	}
	site := loadSite(t, false, sitetest.Fixture, sitetest.Archive(map[string]string{
		"content/bulletins/older.en.md":  bulletin("2023-05-01", "lastmod = 2024-06-01\nrevisions = [2024-06-01]\n"),
		"content/bulletins/older.fr.md":  bulletin("2023-05-01", "lastmod = 2024-06-01\nrevisions = [2024-06-01]\n"),
		"content/bulletins/newest.en.md": bulletin("2024-05-01", ""),
		"content/bulletins/newest.fr.md": bulletin("2024-05-01", ""),
	}))
	got := files(t, write(t, site, export.Options{}))
	if want := "2023/older.json\n2024/fixture-bulletin.json\n2024/newest.json\n"; got["en/csaf/index.txt"] != want {
		t.Errorf("index.txt:\n%s\nwant:\n%s", got["en/csaf/index.txt"], want)
	}
	want := "2023/older.json,2024-06-01T00:00:00.000Z\n2024/newest.json,2024-05-01T00:00:00.000Z\n2024/fixture-bulletin.json,2024-04-15T00:00:00.000Z\n"
	if got["en/csaf/changes.csv"] != want {
		t.Errorf("changes.csv:\n%s\nwant:\n%s", got["en/csaf/changes.csv"], want)
	}
	if !strings.Contains(got[".well-known/csaf/provider-metadata.json"], `"last_updated": "2024-06-01T00:00:00.000Z"`) {
		t.Errorf("the provider metadata was not last updated with the latest release:\n%s", got[".well-known/csaf/provider-metadata.json"])
	}
	dists, err := export.Distributions(site, modelPages{site}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(dists) != 2 || dists[1].Lang != "fr" || !slices.Equal(dists[1].Years(), []string{"2024", "2023"}) {
		t.Fatalf("distributions: %+v", dists)
	}
	var fr []string
	for _, a := range dists[1].Advisories {
		fr = append(fr, a.Year()+" "+a.TrackingID+" "+a.RelURL)
	}
	if want := []string{"2023 older-fr-CA /fr/csaf/2023/older-fr-ca.json", "2024 newest-fr-CA /fr/csaf/2024/newest-fr-ca.json", "2024 fixture-bulletin-fr-CA /fr/csaf/2024/fixture-bulletin-fr-ca.json"}; !slices.Equal(fr, want) {
		t.Errorf("the French advisories:\n%s\nwant:\n%s", strings.Join(fr, "\n"), strings.Join(want, "\n"))
	}
}

// A timeline's CSV is safe to open in a spreadsheet: a cell that starts
// as a formula does is shown as text, in either language, and every
// character survives, quotes, commas and line ends included.
func TestTimelineCSVIsSafeInASpreadsheet(t *testing.T) {
	hostile := [][2]string{ // English, French
		{"=HYPERLINK(\"evil\", \"click\")", "=1+1"},
		{"+33 (0)1 dangerous", "-2-2"},
		{"@SUM(A1:A9), with a comma", "@INDIRECT(B2)"},
		{"Code `\"a\",\"b\"` as written", "Line one\rLine two"},
	}
	// What the page shows, and the CSV: straight quotes are typographic
	// ones outside code, and a lone CR is a line end, as in every text.
	shown := map[string]string{
		"=HYPERLINK(\"evil\", \"click\")": "=HYPERLINK(“evil”, “click”)",
		"Code `\"a\",\"b\"` as written":   `Code "a","b" as written`,
		"Line one\rLine two":              "Line one\nLine two",
	}
	var events strings.Builder
	for i, text := range hostile {
		fmt.Fprintf(&events, "\n[[events]]\nid = \"2020-01-0%d-hostile\"\ndate = 2020-01-0%d\ntext.en = %s\ntext.fr = %s\nnotes = [{ en = \"-note\", fr = \"=note\" }]\n",
			i+1, i+1, quote(text[0]), quote(text[1]))
	}
	got := files(t, write(t, loadSite(t, false, sitetest.Fixture, withEvents(events.String())), export.Options{}))
	for _, name := range []string{"en/timelines/fixture/timeline.csv", "fr/chronologies/chronologie-essai/timeline.csv"} {
		raw := got[name]
		if !strings.HasPrefix(raw, "\ufeff") {
			t.Errorf("%s has no byte-order mark: a spreadsheet would not read it as UTF-8", name)
		}
		rows := readCSV(t, name, raw)
		if len(rows) != 9 || !slices.Equal(rows[0], []string{"id", "date", "text", "organizations", "threat_actors", "notes", "url"}) {
			t.Fatalf("%s: %d rows, header %v", name, len(rows), rows[0])
		}
		texts := map[string]bool{}
		for _, row := range rows[1:] {
			if len(row) != 7 {
				t.Errorf("%s: a row of %d cells: %q", name, len(row), row)
			}
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: a cell a spreadsheet would run as a formula: %q", name, cell)
				}
			}
			texts[row[2]] = true
		}
		for _, text := range hostile {
			want := text[0]
			if strings.HasPrefix(name, "fr/") {
				want = text[1]
			}
			if s, ok := shown[want]; ok {
				want = s
			}
			if strings.ContainsRune("=+-@", rune(want[0])) {
				want = "'" + want
			}
			if !texts[want] {
				t.Errorf("%s: the text %q is not there, as text", name, want)
			}
		}
		// Rows end with CRLF; a line end in a cell is LF.
		if n := strings.Count(raw, "\r\n"); n != 9 {
			t.Errorf("%s: %d rows end with CRLF, want 9", name, n)
		}
	}
}

// A timeline's calendar reads in a calendar library: one all-day event
// for each event known to the day, its stamp the timeline's last change,
// every line folded at 75 octets without splitting a character, every
// text read back as it was (commas, semicolons, backslashes, characters
// of four octets).
func TestTimelineICalendarReadsBack(t *testing.T) {
	long := "Un événement décrit longuement, avec des accents à chaque mot : élévation, sécurité, défense, réseau, protégé, évité, dégradé, répété."
	site := loadSite(t, false, sitetest.Fixture, withEvents(`
[[events]]
id = "2023-02-01-long"
date = 2023-02-01
text.en = 'A long event; with a semicolon, a comma and a backslash \\. 🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒'
text.fr = `+quote(long)+"\n"))
	got := files(t, write(t, site, export.Options{}))
	for _, tc := range []struct{ name, lang, text string }{
		{"en/timelines/fixture/timeline.ics", "en", `A long event; with a semicolon, a comma and a backslash \. ` + strings.Repeat("🔒", 40)},
		{"fr/chronologies/chronologie-essai/timeline.ics", "fr", long},
	} {
		raw := got[tc.name]
		for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
			if len(line) > 75 || strings.ContainsAny(line, "\r\n") || !utf8.ValidString(line) {
				t.Errorf("%s line %d: %d octets, a bare line end or a character cut in two: %q", tc.name, i+1, len(line), line)
			}
		}
		cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var starts []string
		uids := map[string]bool{}
		for _, e := range cal.Events() {
			uid, _ := e.Props.Text(ical.PropUID)
			uids[uid] = true
			start := e.Props.Get(ical.PropDateTimeStart)
			if start.ValueType() != ical.ValueDate {
				t.Errorf("%s: %s is not an all-day event", tc.name, uid)
			}
			starts = append(starts, start.Value)
			if end := e.Props.Get(ical.PropDateTimeEnd); end.ValueType() != ical.ValueDate {
				t.Errorf("%s: %s ends at %v", tc.name, uid, end)
			}
			if stamp := e.Props.Get(ical.PropDateTimeStamp).Value; stamp != "20240305T000000Z" {
				t.Errorf("%s: stamp %s, want the timeline's last change", tc.name, stamp)
			}
			if uid == "fixture.2023-02-01-long."+tc.lang+"@cyber.example.ca" {
				if description, _ := e.Props.Text(ical.PropDescription); description != tc.text {
					t.Errorf("%s: the long event reads %q, want %q", tc.name, description, tc.text)
				}
				// The summary is the text, or its first 120 characters at
				// a word's end.
				summary, _ := e.Props.Text(ical.PropSummary)
				if utf8.RuneCountInString(tc.text) <= 120 && summary != tc.text ||
					utf8.RuneCountInString(tc.text) > 120 && (!strings.HasSuffix(summary, "…") || utf8.RuneCountInString(summary) > 121 || !strings.HasPrefix(tc.text, strings.TrimSuffix(summary, "…")+" ")) {
					t.Errorf("%s: the long event's summary is %q", tc.name, summary)
				}
			}
		}
		if want := []string{"20210301", "20220714", "20230201"}; !slices.Equal(starts, want) || len(uids) != 3 {
			t.Errorf("%s: events on %v with %d ids, want %v, each its own id", tc.name, starts, len(uids), want)
		}
		if name, _ := cal.Props.Text("X-WR-CALNAME"); name == "" {
			t.Errorf("%s: the calendar has no name", tc.name)
		}
	}
}

// A timeline whose events are known only by their month or year has a
// calendar all the same (its page links it), with no event in it.
func TestTimelineWithoutDaysHasAnEmptyCalendar(t *testing.T) {
	site := loadSite(t, true, sitetest.Fixture, sitetest.Archive(map[string]string{"data/timelines/months.toml": `title = { en = "Months", fr = "Mois" }
date = 2024-01-01
summary = { en = "Months only.", fr = "Des mois seulement." }

[[events]]
id = "2021-03-month"
date = "2021-03"
text = { en = "A month.", fr = "Un mois." }
`}))
	raw := files(t, write(t, site, export.Options{}))["en/timelines/months/timeline.ics"]
	cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	if len(cal.Events()) != 0 || cal.Props.Get(ical.PropProductID) == nil || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
		t.Errorf("the calendar:\n%s", raw)
	}
}
