package render_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"golang.org/x/net/html"
)

// hostile is what a text pasted from a web page or a malicious document
// can hold: markup that runs, links that run, a comment, a spreadsheet
// formula, and line ends that would start new iCalendar properties.
const hostile = `Pasted <script>alert(1)</script> <img src=x onerror="alert(2)"> [a link](javascript:alert(3)) ![an image](data:text/html;base64,PHNjcmlwdD4=) <!-- hidden --> and </textarea></script></title>]]>`

// hostileSite is the fixture site with hostile texts in every kind of
// field, in both languages. site check refuses them (see testdata/bad of
// the site command); this site is built by Hugo alone, as someone who
// skips the check would, so that the templates themselves are shown to
// keep every output harmless.
func builtHostileSite(t *testing.T) string {
	t.Helper()
	hostileBuild.Do(func() {
		quoted := strings.ReplaceAll(hostile, `"`, `\"`)
		root := sitetest.New(t, sitetest.Fixture, sitetest.Archive(map[string]string{
			"data/timelines/hostile.toml": `title.en = "Hostile <script>alert(4)</script>\r\nATTACH:https://evil.example/"
title.fr = "Hostile <b onmouseover=alert(5)>"
date = 2024-03-01
summary = { en = "` + quoted + `", fr = "` + quoted + `" }
sources = [ { title = { en = "` + quoted + `", fr = "` + quoted + `" }, url = "https://example.org/" } ]

[[events]]
id = "2024-03-01-formula"
date = 2024-03-01
actors = ["hoc"]
threat_actors = ["apt99"]
text.en = "=HYPERLINK(\"https://evil.example/\",\"click\")"
text.fr = "@SUM(1+1)*cmd|' /C calc'!A0"
notes = [ { en = "-2+3", fr = "+2+3" } ]

[[events]]
id = "2024-03-02-markup"
date = 2024-03-02
text.en = "` + quoted + `"
text.fr = "` + quoted + `\rATTACH:https://evil.example/"
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
		// Hugo warns that it left raw HTML out; this build goes on, as
		// plain Hugo does by default.
		config := filepath.Join(root, "ignore-raw-html.toml")
		hostileErr = os.WriteFile(config, []byte("ignoreLogs = ['warning-goldmark-raw-html']\n"), 0o644)
		var dir string
		if hostileErr == nil {
			dir, hostileErr = os.MkdirTemp("", "hostile-site-") // kept for the other tests
		}
		if hostileErr == nil {
			tempDirs = append(tempDirs, dir)
			hostilePublic = filepath.Join(dir, "public")
			hostileErr = render.Build(root, hostilePublic, render.BuildOptions{Quiet: true, Minify: true, ExtraConfig: config})
		}
	})
	if hostileErr != nil {
		t.Fatal(hostileErr)
	}
	return hostilePublic
}

var (
	hostileBuild  sync.Once
	hostilePublic string
	hostileRead   sync.Once
	hostileTree   map[string]string // every file of the output, read once
	hostileErr    error
)

// hostileFiles returns the built files whose names end with ext.
func hostileFiles(t *testing.T, ext string) map[string]string {
	t.Helper()
	public := builtHostileSite(t)
	hostileRead.Do(func() { hostileTree = sitetest.Snapshot(t, public) })
	files := map[string]string{}
	for name, src := range hostileTree {
		if strings.HasSuffix(name, ext) {
			files[name] = src
		}
	}
	if len(files) == 0 {
		t.Fatalf("no %s file was built", ext)
	}
	return files
}

// checkHTML fails when HTML holds anything that runs or hides: a script
// other than the site's own, an event handler, a javascript: or data: link,
// a comment.
func checkHTML(t *testing.T, name string, n *html.Node) {
	t.Helper()
	sitetest.Elements(n, func(e *html.Node) {
		if e.Data == "script" {
			if src := sitetest.Attr(e, "src"); src == "" && sitetest.Attr(e, "type") != "application/ld+json" || strings.Contains(src, ":") {
				t.Errorf("%s: a script that is not the site's: %s", name, sitetest.Text(e))
			}
			if sitetest.Attr(e, "type") == "application/ld+json" && !json.Valid([]byte(sitetest.Text(e))) {
				t.Errorf("%s: JSON-LD that is not JSON (a text closed its script?): %s", name, sitetest.Text(e))
			}
		}
		for _, a := range e.Attr {
			value := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(a.Key, "on") || (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(value, "javascript:") || strings.HasPrefix(value, "data:")) {
				t.Errorf("%s: <%s %s=%q>", name, e.Data, a.Key, a.Val)
			}
		}
	})
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.CommentNode && strings.Contains(n.Data, "hidden") {
			t.Errorf("%s: the text's comment is in the page: <!--%s-->", name, n.Data)
		}
		for c := range n.ChildNodes() {
			walk(c)
		}
	}
	walk(n)
}

func parseHTML(t *testing.T, name, src string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func TestHostileTextIsHarmlessInHTML(t *testing.T) {
	files := hostileFiles(t, ".html")
	for name, src := range files {
		checkHTML(t, name, parseHTML(t, name, src))
	}
	// The texts are there, as text: nothing was lost but the markup.
	page := files["en/timelines/hostile/index.html"]
	if !strings.Contains(page, "Pasted") || !strings.Contains(page, "Hostile &lt;script>alert(4)&lt;/script>") {
		t.Errorf("the hostile timeline's page lost its texts:\n%s", page)
	}
}

// Atom's titles and summaries are text (no type attribute): a feed reader
// shows them as they are. The feed must stay XML, with no tag of a text
// in it.
func TestHostileTextIsHarmlessInAtom(t *testing.T) {
	feeds := 0
	for name, src := range hostileFiles(t, ".xml") {
		if !strings.Contains(src, "<feed") {
			continue // a sitemap
		}
		feeds++
		var feed struct {
			Entries []struct {
				Title struct {
					Type string `xml:"type,attr"`
				} `xml:"title"`
				Summary struct {
					Type string `xml:"type,attr"`
				} `xml:"summary"`
				Content *struct{} `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(src), &feed); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		for _, e := range feed.Entries {
			if e.Title.Type != "" || e.Summary.Type != "" || e.Content != nil {
				t.Errorf("%s: an entry has HTML in it, which this test does not check", name)
			}
		}
		if strings.Contains(src, "<script") || strings.Contains(src, "<img") || strings.Contains(src, "<!-- hidden") {
			t.Errorf("%s has a text's markup as markup", name)
		}
	}
	if feeds == 0 || !strings.Contains(hostileFiles(t, ".xml")["en/feed.xml"], "alert(") {
		t.Error("no feed has the hostile texts")
	}
}

// In JSON, texts are Markdown as written (docs/exports.md): whoever
// renders them must escape them as any text. What the format itself must
// do is keep them strings, with no < that an HTML page embedding the JSON
// would take for a tag.
func checkJSON(t *testing.T, which func(name string) bool) {
	t.Helper()
	checked, hostile := 0, 0
	for name, src := range hostileFiles(t, ".json") {
		if !which(name) {
			continue
		}
		checked++
		if strings.Contains(src, "alert(") {
			hostile++
		}
		if !json.Valid([]byte(src)) {
			t.Errorf("%s is not valid JSON", name)
		}
		if strings.Contains(src, "<script") || strings.Contains(src, "</") {
			t.Errorf("%s has a raw tag in it", name)
		}
	}
	if checked == 0 || hostile == 0 {
		t.Errorf("%d such files were built, %d with the hostile texts", checked, hostile)
	}
}

func TestHostileTextIsHarmlessInTimelineJSON(t *testing.T) {
	checkJSON(t, func(name string) bool { return strings.HasSuffix(name, "/timeline.json") })
}

func TestHostileTextIsHarmlessInSTIX(t *testing.T) {
	checkJSON(t, func(name string) bool { return strings.HasSuffix(name, "/stix.json") })
}

func TestHostileTextIsHarmlessInCSAF(t *testing.T) {
	checkJSON(t, func(name string) bool { return strings.Contains(name, "csaf/") })
}

func TestHostileTextIsHarmlessInCSV(t *testing.T) {
	files := hostileFiles(t, ".csv")
	if !strings.Contains(files["en/timelines/hostile/timeline.csv"], `"'=HYPERLINK(`) {
		t.Error("the formula is not in the CSV, as text")
	}
	for name, src := range files {
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(src, "\ufeff")))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: a spreadsheet would run the cell %q", name, cell)
				}
				if strings.Contains(cell, "<script") || strings.Contains(cell, "onerror") {
					t.Errorf("%s: markup in the cell %q", name, cell)
				}
			}
		}
	}
}

func TestHostileTextIsHarmlessInICalendar(t *testing.T) {
	properties := []string{"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"}
	files := hostileFiles(t, ".ics")
	if !strings.Contains(strings.ReplaceAll(files["fr/chronologies/hostile/timeline.ics"], "\r\n ", ""), `\nATTACH:https://evil.example/`) {
		t.Error("the text with a CR is not in the calendar, as text")
	}
	for name, src := range files {
		if strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\r") || strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\n") {
			t.Errorf("%s has a line end that is not CRLF", name)
		}
		for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n ", ""), "\r\n") {
			property, _, _ := strings.Cut(line, ":")
			property, _, _ = strings.Cut(property, ";")
			if line != "" && !slices.Contains(properties, property) {
				t.Errorf("%s: a text made the line %q", name, line)
			}
			if strings.Contains(line, "<script") || strings.Contains(line, "onerror") {
				t.Errorf("%s: markup in %q", name, line)
			}
		}
	}
}

// Each format is checked on the hostile texts' own files.
func TestHostileSiteHasEveryFormat(t *testing.T) {
	for _, name := range []string{"en/timelines/hostile/index.html", "en/bulletins/hostile/index.html", "en/timelines/hostile/timeline.json",
		"en/timelines/hostile/timeline.csv", "fr/chronologies/hostile/timeline.ics", "en/threat-actors/apt99/stix.json"} {
		if _, err := os.Stat(filepath.Join(builtHostileSite(t), name)); err != nil {
			t.Error(err)
		}
	}
	if _, ok := hostileFiles(t, ".json")["en/csaf/2024/hostile.json"]; !ok {
		t.Error("the hostile bulletin has no CSAF advisory")
	}
}

// The nginx block of docs/deploy.md sends the same headers as
// static/_headers, which the browser tests check the pages against.
func TestNginxHeadersAreTheSiteHeaders(t *testing.T) {
	want := siteHeaders(filepath.Join(sitetest.Root(t), "static"))
	for _, name := range []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"} {
		if want[name] == "" {
			t.Errorf("static/_headers has no %s", name)
		}
	}
	doc := read(t, filepath.Join(sitetest.Root(t), "docs", "deploy.md"))
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`add_header ([\w-]+) "([^"]*)" always;`).FindAllStringSubmatch(doc, -1) {
		got[m[1]] = m[2]
	}
	if !maps.Equal(got, want) {
		t.Errorf("docs/deploy.md's nginx headers:\n%v\nstatic/_headers:\n%v", got, want)
	}
}
