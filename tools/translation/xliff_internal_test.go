package translation

import (
	"strings"
	"testing"
)

// TestReadXLIFFTakesTheTargetACATToolShows: a unit's translation is its own
// <target> in XLIFF's namespace, at its own line, wherever the previous
// version's <target> (in <alt-trans>) and other tools' elements are; a
// second <source> or <target> refuses the file.
func TestReadXLIFFTakesTheTargetACATToolShows(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:example:tool">
 <file source-language="en" target-language="fr" datatype="plaintext" original="site"><body>
`
	const tail = "</body></file></xliff>\n"
	unit := `  <trans-unit id="a">
   <source>New</source>
   <alt-trans alttranstype="previous-version"><source>Old</source><target>Vieux</target></alt-trans>
   <x:target>Smuggled</x:target>
   <target state="translated">Nouveau</target>
   <x:note><target>Also smuggled</target></x:note>
  </trans-unit>
`
	_, units, err := readXLIFF([]byte(head + unit + tail))
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 1 {
		t.Fatalf("%d units, want 1", len(units))
	}
	u := units[0]
	if u.Source.Inner != "New" || u.Target == nil || u.Target.Inner != "Nouveau" || u.Target.State != "translated" {
		t.Errorf("read source %q and target %+v, want New and the translated Nouveau", u.Source.Inner, u.Target)
	}
	if u.line != 8 || u.col != 4 || u.unitLine != 4 || u.unitCol != 3 {
		t.Errorf("target at %d:%d, unit at %d:%d; want the target at 8:4, the unit at 4:3", u.line, u.col, u.unitLine, u.unitCol)
	}

	// Units where XLIFF has none, which no CAT tool shows: in the
	// header, in another tool's element. A group is read.
	hidden := `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:example:tool">
 <file source-language="en" target-language="fr" datatype="plaintext" original="site">
  <header><trans-unit id="in-header"><source>A</source><target>Caché</target></trans-unit></header>
  <body>
   <x:ext><trans-unit id="in-foreign"><source>B</source><target>Caché</target></trans-unit></x:ext>
   <group id="g"><trans-unit id="in-group"><source>C</source><target>Vu</target></trans-unit></group>
  </body>
 </file>
</xliff>
`
	_, units, err = readXLIFF([]byte(hidden))
	if err != nil || len(units) != 1 || units[0].ID != "in-group" {
		t.Errorf("read %+v (%v), want the group's unit alone", units, err)
	}

	for _, tc := range []struct{ name, unit, want string }{
		{"a second target", strings.Replace(unit, "<x:target>Smuggled</x:target>", "<target>Smuggled</target>", 1), `8:4: trans-unit "a": it has a second <target>`},
		{"a second source", strings.Replace(unit, "<x:target>Smuggled</x:target>", "<source>Smuggled</source>", 1), `7:4: trans-unit "a": it has a second <source>`},
		{"no source", strings.Replace(unit, "<source>New</source>", "", 1), `4:3: trans-unit "a": it has no <source>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readXLIFF([]byte(head + tc.unit + tail))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want one that starts %q", err, tc.want)
			}
		})
	}
}
