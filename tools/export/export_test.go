package export_test

import (
	"encoding/csv"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
)

// fixtureFiles are the exports of the fixture site, written once.
func fixtureFiles(t *testing.T, opts export.Options) map[string]string {
	t.Helper()
	return files(t, write(t, loadSite(t, true, sitetest.Fixture), opts))
}

// The exports of the fixture are tools/render's golden files, which the
// build's golden test keeps: written here alone, they are the same bytes.
// (Against what the templates wrote before: the same JSON, with a line end
// after an advisory; a CSV's cells quoted only when they need it; a
// calendar's properties in go-ical's order, folded at 75 octets.)
func TestFixtureMatchesTheGoldenFiles(t *testing.T) {
	got := fixtureFiles(t, export.Options{})
	for _, name := range []string{
		"en/timelines/fixture/timeline.json",
		"en/threat-actors/apt99/stix.json",
		".well-known/csaf/provider-metadata.json",
		"fr/csaf/index.txt",
		"fr/csaf/2024/fixture-bulletin-fr-ca.json",
		"fr/chronologies/chronologie-essai/timeline.csv",
		"fr/csaf/changes.csv",
		"fr/chronologies/chronologie-essai/timeline.ics",
	} {
		if want := golden(t, name); got[name] != want {
			t.Errorf("%s differs from the golden file:\n%s", name, sitetest.FirstDiff(want, got[name]))
		}
	}
}

// readCSV reads a CSV file, its byte-order mark apart, as encoding/csv
// reads it.
func readCSV(t *testing.T, name, src string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(src, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// Every file is where its page is, in each language it is published in:
// the JSON and the bundle the same at each address; a translation's
// advisory named after its tracking id.
func TestFilesAreBesideTheirPages(t *testing.T) {
	got := fixtureFiles(t, export.Options{})
	want := []string{
		".well-known/csaf/provider-metadata.json", ".well-known/security.txt",
		"en/csaf/2024/fixture-bulletin.json", "en/csaf/2024/fixture-bulletin.json.sha256", "en/csaf/2024/fixture-bulletin.json.sha512",
		"en/csaf/changes.csv", "en/csaf/index.txt",
		"en/threat-actors/apt99/stix.json",
		"en/timelines/fixture/timeline.csv", "en/timelines/fixture/timeline.ics", "en/timelines/fixture/timeline.json",
		"fr/auteurs-de-menace/apt99/stix.json",
		"fr/chronologies/chronologie-essai/timeline.csv", "fr/chronologies/chronologie-essai/timeline.ics", "fr/chronologies/chronologie-essai/timeline.json",
		"fr/csaf/2024/fixture-bulletin-fr-ca.json", "fr/csaf/2024/fixture-bulletin-fr-ca.json.sha256", "fr/csaf/2024/fixture-bulletin-fr-ca.json.sha512",
		"fr/csaf/changes.csv", "fr/csaf/index.txt",
	}
	if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, want) {
		t.Errorf("files written:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for _, pair := range [][2]string{
		{"en/timelines/fixture/timeline.json", "fr/chronologies/chronologie-essai/timeline.json"},
		{"en/threat-actors/apt99/stix.json", "fr/auteurs-de-menace/apt99/stix.json"},
	} {
		if got[pair[0]] != got[pair[1]] {
			t.Errorf("%s and %s differ", pair[0], pair[1])
		}
	}
	if got["en/timelines/fixture/timeline.csv"] == got["fr/chronologies/chronologie-essai/timeline.csv"] {
		t.Error("the CSV is the same in both languages")
	}
}

// Each JSON file is valid against its schema: the project's for a
// timeline, the official ones for STIX (the bundle, and each object
// against its own type's, which the bundle's does not hold it to) and
// CSAF (each advisory, and the provider metadata).
func TestJSONMatchesItsSchema(t *testing.T) {
	c := schemas(t)
	counts := map[string]int{}
	csafFile := regexp.MustCompile(`^(en|fr)/csaf/(\d{4})/([^/]+)\.json$`)
	for name, src := range fixtureFiles(t, export.Options{}) {
		switch {
		case strings.HasSuffix(name, "/timeline.json"):
			timeline := validate(t, c, baseURL+"schemas/timeline.schema.json", name, src)
			if timeline["$schema"] != baseURL+"schemas/timeline.schema.json" {
				t.Errorf("%s: $schema %v", name, timeline["$schema"])
			}
			counts["timeline"]++
		case strings.HasSuffix(name, "/stix.json"):
			validateSTIX(t, c, name, src)
			counts["stix"]++
		case name == ".well-known/csaf/provider-metadata.json":
			validate(t, c, csafSchemas+"provider_json_schema.json", name, src)
			counts["provider"]++
		case csafFile.MatchString(name):
			m := csafFile.FindStringSubmatch(name)
			tracking := validate(t, c, csafSchemas+"csaf_json_schema.json", name, src)["document"].(map[string]any)["tracking"].(map[string]any)
			// Named after its tracking id (CSAF section 5.1), in the
			// folder of its first release's year (requirement 11).
			id := regexp.MustCompile(`[^+\-a-z0-9]+`).ReplaceAllString(strings.ToLower(tracking["id"].(string)), "_")
			if id != m[3] || !strings.HasPrefix(tracking["initial_release_date"].(string), m[2]) {
				t.Errorf("%s: tracking id %v, first released %v", name, tracking["id"], tracking["initial_release_date"])
			}
			counts["csaf"]++
		}
	}
	if want := map[string]int{"timeline": 2, "stix": 2, "provider": 1, "csaf": 2}; !maps.Equal(counts, want) {
		t.Errorf("files validated: %v, want %v", counts, want)
	}
}

// validateSTIX validates a bundle against the official schemas, and
// returns its objects by id.
func validateSTIX(t *testing.T, c *jsonschema.Compiler, name, src string) map[string]map[string]any {
	t.Helper()
	bundle := validate(t, c, stixSchemas+"common/bundle.json", name, src)
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
		byID[object["id"].(string)] = object
		schema, ok := schemaOf[kind]
		if !ok {
			t.Errorf("%s: unexpected object type %q", name, kind)
			continue
		}
		s, err := c.Compile(stixSchemas + schema)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(roundTrip(t, object)); err != nil {
			t.Errorf("%s: %s is not a valid %s:\n%v", name, object["id"], kind, err)
		}
	}
	return byID
}
