package content

import (
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the formats an image of the site may have
	_ "image/png"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/yuin/goldmark/ast"
	_ "golang.org/x/image/webp"
)

// ImagesDir holds the site's images, which Hugo's image processing reads
// (resources.Get) and layouts/_markup/render-image.html resizes. A text
// shows one written from imagesPath: ![what it shows](/images/NAME.png).
const (
	ImagesDir  = "assets/images"
	imagesPath = "/images/"
)

// The largest image the check accepts: Hugo reads an image whole, in every
// build, to make its widths. Neither is a limit a picture for the web comes
// near; a photo straight from a camera, or a scan, may.
const (
	maxImageBytes  = 10 << 20
	maxImagePixels = 40_000_000
)

// imageFormats are the formats of the site's images, by extension: those
// editors' tools save and Hugo resizes. Their names are image.Decode's.
var imageFormats = map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}

// shownImage is an image a text shows.
type shownImage struct {
	offset int    // in the text, of its "!["
	dest   string // its address, as written
	alt    string // its description, as plain text
}

// readImage reads an image of the site in a text.
func readImage(src []byte, n *ast.Image) shownImage {
	return shownImage{offset: inlineStart(src, n, "!["), dest: strings.TrimSpace(string(n.Destination)), alt: strings.TrimSpace(plainText(n, src))}
}

// path is the image's path on the site, as Hugo's hook reads it: its
// address without what follows a ? or a #, its %-escapes decoded.
func (im shownImage) path() string {
	if u, err := url.Parse(im.dest); err == nil {
		return u.Path
	}
	return im.dest
}

// textImages are the images of each text, by language.
type textImages struct {
	texts  []*Text
	images map[*Text]map[string][]shownImage
}

func (ti *textImages) add(t *Text, lang string, images []shownImage) {
	if len(images) == 0 {
		return
	}
	if ti.images == nil {
		ti.images = map[*Text]map[string][]shownImage{}
	}
	if ti.images[t] == nil {
		ti.images[t] = map[string][]shownImage{}
		ti.texts = append(ti.texts, t)
	}
	ti.images[t][lang] = images
}

// imageFile is what the check knows of a file of the images' folder.
type imageFile struct {
	problem, hint string // why a text cannot show it; "" when it can
}

// checkImages reports, at its place, an image that is not a file of the
// images' folder (with the one it may have meant), one the site cannot
// show (not a PNG, JPEG or WebP image, or too large), one without a
// description, and one that a text shows in a language and not in
// another: each language describes it in its own words.
func (l *loader) checkImages(ti textImages) {
	if len(ti.texts) == 0 {
		return
	}
	files := l.imageFiles()
	known := make([]string, 0, len(files))
	for p := range files {
		known = append(known, p)
	}
	slices.Sort(known)
	checked := map[string]*imageFile{}
	for _, t := range ti.texts {
		found := true // every image of the text, in every language, is a file
		for _, lang := range l.p.Languages {
			where := fmt.Sprintf("%s: the %s text", t.name, lang)
			for _, im := range ti.images[t][lang.Code] {
				p := im.path()
				shown := fmt.Sprintf("shows the image %q", shorten(im.dest))
				if _, ok := files[p]; !ok {
					found = false
					hint := "copy it into " + ImagesDir + "/ (a PNG, JPEG or WebP file), and write its path from " + imagesPath + ", ![what it shows](" + imagesPath + "NAME.png)"
					if s := suggestImage(p, known); s != "" {
						hint = fmt.Sprintf("did you mean %q? The site's images are the files of %s/, written from %s", s, ImagesDir, imagesPath)
					}
					l.addAt(t, lang.Code, im.offset, fmt.Sprintf("%s %s, which is not a file of %s/", where, shown, ImagesDir), hint)
					continue
				}
				if checked[p] == nil {
					checked[p] = l.imageFile(p, files[p])
				}
				if f := checked[p]; f.problem != "" {
					l.addAt(t, lang.Code, im.offset, fmt.Sprintf("%s %s, %s", where, shown, f.problem), f.hint)
				}
				if im.alt == "" {
					l.addAt(t, lang.Code, im.offset, fmt.Sprintf("%s %s without a description", where, shown),
						fmt.Sprintf("write what it shows, in %s, between its brackets, ![…](%s): it is what readers who do not see the image read or hear", lang.Name, im.dest))
				}
			}
		}
		if found {
			l.compareImages(t, ti.images[t])
		}
	}
}

// compareImages reports an image that a text shows in one language and
// not in another (or more times in one than in the other), at its place:
// in the source language when the translation lacks it, in the
// translation when the source does. A text missing in a language is
// reported as that, not image by image.
func (l *loader) compareImages(t *Text, byLang map[string][]shownImage) {
	source := l.p.Languages[0]
	for _, lang := range l.p.Languages[1:] {
		if _, ok := t.Values[lang.Code]; !ok {
			continue
		}
		if _, ok := t.Values[source.Code]; !ok {
			continue
		}
		extra := func(in, other []shownImage) []shownImage {
			left := map[string]int{}
			for _, im := range other {
				left[im.path()]++
			}
			var out []shownImage
			for _, im := range in {
				if left[im.path()] > 0 {
					left[im.path()]--
				} else {
					out = append(out, im)
				}
			}
			return out
		}
		for _, pair := range []struct{ in, other project.Language }{{source, lang}, {lang, source}} {
			for _, im := range extra(byLang[pair.in.Code], byLang[pair.other.Code]) {
				l.addAt(t, pair.in.Code, im.offset,
					fmt.Sprintf("%s: the %s text shows the image %q, and the %s text does not", t.name, pair.in, shorten(im.dest), pair.other),
					fmt.Sprintf("show it in the %s text too, described in %s, ![…](%s); or remove it from this one", pair.other.Name, pair.other.Name, im.dest))
			}
		}
	}
}

// imageFiles returns the files of the images' folder, by their path on
// the site (/images/chart.png), with their sizes.
func (l *loader) imageFiles() map[string]int64 {
	files := map[string]int64{}
	walkFiles(l.p.FS, ImagesDir, func(rel string, d fs.DirEntry) {
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		files[imagesPath+rel] = size
	})
	return files
}

// imageFile checks a file of the images' folder once: its format, which
// its extension names and its first bytes must be, and its size.
func (l *loader) imageFile(p string, size int64) *imageFile {
	name := ImagesDir + "/" + strings.TrimPrefix(p, imagesPath)
	ext := strings.ToLower(path.Ext(p))
	format, ok := imageFormats[ext]
	if !ok {
		return &imageFile{problem: "which is not a PNG, JPEG or WebP image, the formats the site resizes",
			hint: "save it as PNG (a chart, a diagram) or JPEG (a photo), and write that file's path"}
	}
	if size > maxImageBytes {
		return &imageFile{problem: fmt.Sprintf("a file of %.1f MB, more than the %d MB an image may be", float64(size)/(1<<20), maxImageBytes>>20),
			hint: "save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need"}
	}
	f, err := l.p.FS.Open(name)
	if err != nil {
		reason := err.Error()
		var fe *project.FileError
		if _, err := l.p.ReadFile(name); errors.As(err, &fe) {
			reason = fe.Reason
		}
		return &imageFile{problem: fmt.Sprintf("which cannot be read: %s", reason), hint: "copy the image itself into " + ImagesDir + "/"}
	}
	defer f.Close()
	config, found, err := image.DecodeConfig(f)
	switch {
	case err != nil:
		return &imageFile{problem: fmt.Sprintf("but %s is not a %s image that can be read", name, strings.ToUpper(format)),
			hint: fmt.Sprintf("open it in an image editor and save it again as %s", strings.ToUpper(format))}
	case found != format:
		return &imageFile{problem: fmt.Sprintf("but %s holds a %s image under the name of a %s one", name, strings.ToUpper(found), strings.ToUpper(format)),
			hint: fmt.Sprintf("rename it with the extension of its format, %s, or save it again as %s", map[string]string{"png": ".png", "jpeg": ".jpg", "webp": ".webp"}[found], strings.ToUpper(format))}
	case config.Width*config.Height > maxImagePixels:
		return &imageFile{problem: fmt.Sprintf("of %d × %d pixels, more than the %d million an image may have", config.Width, config.Height, maxImagePixels/1_000_000),
			hint: "save it smaller: 2,000 pixels wide is plenty, the site makes the widths readers' screens need"}
	}
	return &imageFile{}
}

// suggestImage returns the image of the site that a path not found may
// have meant: the same name written otherwise (without its /images/, with
// the folder's path, in capitals), or one a letter or two away.
func suggestImage(p string, known []string) string {
	name := strings.TrimPrefix(p, "/")
	for _, folder := range []string{"assets/", "static/", "images/"} {
		name = strings.TrimPrefix(name, folder)
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = strings.TrimPrefix(k, imagesPath)
	}
	if s := tomlfile.Suggest(name, names); s != "" {
		return imagesPath + s
	}
	return ""
}
