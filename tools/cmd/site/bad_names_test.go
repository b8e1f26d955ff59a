package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// backgrounder is a backgrounder's file in a language, with a title of its own.
func backgrounder(lang, title string) string {
	return "+++\ntitle = \"" + title + " " + lang + "\"\ndescription = \"A backgrounder.\"\ndate = 2024-03-01\n+++\nA backgrounder.\n"
}

// bothLanguages writes a backgrounder's two files under a file name.
func bothLanguages(t *testing.T, root, name, title string) {
	t.Helper()
	sitetest.Write(t, root, map[string]string{
		"content/backgrounders/" + name + ".en.md": backgrounder("en", title),
		"content/backgrounders/" + name + ".fr.md": backgrounder("fr", title),
	})
}

// sameNamesOnDisk stops a test on a file system that would make one file of
// two names (case-insensitive, or normalising Unicode): there the editor's
// own system already refuses the second file.
func sameNamesOnDisk(t *testing.T, root string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "content", "backgrounders"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if !slices.ContainsFunc(entries, func(e os.DirEntry) bool { return e.Name() == name+".en.md" }) {
			t.Skipf("this file system keeps %q and another name as one file", name)
		}
	}
}

// TestBadFileNames are the file names an archive cannot hold, or not
// safely: names that differ only by case or Unicode form (one file on some
// systems, and what editors' tools silently change), an invisible
// character, a name longer than a file system allows, and a page too large
// to read. Each is refused with its own message, and only that.
func TestBadFileNames(t *testing.T) {
	nfc, nfd := "caf\u00e9", "cafe\u0301"
	long := strings.Repeat("a", 300)
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string)
		want  []string
	}{
		{
			// Foo.en.md beside foo.en.md: Hugo made one address of both,
			// /en/backgrounders/foo/, and one page disappeared in both
			// languages. Named both files: which one is wrong, and which it
			// clashes with.
			name: "names that differ by case",
			setup: func(t *testing.T, root string) {
				bothLanguages(t, root, "foo", "Lower")
				bothLanguages(t, root, "Foo", "Upper")
				sameNamesOnDisk(t, root, "foo", "Foo")
			},
			want: []string{
				`content/backgrounders/Foo.en.md: the file name "Foo" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/Foo.en.md: the "en" (English) address "foo" is already used by content/backgrounders/foo.en.md: only one of the two pages would be published; rename this file: a page's address is its file name, in lower case, without accents or spaces`,
				`content/backgrounders/Foo.fr.md: the file name "Foo" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/Foo.fr.md: the "fr" (Français) address "foo" is already used by content/backgrounders/foo.fr.md: only one of the two pages would be published; rename this file: a page's address is its file name, in lower case, without accents or spaces`,
			},
		},
		{
			// café written NFC and NFD (as macOS and some editors save it):
			// two files that look the same, one address, /en/backgrounders/cafe/.
			name: "a name written in two Unicode forms",
			setup: func(t *testing.T, root string) {
				bothLanguages(t, root, nfc, "Composed")
				bothLanguages(t, root, nfd, "Decomposed")
				sameNamesOnDisk(t, root, nfc, nfd)
			},
			want: []string{
				`content/backgrounders/` + nfd + `.en.md: the file name "` + nfd + `" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/` + nfd + `.fr.md: the file name "` + nfd + `" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/` + nfc + `.en.md: the file name "` + nfc + `" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/` + nfc + `.en.md: the "en" (English) address "cafe" is already used by content/backgrounders/` + nfd + `.en.md (the same name, its accents written in another Unicode form): only one of the two pages would be published; rename this file: a page's address is its file name, in lower case, without accents or spaces`,
				`content/backgrounders/` + nfc + `.fr.md: the file name "` + nfc + `" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report`,
				`content/backgrounders/` + nfc + `.fr.md: the "fr" (Français) address "cafe" is already used by content/backgrounders/` + nfd + `.fr.md (the same name, its accents written in another Unicode form): only one of the two pages would be published; rename this file: a page's address is its file name, in lower case, without accents or spaces`,
			},
		},
		{
			// U+202E (right-to-left override) in a name: Hugo stripped it
			// from the address without a word; the name reads otherwise
			// than it is written. The message quotes it escaped.
			name: "an invisible character in a name",
			setup: func(t *testing.T, root string) {
				bothLanguages(t, root, "alert\u202e-2024", "Reversed")
			},
			want: []string{
				`"content/backgrounders/alert\u202e-2024.en.md": the file name` + " \"alert\\u202e-2024\" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report",
				`"content/backgrounders/alert\u202e-2024.fr.md": the file name` + " \"alert\\u202e-2024\" cannot be a backgrounder id; rename the file: use lower-case letters, digits and single hyphens, like 2021-01-22-first-report",
			},
		},
		{
			// A 300-character id passed the check, and the build failed on
			// "file name too long": a measure's id, and a slug, name the
			// folder of a page (public/en/guidance/ID/), which a file
			// system allows 255 bytes.
			name: "an id and a slug longer than a file name may be",
			setup: func(t *testing.T, root string) {
				src := sitetest.Files(sitetest.Fixture)["data/mitigations.toml"]
				src = strings.Replace(src, `slug.fr = "corriger"`, `slug.fr = "`+long+`"`, 1)
				sitetest.Write(t, root, map[string]string{"data/mitigations.toml": src + "\n[" + long + "]\ndate = 2024-01-15\ntitle = { en = \"Long\", fr = \"Longue\" }\nbody = { en = \"Long.\", fr = \"Longue.\" }\n"})
			},
			want: []string{
				"data/mitigations.toml:18:12: measure \"patch\": the \"fr\" (Français) slug \"" + long + "\" cannot be part of an address; it has 300 characters, and an id has at most 100, to leave room for the names of the files made from it: shorten it to a few words",
				"data/mitigations.toml:25:1: measure \"" + long + "\": the id \"" + long + "\" cannot be part of an address; it has 300 characters, and an id has at most 100, to leave room for the names of the files made from it: shorten it to a few words",
			},
		},
		{
			// A page's file name of 240 characters fits on disk, and the
			// files made from it did not (a French bulletin's CSAF
			// advisory, ID-fr-ca.json; what an import writes through,
			// .ID.fr.md-4294967295).
			name: "a page's id too long to leave room for the files made from it",
			setup: func(t *testing.T, root string) {
				bothLanguages(t, root, long[:240], "Long")
			},
			want: []string{
				"content/backgrounders/" + long[:240] + ".en.md: the file name \"" + long[:240] + "\" cannot be a backgrounder id; rename the file: it has 240 characters, and an id has at most 100, to leave room for the names of the files made from it: shorten it to a few words",
				"content/backgrounders/" + long[:240] + ".fr.md: the file name \"" + long[:240] + "\" cannot be a backgrounder id; rename the file: it has 240 characters, and an id has at most 100, to leave room for the names of the files made from it: shorten it to a few words",
			},
		},
		{
			// A page over 8 MB got, beside its size, "pages cannot go in
			// content/backgrounders" (it was not read, so it was taken for a
			// stray page) and, at its counterpart, "the page has no English
			// counterpart"; a section's pages, "the glossary page is
			// missing".
			name: "a page too large to read",
			setup: func(t *testing.T, root string) {
				huge := backgrounder("en", "Huge") + strings.Repeat("A line pasted again and again, to make the page huge.\n", 9<<20/54)
				sitetest.Write(t, root, map[string]string{
					"content/backgrounders/huge.en.md": huge,
					"content/backgrounders/huge.fr.md": backgrounder("fr", "Huge"),
					"content/reports/alone.en.md":      huge, // and a page with no counterpart
					"content/glossary/_index.en.md":    huge, // and a section's pages, which were "missing"
					"content/glossary/_index.fr.md":    huge,
				})
			},
			want: []string{
				"content/backgrounders/huge.en.md: cannot read the file: it is 9.0 MB, more than the 8 MB a file of the site may be; split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake",
				"content/glossary/_index.en.md: cannot read the file: it is 9.0 MB, more than the 8 MB a file of the site may be; split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake",
				"content/glossary/_index.fr.md: cannot read the file: it is 9.0 MB, more than the 8 MB a file of the site may be; split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake",
				"content/reports/alone.en.md: cannot read the file: it is 9.0 MB, more than the 8 MB a file of the site may be; split it into several files (a timeline per period, for instance), or remove what was pasted into it by mistake",
			},
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
