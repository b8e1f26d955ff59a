package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/render"
	"golang.org/x/tools/txtar"
)

// TestBadInput builds the fixture site with each archive of testdata/bad
// laid over it: its comment says what the bad input is, its files are the
// input, and its "want" file the exact problems that site build must
// report, one per line, and no others. The build must fail without
// touching the previous public/.
func TestBadInput(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.txtar"))
	if len(cases) == 0 {
		t.Fatal("no case in testdata/bad")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			archive, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			input := &txtar.Archive{}
			for _, f := range archive.Files {
				if f.Name == "want" {
					want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
					continue
				}
				input.Files = append(input.Files, f)
			}
			if want == nil {
				t.Fatalf("%s has no want file", file)
			}
			root := fixture(t, string(txtar.Format(input)))
			expectRefused(t, root, want)
		})
	}
}

// expectRefused builds the site at root over a previous public/, and
// checks that the build fails with exactly the wanted problems and leaves
// public/ as it was.
func expectRefused(t *testing.T, root string, want []string) {
	t.Helper()
	previousSite(t, root, "the previous site")
	code, stdout, stderr := runSite(t, "build", "--source", root)
	if code != 1 {
		t.Errorf("exit status %d, want 1\n%s%s", code, stdout, stderr)
	}
	var got []string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "  ") || line == "" || strings.Contains(line, " errors, ") || strings.Contains(line, " error, ") {
			continue // a problem's context, or the count
		}
		got = append(got, line)
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	previousSiteKept(t, root, "the previous site")
}

// previousSite writes public/ as an earlier build would have left it, with
// one index.html.
func previousSite(t *testing.T, root, index string) {
	t.Helper()
	sitetest.Write(t, root, map[string]string{"public/index.html": index})
	if err := render.MarkOutput(filepath.Join(root, "public")); err != nil {
		t.Fatal(err)
	}
}

// previousSiteKept fails when public/ holds anything but its one
// index.html, with the text previousSite put there before a failed build.
func previousSiteKept(t *testing.T, root, index string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(root, "public"))
	if got, _ := os.ReadFile(filepath.Join(root, "public", "index.html")); string(got) != index || len(entries) != 2 {
		t.Errorf("public/ changed: index.html is %q, %d entries", got, len(entries))
	}
}

// TestBadFiles are the bad inputs an archive cannot hold: a huge file,
// deep nesting, a folder or a link where a file is expected.
func TestBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string)
		want  []string
	}{
		{
			name: "a 50 MB file",
			setup: func(t *testing.T, root string) {
				src := "title = { en = \"Huge\", fr = \"Énorme\" }\n" + strings.Repeat("# a line pasted again and again, to make the file huge\n", 50<<20/55)
				sitetest.Write(t, root, map[string]string{"data/timelines/huge.toml": src})
			},
			want: []string{"data/timelines/huge.toml: cannot read the file: it is 50.0 MB, more than the 8 MB a file of the site may be; split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake"},
		},
		{
			name: "arrays nested a hundred thousand deep",
			setup: func(t *testing.T, root string) {
				src := "title = { en = \"Deep\", fr = \"Profond\" }\nsources = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
				sitetest.Write(t, root, map[string]string{"data/timelines/deep.toml": src})
			},
			want: []string{"data/timelines/deep.toml:2:27: values are nested more than 16 deep here; a site's data needs a few levels of [ ] and { } at most: close the ones opened by mistake"},
		},
		{
			name: "tables nested a hundred thousand deep",
			setup: func(t *testing.T, root string) {
				src := "title = { en = \"Deep\", fr = \"Profond\" }\nsummary = " + strings.Repeat("{ a = ", 100000) + "1" + strings.Repeat(" }", 100000) + "\n"
				sitetest.Write(t, root, map[string]string{"data/timelines/deep.toml": src})
			},
			want: []string{"data/timelines/deep.toml:2:107: values are nested more than 16 deep here; a site's data needs a few levels of [ ] and { } at most: close the ones opened by mistake"},
		},
		{
			name: "a folder where a file is expected",
			setup: func(t *testing.T, root string) {
				sitetest.Write(t, root, map[string]string{"data/timelines/folder.toml/note.txt": "a file in a folder named like a data file"})
			},
			want: []string{"data/timelines/folder.toml: cannot read the file: it is a folder, where a file is expected; move what the folder holds elsewhere, and remove it"},
		},
		{
			name: "a link to a file outside the project",
			setup: func(t *testing.T, root string) {
				outside := filepath.Join(t.TempDir(), "outside.toml")
				if err := os.WriteFile(outside, []byte(sitetest.Files(sitetest.Fixture)["data/timelines/fixture.toml"]), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(root, "data", "timelines", "linked.toml")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"data/timelines/linked.toml: cannot read the file: it is a symbolic link to a file outside the project; copy the file into the project instead of linking to it"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := fixture(t)
			tc.setup(t, root)
			expectRefused(t, root, tc.want)
		})
	}
}
