package sitetest

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"testing"
)

// TranslateXLIFF puts the translations into the targets of an XLIFF file,
// as a CAT tool does, leaving the rest of the file as it is.
func TranslateXLIFF(t testing.TB, data []byte, translations map[string]string) []byte {
	t.Helper()
	escape := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	out := string(data)
	for id, text := range translations {
		re := regexp.MustCompile(`(<trans-unit id="` + regexp.QuoteMeta(escape(id)) + `"[^>]*>\s*<source>[\s\S]*?</source>\s*<target state=")[^"]*(">)[\s\S]*?(</target>)`)
		m := re.FindStringSubmatchIndex(out)
		if m == nil {
			t.Fatalf("no trans-unit %s in the export", id)
		}
		out = out[:m[0]] + out[m[2]:m[3]] + "translated" + out[m[4]:m[5]] + escape(text) + out[m[6]:m[7]] + out[m[1]:]
	}
	return []byte(out)
}

// TranslateEveryUnit gives every trans-unit of an XLIFF file a target made
// from its source, as a CAT tool's pre-translation does: translate gets
// the source as the file has it (XML, its tags of markup included) and
// returns the target, in the same form.
func TranslateEveryUnit(t testing.TB, data []byte, translate func(source string) string) []byte {
	t.Helper()
	re := regexp.MustCompile(`(<source>)([\s\S]*?)(</source>\s*<target state=")[^"]*(">)[\s\S]*?(</target>)`)
	if !re.Match(data) {
		t.Fatal("no trans-unit with a target in the export")
	}
	return re.ReplaceAllFunc(data, func(unit []byte) []byte {
		m := re.FindSubmatch(unit)
		return slices.Concat(m[1], m[2], m[3], []byte("translated"), m[4], []byte(translate(string(m[2]))), m[5])
	})
}
