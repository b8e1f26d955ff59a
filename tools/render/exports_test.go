package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
)

const baseURL = "https://cyber.example.ca/"

// schemas compiles the official schemas and the project's.
func schemas(t *testing.T) *jsonschema.Compiler { return sitetest.JSONSchemas(t, baseURL) }

// validate validates a built file against a schema, and returns it decoded.
func validate(t *testing.T, c *jsonschema.Compiler, schema, file string) map[string]any {
	t.Helper()
	s, err := c.Compile(schema)
	if err != nil {
		t.Fatalf("compiling %s: %v", schema, err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("%s is not valid against %s:\n%v", file, schema, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// A timeline's JSON has both languages, is the same at both addresses, and
// is valid against the schema the repository documents it with.
func TestTimelineJSONMatchesItsSchema(t *testing.T) {
	public := builtSite(t)
	c := schemas(t)
	en := filepath.Join(public, "en/timelines/fixture/timeline.json")
	fr := filepath.Join(public, "fr/chronologies/chronologie-essai/timeline.json")
	timeline := validate(t, c, baseURL+"schemas/timeline.schema.json", en)
	if a, b := read(t, en), read(t, fr); a != b {
		t.Error("the timeline's JSON differs between its English and French addresses")
	}
	if timeline["$schema"] != baseURL+"schemas/timeline.schema.json" {
		t.Errorf("$schema: %v", timeline["$schema"])
	}
	events := timeline["events"].([]any)
	var dates []string
	for _, e := range events {
		event := e.(map[string]any)
		dates = append(dates, event["date"].(string))
		text := event["text"].(map[string]any)
		if text["en"] == "" || text["fr"] == "" {
			t.Errorf("event %v: a text in each language, got %v", event["id"], text)
		}
	}
	if want := []string{"2020", "2021-03-01", "2021-03", "2022-07-14"}; !slices.Equal(dates, want) {
		t.Errorf("events in order %v, want %v", dates, want)
	}
	sources := timeline["sources"].([]any)
	if first := sources[0].(map[string]any); len(sources) != 2 || first["date"] != "2021-06" || first["url"] != "https://example.org/source" {
		t.Errorf("sources: %v", sources)
	}
	if timeline["published"] != "2023-01-10" || timeline["modified"] != "2024-03-05" {
		t.Errorf("dates: %v, %v", timeline["published"], timeline["modified"])
	}
	// The schema is published with the site, at the address the files give.
	if _, err := os.Stat(filepath.Join(public, "schemas/timeline.schema.json")); err != nil {
		t.Error(err)
	}
}

// A threat actor's profile is a STIX 2.1 bundle, valid against the
// official schemas (the bundle, and each object against its own type's),
// the same at both addresses, its French in language-content objects.
func TestThreatActorsAreSTIXBundles(t *testing.T) {
	public := builtSite(t)
	file := filepath.Join(public, "en/threat-actors/apt99/stix.json")
	byID := validateSTIX(t, schemas(t), file)
	if read(t, file) != read(t, filepath.Join(public, "fr/auteurs-de-menace/apt99/stix.json")) {
		t.Error("the bundle differs between its English and French addresses")
	}
	types := map[string]int{}
	for _, o := range byID {
		types[o["type"].(string)]++
	}
	// The sponsor and two kinds of targets; a relationship with each; the
	// French of each, and of the intrusion set.
	if types["intrusion-set"] != 1 || types["identity"] != 3 || types["relationship"] != 3 || types["language-content"] != 4 {
		t.Errorf("objects by type: %v", types)
	}
	var set map[string]any
	for _, o := range byID {
		if o["type"] == "intrusion-set" {
			set = o
		}
	}
	if set["name"] != "APT99" || !slices.Equal(toStrings(set["aliases"]), []string{"Fixture Panda", "Example Typhoon"}) || set["description"] != "APT99 exists only in tests. Its detection is easy." {
		t.Errorf("the intrusion set: %v", set)
	}
	for _, o := range byID {
		switch o["type"] {
		case "relationship":
			target := byID[o["target_ref"].(string)]
			if o["source_ref"] != set["id"] || target == nil {
				t.Errorf("relationship %v points at %v", o["id"], o["target_ref"])
			}
			if o["relationship_type"] == "attributed-to" && target["name"] != "A fictional service" {
				t.Errorf("the sponsor: %v", target)
			}
			if o["relationship_type"] == "targets" && (target["identity_class"] != "class" || !slices.Contains([]any{"Test suites", "Continuous integration"}, target["name"])) {
				t.Errorf("a target: %v", target)
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

const stixSchemas = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

// validateSTIX validates a bundle against the official schemas: the
// bundle's, and each object's against its own type's, which the bundle's
// alone does not hold it to. It returns the objects by id.
func validateSTIX(t *testing.T, c *jsonschema.Compiler, file string) map[string]map[string]any {
	t.Helper()
	bundle := validate(t, c, stixSchemas+"common/bundle.json", file)
	schemaOf := map[string]string{
		"intrusion-set":    "sdos/intrusion-set.json",
		"identity":         "sdos/identity.json",
		"relationship":     "sros/relationship.json",
		"language-content": "common/language-content.json",
	}
	byID := map[string]map[string]any{}
	for _, o := range bundle["objects"].([]any) {
		object := o.(map[string]any)
		kind := object["type"].(string)
		if object["spec_version"] != "2.1" {
			t.Errorf("%s: %s: spec_version %v, want 2.1", file, object["id"], object["spec_version"])
		}
		byID[object["id"].(string)] = object
		schema, ok := schemaOf[kind]
		if !ok {
			t.Errorf("%s: unexpected object type %q", file, kind)
			continue
		}
		s, err := c.Compile(stixSchemas + schema)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(roundTrip(t, object)); err != nil {
			t.Errorf("%s: %s is not a valid %s:\n%v", file, object["id"], kind, err)
		}
	}
	return byID
}

// Every export of the project's site, as published, is valid against its
// schema: each timeline's JSON, each threat actor's STIX bundle, each CSAF
// advisory (named after its tracking id) and the provider metadata.
func TestRealSiteExportsMatchTheirSchemas(t *testing.T) {
	public := builtRealSite(t)
	c := schemas(t)
	const csafSchemas = "https://docs.oasis-open.org/csaf/csaf/v2.0/"
	counts := map[string]int{}
	csafFile := regexp.MustCompile(`^(en|fr)/csaf/(\d{4})/([^/]+)\.json$`)
	err := filepath.WalkDir(public, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(file, public+string(filepath.Separator)))
		switch {
		case d.Name() == "timeline.json":
			validate(t, c, baseURL+"schemas/timeline.schema.json", file)
			counts["timeline"]++
		case d.Name() == "stix.json":
			validateSTIX(t, c, file)
			counts["stix"]++
		case rel == ".well-known/csaf/provider-metadata.json":
			validate(t, c, csafSchemas+"provider_json_schema.json", file)
			counts["provider"]++
		case csafFile.MatchString(rel):
			m := csafFile.FindStringSubmatch(rel)
			tracking := validate(t, c, csafSchemas+"csaf_json_schema.json", file)["document"].(map[string]any)["tracking"].(map[string]any)
			id := regexp.MustCompile(`[^+\-a-z0-9]+`).ReplaceAllString(strings.ToLower(tracking["id"].(string)), "_")
			if id != m[3] || !strings.HasPrefix(tracking["initial_release_date"].(string), m[2]) {
				t.Errorf("%s: tracking id %v, first released %v", rel, tracking["id"], tracking["initial_release_date"])
			}
			counts["csaf"]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if counts["timeline"] < 2 || counts["stix"] < 4 || counts["provider"] != 1 || counts["csaf"] < 2 {
		t.Errorf("exports found: %v", counts)
	}
}

// Each bulletin is a CSAF 2.0 advisory in each language, valid against the
// official schema, published as CSAF's rules for a provider ask: named
// after its tracking id, in the folder of its year, listed in index.txt
// and changes.csv, the distributions named by the provider metadata.
func TestBulletinsAreCSAFAdvisories(t *testing.T) {
	public := builtSite(t)
	c := schemas(t)
	const csafSchemas = "https://docs.oasis-open.org/csaf/csaf/v2.0/"
	metadata := validate(t, c, csafSchemas+"provider_json_schema.json", filepath.Join(public, ".well-known/csaf/provider-metadata.json"))
	if metadata["role"] != "csaf_provider" || metadata["last_updated"] != "2024-04-15T00:00:00.000Z" {
		t.Errorf("provider metadata: %v", metadata)
	}
	var dirs []string
	for _, d := range metadata["distributions"].([]any) {
		dirs = append(dirs, d.(map[string]any)["directory_url"].(string))
	}
	if want := []string{baseURL + "en/csaf/", baseURL + "fr/csaf/"}; !slices.Equal(dirs, want) {
		t.Fatalf("distributions %v, want %v", dirs, want)
	}
	advisories := map[string]map[string]any{} // by address
	for _, dir := range dirs {
		local := filepath.Join(public, strings.TrimPrefix(dir, baseURL))
		index := strings.Fields(read(t, filepath.Join(local, "index.txt")))
		if len(index) != 1 {
			t.Fatalf("%sindex.txt: %v", dir, index)
		}
		rows, err := csv.NewReader(strings.NewReader(read(t, filepath.Join(local, "changes.csv")))).ReadAll()
		if err != nil || len(rows) != 1 || rows[0][0] != index[0] {
			t.Fatalf("%schanges.csv: %v, %v", dir, rows, err)
		}
		doc := validate(t, c, csafSchemas+"csaf_json_schema.json", filepath.Join(local, index[0]))
		document := doc["document"].(map[string]any)
		tracking := document["tracking"].(map[string]any)
		// The file's name is its tracking id's (CSAF section 5.1), its
		// folder the year of its first release (requirement 11).
		name := regexp.MustCompile(`[^+\-a-z0-9]+`).ReplaceAllString(strings.ToLower(tracking["id"].(string)), "_") + ".json"
		if want := tracking["initial_release_date"].(string)[:4] + "/" + name; index[0] != want {
			t.Errorf("%s: the advisory is at %s, want %s", dir, index[0], want)
		}
		if rows[0][1] != tracking["current_release_date"] {
			t.Errorf("changes.csv gives %s, the advisory %s", rows[0][1], tracking["current_release_date"])
		}
		if _, err := os.Stat(filepath.Join(local, filepath.Dir(index[0]), "index.html")); err != nil {
			t.Errorf("the year's folder has no listing: %v", err)
		}
		advisories[dir+index[0]] = document
	}
	en := advisories[baseURL+"en/csaf/2024/fixture-bulletin.json"]
	fr := advisories[baseURL+"fr/csaf/2024/fixture-bulletin-fr-ca.json"]
	if en == nil || fr == nil {
		t.Fatalf("advisories: %v", slices.Sorted(func(yield func(string) bool) {
			for k := range advisories {
				yield(k)
			}
		}))
	}
	if en["lang"] != "en-CA" || en["source_lang"] != nil || en["category"] != "csaf_informational_advisory" {
		t.Errorf("the English advisory: lang %v, source_lang %v, category %v", en["lang"], en["source_lang"], en["category"])
	}
	if fr["lang"] != "fr-CA" || fr["source_lang"] != "en-CA" || fr["title"] != "Bulletin d’essai" {
		t.Errorf("the French advisory: lang %v, source_lang %v, title %v", fr["lang"], fr["source_lang"], fr["title"])
	}
	// A translation refers to its original first (CSAF section 9.1.9).
	if first := fr["references"].([]any)[0].(map[string]any); first["url"] != baseURL+"en/csaf/2024/fixture-bulletin.json" {
		t.Errorf("the French advisory's first reference: %v", first)
	}
	// Its history is the bulletin's: published, then each revision.
	tracking := en["tracking"].(map[string]any)
	var history []string
	for _, r := range tracking["revision_history"].([]any) {
		history = append(history, r.(map[string]any)["number"].(string)+" "+r.(map[string]any)["date"].(string))
	}
	want := []string{"1 2024-03-01T00:00:00.000Z", "2 2024-03-20T00:00:00.000Z", "3 2024-04-15T00:00:00.000Z"}
	if tracking["version"] != "3" || tracking["current_release_date"] != "2024-04-15T00:00:00.000Z" || !slices.Equal(history, want) {
		t.Errorf("tracking: version %v, current %v, history %v, want version 3 and %v", tracking["version"], tracking["current_release_date"], history, want)
	}
}

// A timeline's CSV is safe to open in a spreadsheet: a cell that starts
// as a formula does is shown as text, in either language, and every
// character survives, quotes, commas and line ends included.
func TestTimelineCSVIsSafeInASpreadsheet(t *testing.T) {
	hostile := [][2]string{ // English, French
		{"=HYPERLINK(A1, click)", "=1+1"},
		{"+33 (0)1 dangerous", "-2-2"},
		{"@SUM(A1:A9), with a comma", "@INDIRECT(B2)"},
	}
	var events strings.Builder
	for i, text := range hostile {
		fmt.Fprintf(&events, "\n[[events]]\nid = \"2020-01-0%d-hostile\"\ndate = 2020-01-0%d\ntext.en = %s\ntext.fr = %s\n", i+1, i+1, quote(text[0]), quote(text[1]))
	}
	files := sitetest.Files(sitetest.Fixture)
	timeline := files["data/timelines/fixture.toml"] + events.String()
	dest := filepath.Join(t.TempDir(), "public")
	root := sitetest.New(t, sitetest.Archive(map[string]string{"data/timelines/fixture.toml": timeline}))
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"en/timelines/fixture/timeline.csv", "fr/chronologies/chronologie-essai/timeline.csv"} {
		raw := read(t, filepath.Join(dest, file))
		body, ok := strings.CutPrefix(raw, "\ufeff")
		if !ok {
			t.Errorf("%s has no byte-order mark: a spreadsheet would not read it as UTF-8", file)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(rows) != 8 || !slices.Equal(rows[0], []string{"id", "date", "text", "organizations", "threat_actors", "notes", "url"}) {
			t.Fatalf("%s: %d rows, header %v", file, len(rows), rows[0])
		}
		texts := map[string]bool{}
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: a cell a spreadsheet would run as a formula: %q", file, cell)
				}
			}
			texts[row[2]] = true
		}
		for _, text := range hostile {
			want := text[0]
			if strings.HasPrefix(file, "fr/") {
				want = text[1]
			}
			if !texts["'"+want] {
				t.Errorf("%s: the text %q is not there, quoted as text", file, want)
			}
		}
		if !strings.Contains(raw, "\r\n") || strings.Count(raw, "\r\n") != 8 {
			t.Errorf("%s: rows end with CRLF (RFC 4180), %d found", file, strings.Count(raw, "\r\n"))
		}
	}
}

// A timeline's iCalendar reads in a calendar library: one all-day event
// for each event known to the day, its stamp the timeline's last change,
// every line folded at 75 octets without splitting a character.
func TestTimelineICalendar(t *testing.T) {
	long := "Un événement décrit longuement, avec des accents à chaque mot : élévation, sécurité, défense, réseau, protégé, évité, dégradé, répété."
	files := sitetest.Files(sitetest.Fixture)
	timeline := files["data/timelines/fixture.toml"] + `
[[events]]
id = "2023-02-01-long"
date = 2023-02-01
text.en = 'A long event; with a semicolon, a comma and a backslash \\. 🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒'
text.fr = ` + quote(long) + "\n"
	dest := filepath.Join(t.TempDir(), "public")
	root := sitetest.New(t, sitetest.Archive(map[string]string{"data/timelines/fixture.toml": timeline}))
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, lang, text string }{
		{"en/timelines/fixture/timeline.ics", "en", `A long event; with a semicolon, a comma and a backslash \. ` + strings.Repeat("🔒", 40)},
		{"fr/chronologies/chronologie-essai/timeline.ics", "fr", long},
	} {
		raw := read(t, filepath.Join(dest, tc.file))
		for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
			if len(line) > 75 || strings.Contains(line, "\n") || !utf8.ValidString(line) {
				t.Errorf("%s line %d: %d octets, a bare line end or a character cut in two: %q", tc.file, i+1, len(line), line)
			}
		}
		cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		events := cal.Events()
		uids := map[string]bool{}
		var starts []string
		for _, e := range events {
			uid, _ := e.Props.Text(ical.PropUID)
			uids[uid] = true
			start := e.Props.Get(ical.PropDateTimeStart)
			if start.ValueType() != ical.ValueDate {
				t.Errorf("%s: %s is not an all-day event", tc.file, uid)
			}
			starts = append(starts, start.Value)
			if stamp := e.Props.Get(ical.PropDateTimeStamp).Value; stamp != "20240305T000000Z" {
				t.Errorf("%s: stamp %s, want the timeline's last change", tc.file, stamp)
			}
			if uid == "fixture.2023-02-01-long."+tc.lang+"@cyber.example.ca" {
				if summary, _ := e.Props.Text(ical.PropDescription); summary != tc.text {
					t.Errorf("%s: the long event reads %q, want %q", tc.file, summary, tc.text)
				}
			}
		}
		if want := []string{"20210301", "20220714", "20230201"}; !slices.Equal(starts, want) || len(uids) != 3 {
			t.Errorf("%s: events on %v with %d ids, want %v, each its own id", tc.file, starts, len(uids), want)
		}
	}
}

func read(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func quote(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a TOML basic string
	return string(b)
}

func roundTrip(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func toStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

// A page Hugo does not publish in a language has no exports there: a
// bulletin in English alone (the preview's case, or plain Hugo's) has no
// French advisory.
func TestExportsFollowThePagesHugoPublishes(t *testing.T) {
	root := sitetest.New(t, sitetest.Fixture)
	if err := os.Remove(filepath.Join(root, "content/bulletins/fixture-bulletin.fr.md")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := render.Build(root, dest, render.BuildOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "en/csaf/2024/fixture-bulletin.json")); err != nil {
		t.Errorf("the English advisory: %v", err)
	}
	if index := sitetest.Read(t, dest, "fr/csaf/index.txt"); index != "" {
		t.Errorf("the French distribution lists %q", index)
	}
	entries, err := os.ReadDir(filepath.Join(dest, "fr/csaf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("the French distribution has a folder %s", e.Name())
		}
	}
}
