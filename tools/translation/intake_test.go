package translation_test

import (
	"io"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/translation"
)

// endless is a file that never ends, of a byte that is no NUL.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// TestReadTranslatorFile: a translator's file is read within limits, a
// chunk at a time.
func TestReadTranslatorFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    io.Reader
		want string // the error; "" for none
	}{
		// A file that never ends filled the memory (site i18n import of a
		// pipe, of a disk image).
		{"an endless file", endless('a'), "the file is more than 64 MB, which no export of the site is: nothing was imported; give the file the export wrote"},
		// /dev/zero grew the import to 6 GB: refused at its first byte.
		{"zeros", endless(0), "the file holds a NUL byte at byte 0: it is not a text file; give the XLIFF or goi18n file the export wrote"},
		// A NUL later on is found in the chunk where it is.
		{"a NUL after 100 KB", io.MultiReader(strings.NewReader(strings.Repeat("x", 100<<10)), endless(0)), "the file holds a NUL byte at byte 102400: it is not a text file; give the XLIFF or goi18n file the export wrote"},
		// A file of exactly the limit is read whole.
		{"the limit itself", io.LimitReader(endless(' '), translation.MaxImportSize), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := translation.ReadTranslatorFile(tc.r)
			switch {
			case tc.want == "" && (err != nil || len(data) != translation.MaxImportSize):
				t.Errorf("read %d bytes, %v", len(data), err)
			case tc.want != "" && (err == nil || err.Error() != tc.want):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}
