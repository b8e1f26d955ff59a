package content_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

const (
	reportEN = "content/reports/fixture-report.en.md"
	reportFR = "content/reports/fixture-report.fr.md"
	// The fixture's image, as its report shows it: on line 14 of the
	// English file, 15 of the French.
	chart   = "/images/exploits-by-month.png"
	chartEN = "![Exploits through firewalls, by month: from 20 in January to 40 in June](" + chart + ")"
	chartFR = "![Exploits passés à travers les pare-feu, par mois, de 20 en janvier à 40 en juin](" + chart + ")"
)

// TestImageProblems: an image a text shows must be a file of
// assets/images/ that Hugo can resize, with a description in every
// language, in every language's text. Each problem is reported once, at
// its place, with every word of its message.
func TestImageProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files func(t *testing.T) []string
		bytes map[string][]byte // files an archive of text cannot hold
		want  []string
	}{
		{
			// Hugo wrote <img src="/images/exploit-by-month.png">, a broken
			// image, and only the output's link check stopped the build.
			name: "a misspelt image",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/exploit-by-month.png"),
					edit(t, reportFR, chart, "/images/exploit-by-month.png"),
				}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/exploit-by-month.png", which is not a file of assets/images/; did you mean "/images/exploits-by-month.png"? The site's images are the files of assets/images/, written from /images/`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/exploit-by-month.png", which is not a file of assets/images/; did you mean "/images/exploits-by-month.png"? The site's images are the files of assets/images/, written from /images/`,
			},
		},
		{
			// Relative to what? The page's address differs by language:
			// the one way to write an image is from /images/.
			name: "an image written without /images/",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "images/exploits-by-month.png"),
					edit(t, reportFR, chart, "/assets/images/exploits-by-month.png"),
				}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "images/exploits-by-month.png", which is not a file of assets/images/; did you mean "/images/exploits-by-month.png"? The site's images are the files of assets/images/, written from /images/`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/assets/images/exploits-by-month.png", which is not a file of assets/images/; did you mean "/images/exploits-by-month.png"? The site's images are the files of assets/images/, written from /images/`,
			},
		},
		{
			// Nothing near: the hint says where images go. The French,
			// which shows the fixture's image, is not compared with an
			// English whose image is yet to be found.
			name: "an image that is nowhere",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportEN, chart, "/images/network-diagram.png")}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/network-diagram.png", which is not a file of assets/images/; copy it into assets/images/ (a PNG, JPEG or WebP file), and write its path from /images/, ![what it shows](/images/NAME.png)`,
			},
		},
		{
			// <img alt=""> tells screen readers the image is decoration:
			// a chart's figures were lost to those who do not see them.
			name: "no description in French",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportFR, chartFR, "![]("+chart+")")}
			},
			want: []string{
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/exploits-by-month.png" without a description; write what it shows, in Français, between its brackets, ![…](/images/exploits-by-month.png): it is what readers who do not see the image read or hear`,
			},
		},
		{
			// Spaces are no description either, nor is a title, which
			// not every reader is given.
			name: "a description of spaces",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportEN, chartEN, "Above: ![  ]("+chart+` "A chart")`)}
			},
			want: []string{
				reportEN + `:13:8: body: the "en" (English) text shows the image "/images/exploits-by-month.png" without a description; write what it shows, in English, between its brackets, ![…](/images/exploits-by-month.png): it is what readers who do not see the image read or hear`,
			},
		},
		{
			// The French page lacked the chart the English one has.
			name: "an image in English only",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportFR, "\n"+chartFR, "\nUn graphique.")}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/exploits-by-month.png", and the "fr" (Français) text does not; show it in the Français text too, described in Français, ![…](/images/exploits-by-month.png); or remove it from this one`,
			},
		},
		{
			// And the other way round: reported in the French, where it is.
			name: "an image in French only",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportEN, "\n"+chartEN, "\nA chart.")}
			},
			want: []string{
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/exploits-by-month.png", and the "en" (English) text does not; show it in the English text too, described in English, ![…](/images/exploits-by-month.png); or remove it from this one`,
			},
		},
		{
			// Shown twice in English, once in French: the second is the one
			// French lacks. An address's query or anchor is the same image.
			name: "an image shown more times in one language",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportEN, chartEN, chartEN+"\n\nAgain: ![The same chart]("+chart+"?v=2#top)")}
			},
			want: []string{
				reportEN + `:15:8: body: the "en" (English) text shows the image "/images/exploits-by-month.png?v=2#top", and the "fr" (Français) text does not; show it in the Français text too, described in Français, ![…](/images/exploits-by-month.png?v=2#top); or remove it from this one`,
			},
		},
		{
			// A text of the data is checked as a page's body is, at its
			// line and column in the TOML.
			name: "an image in an event, without a description in French",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `text.en = "Known only by its year."
text.fr = "Connu seulement par son année."`, `text.en = "Known only by its year. ![A chart](`+chart+`)"
text.fr = "Connu seulement par son année. ![](`+chart+`)"`)}
			},
			want: []string{
				timeline + `:53:43: event "2020-year-only": text: the "fr" (Français) text shows the image "/images/exploits-by-month.png" without a description; write what it shows, in Français, between its brackets, ![…](/images/exploits-by-month.png): it is what readers who do not see the image read or hear`,
			},
		},
		{
			// A text missing in French is that problem only, not one more
			// for each of its images.
			name: "an image in a text not yet translated",
			files: func(t *testing.T) []string {
				return []string{edit(t, timeline, `text.en = "Known only by its year."
text.fr = "Connu seulement par son année."`, `text.en = "Known only by its year. ![A chart](`+chart+`)"`)}
			},
			want: []string{
				timeline + `:52:12: event "2020-year-only": text has no "fr" (Français) text; add text.fr = "…"`,
			},
		},
		{
			// Hugo resizes none of these: the build stopped with its error.
			name: "an image in a format the site does not resize",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/diagram.svg"),
					edit(t, reportFR, chart, "/images/diagram.svg"),
					add("assets/images/diagram.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`),
				}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/diagram.svg", which is not a PNG, JPEG or WebP image, the formats the site resizes; save it as PNG (a chart, a diagram) or JPEG (a photo), and write that file's path`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/diagram.svg", which is not a PNG, JPEG or WebP image, the formats the site resizes; save it as PNG (a chart, a diagram) or JPEG (a photo), and write that file's path`,
			},
		},
		{
			// A photo renamed .png by hand: Hugo read it as a PNG, and failed.
			name: "a JPEG named .png",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/photo.png"),
					edit(t, reportFR, chart, "/images/photo.png"),
				}
			},
			bytes: map[string][]byte{"assets/images/photo.png": jpegImage(t)},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/photo.png", but assets/images/photo.png holds a JPEG image under the name of a PNG one; rename it with the extension of its format, .jpg, or save it again as PNG`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/photo.png", but assets/images/photo.png holds a JPEG image under the name of a PNG one; rename it with the extension of its format, .jpg, or save it again as PNG`,
			},
		},
		{
			// A file cut short by a failed copy, or a text file misnamed.
			name: "an image that cannot be read",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/broken.jpg"),
					edit(t, reportFR, chart, "/images/broken.jpg"),
					add("assets/images/broken.jpg", "not an image\n"),
				}
			},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/broken.jpg", but assets/images/broken.jpg is not a JPEG image that can be read; open it in an image editor and save it again as JPEG`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/broken.jpg", but assets/images/broken.jpg is not a JPEG image that can be read; open it in an image editor and save it again as JPEG`,
			},
		},
		{
			// A camera's or a scanner's file: every build read it whole,
			// to make widths of a few hundred kilobytes.
			name: "an image of more than 10 MB",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/scan.png"),
					edit(t, reportFR, chart, "/images/scan.png"),
				}
			},
			bytes: map[string][]byte{"assets/images/scan.png": append(pngHeader(1000, 1000), make([]byte, 11<<20)...)},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/scan.png", a file of 11.0 MB, more than the 10 MB an image may be; save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/scan.png", a file of 11.0 MB, more than the 10 MB an image may be; save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need`,
			},
		},
		{
			// A small file can hold a huge image (a PNG of one colour):
			// Hugo would take gigabytes of memory to read it.
			name: "an image of more than 40 million pixels",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chart, "/images/huge.png"),
					edit(t, reportFR, chart, "/images/huge.png"),
				}
			},
			bytes: map[string][]byte{"assets/images/huge.png": pngHeader(50_000, 50_000)},
			want: []string{
				reportEN + `:13:1: body: the "en" (English) text shows the image "/images/huge.png", of 50000 × 50000 pixels, more than the 40 million an image may have; save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need`,
				reportFR + `:14:1: body: the "fr" (Français) text shows the image "/images/huge.png", of 50000 × 50000 pixels, more than the 40 million an image may have; save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need`,
			},
		},
		{
			// An image from another site is that problem only: it is not
			// compared across languages as well.
			name: "an image from another site in one language",
			files: func(t *testing.T) []string {
				return []string{edit(t, reportEN, chartEN, chartEN+"\n\n![A photo](https://example.org/photo.jpg)")}
			},
			want: []string{
				reportEN + `:15:1: body: the "en" (English) text shows the image "https://example.org/photo.jpg", from another site; a page asks no other site for anything: copy the image into assets/images/ and write its path, ![…](/images/NAME.png), or link to it, […](https://…)`,
			},
		},
		{
			// What is allowed: a title, a description with markup, an
			// image inside a link, a JPEG and a WebP image, in both languages.
			name: "images as they may be written",
			files: func(t *testing.T) []string {
				return []string{
					edit(t, reportEN, chartEN, `![The *chart*](/images/exploits-by-month.png "Exploits") [![A photo](/images/photo.jpg)](https://example.org/) ![A drawing](/images/drawing.webp)`),
					edit(t, reportFR, chartFR, `![Le *graphique*](/images/exploits-by-month.png "Exploits") [![Une photo](/images/photo.jpg)](https://example.org/) ![Un dessin](/images/drawing.webp)`),
				}
			},
			bytes: map[string][]byte{"assets/images/photo.jpg": jpegImage(t), "assets/images/drawing.webp": webpImage},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := sitetest.New(t, append([]string{sitetest.Fixture}, tc.files(t)...)...)
			for name, b := range tc.bytes {
				sitetest.Write(t, root, map[string]string{name: string(b)})
			}
			p, problems := project.Open(root)
			if problems != nil {
				t.Fatal(problems)
			}
			_, problems = content.Load(p)
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// jpegImage is a small JPEG image.
func jpegImage(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader is the start of a PNG image of a size: its signature and its
// header chunk, all that is read to know its size.
func pngHeader(width, height uint32) []byte {
	chunk := binary.BigEndian.AppendUint32([]byte("IHDR"), width)
	chunk = binary.BigEndian.AppendUint32(chunk, height)
	chunk = append(chunk, 8, 0, 0, 0, 0) // 8-bit grey, no interlacing
	b := binary.BigEndian.AppendUint32([]byte("\x89PNG\r\n\x1a\n"), uint32(len(chunk)-4))
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

// webpImage is a WebP image of one pixel, lossless.
var webpImage = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
