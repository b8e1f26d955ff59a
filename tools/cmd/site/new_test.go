package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// site new writes a skeleton of every kind of the model, and of an event;
// site check then points into each of them, only at the texts left to
// write; once they are written, the content is valid.
func TestNewWritesSkeletonsThatCheckPointsAt(t *testing.T) {
	root := fixture(t)
	p, problems := project.Open(root)
	if problems != nil {
		t.Fatal(problems)
	}
	c := &newCommand{source: root, now: func() time.Time { return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC) }}
	var out, errOut bytes.Buffer
	written := map[string]bool{}
	names := append(p.Model.Names(), "event")
	for _, kind := range names {
		name := "new-" + kind
		c.date = ""
		if kind == "event" {
			name, c.date = "new-timeline", "2024-04"
		}
		out.Reset()
		if err := c.execute([]string{kind, name}, &out, &errOut); err != nil {
			t.Fatalf("new %s: %v", kind, err)
		}
		for _, f := range strings.Split(strings.TrimPrefix(strings.Split(out.String(), ":")[0], "wrote "), ", ") {
			written[f] = true
		}
		// Doing it again is refused: nothing is overwritten.
		if err := c.execute([]string{kind, name}, &out, &errOut); err == nil {
			t.Errorf("new %s %s a second time: no error", kind, name)
		}
	}
	if err := c.execute([]string{"event", "no-such-timeline"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), `site new timeline no-such-timeline`) {
		t.Errorf("an event for a missing timeline: %v", err)
	}
	// 2 data files of their own, 3 files of tables, 2 pages of each of 3 kinds.
	if len(written) != 11 {
		t.Errorf("wrote %d files: %v", len(written), written)
	}

	code, _, stderr := runSite(t, "check", "--source", root)
	if code != 1 {
		t.Fatalf("check of the skeletons: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		file, _, _ := strings.Cut(line, ":")
		if strings.Contains(line, "errors,") {
			continue
		}
		if !written[file] {
			t.Errorf("a problem outside the new files: %s", line)
		}
		if !strings.Contains(line, "empty") && !strings.Contains(line, "has no text") {
			t.Errorf("a problem other than a text to write: %s", line)
		}
	}
	for f := range written {
		if !strings.Contains(stderr, f+":") {
			t.Errorf("check says nothing of %s", f)
		}
	}

	// Once the texts are written, the content is valid.
	fill := strings.NewReplacer(`= """`+"\n"+`"""`, `= """`+"\nFilled\n"+`"""`, `= ""`+"\n", `= "Filled"`+"\n")
	for f := range written {
		filled := fill.Replace(sitetest.Read(t, root, f))
		if strings.HasSuffix(f, ".md") {
			filled += "Filled\n"
		}
		sitetest.Write(t, root, map[string]string{f: filled})
	}
	if code, _, stderr := runSite(t, "check", "--source", root); code != 0 {
		t.Errorf("check of the filled skeletons: exit %d\n%s", code, stderr)
	}
}

// An event added to a CRLF timeline has CRLF line ends too.
func TestNewEventKeepsTheLineEnds(t *testing.T) {
	root := fixture(t)
	src := strings.ReplaceAll(sitetest.Read(t, root, "data/timelines/fixture.toml"), "\n", "\r\n")
	sitetest.Write(t, root, map[string]string{"data/timelines/fixture.toml": src})
	mustRun(t, "new", "event", "fixture", "--date", "2024-03-01", "--source", root)
	if got := sitetest.Read(t, root, "data/timelines/fixture.toml"); strings.Count(got, "\n") != strings.Count(got, "\r\n") || !strings.Contains(got, "id = \"2024-03-01-new-event\"\r\n") {
		t.Errorf("the timeline's line ends after site new event:\n%q", got[len(src):])
	}
}

// A new publication in a section that has no pages of its own yet gets
// them too, so that its section has a title in every language.
func TestNewWritesTheSectionPages(t *testing.T) {
	root := fixture(t)
	for _, lang := range []string{"en", "fr"} {
		if err := os.Remove(filepath.Join(root, "content", "backgrounders", "_index."+lang+".md")); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, "new", "backgrounder", "second", "--date", "2024-03-01", "--source", root)
	for _, f := range []string{"content/backgrounders/second.en.md", "content/backgrounders/_index.en.md", "content/backgrounders/second.fr.md", "content/backgrounders/_index.fr.md"} {
		if !strings.Contains(out, f) {
			t.Errorf("%s is not written: %s", f, out)
		}
	}
	if src := sitetest.Read(t, root, "content/backgrounders/_index.fr.md"); !strings.Contains(src, "title = \"\"") || !strings.Contains(src, "Français (fr)") {
		t.Errorf("the French section page:\n%s", src)
	}
}

func TestNewRefusesWhatCannotBe(t *testing.T) {
	root := fixture(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "advisory", "x"}, `unknown kind "advisory": the kinds are timeline, bulletin, report, backgrounder, measure, threat-actor, term, organization, event`},
		{[]string{"new", "measure", "use-mfa"}, `data/mitigations.toml: the measure id "use-mfa" is taken: choose another`},
		{[]string{"new", "event", "fixture", "--id", "2020-year-only"}, `data/timelines/fixture.toml: the event id "2020-year-only" is taken: give the new one another with --id`},
		{[]string{"new", "bulletin", "Bad Name"}, `"Bad Name" cannot be part of an address`},
		// Written, then refused by site check: Hugo's name for a folder's page.
		{[]string{"new", "bulletin", "index"}, `"index" cannot be part of an address: "index" is the name Hugo gives a folder's own page: add a word to it`},
		{[]string{"new", "report", "nul"}, `"nul" cannot be part of an address: "nul" is a name Windows keeps for a device`},
		{[]string{"new", "bulletin", "b", "--date", "2024-03"}, `--date "2024-03" is not a day`},
		{[]string{"new", "backgrounder", "fixture-backgrounder"}, `content/backgrounders/fixture-backgrounder.en.md exists already`},
	} {
		code, _, stderr := runSite(t, append(tc.args, "--source", root)...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("site %s: exit %d, want %q:\n%s", strings.Join(tc.args, " "), code, tc.want, stderr)
		}
	}
}
