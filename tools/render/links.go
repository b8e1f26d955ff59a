package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cyberpub/site/tools/content"
	"golang.org/x/net/html"
)

// BrokenLink is a link of a built site that leads nowhere: to a file the
// build did not write, or to an anchor its page does not have, or has
// twice.
type BrokenLink struct {
	File string // the file that holds it, slash-separated, in the output
	Link string // as written
	Why  string // "no such file", "no such anchor"
}

func (b BrokenLink) String() string { return fmt.Sprintf("%s: %s, %s", b.File, b.Link, b.Why) }

// BrokenLinksError is a build refused for its broken links.
type BrokenLinksError []BrokenLink

func (e BrokenLinksError) Error() string {
	var s strings.Builder
	fmt.Fprintf(&s, "the built site has %d links that lead nowhere, or ids given twice:", len(e))
	for _, b := range e {
		s.WriteString("\n  " + b.String())
	}
	s.WriteString("\nsite check finds most in the texts; these come from elsewhere (a template, a setting of config.toml, a static file) or from texts shown together on one page: correct them there")
	return s.String()
}

// CheckLinks checks every link of the site built in dir, published at
// base: each address of the site in a page (href, src, srcset), a feed, a
// sitemap or an export is a file of the output, and each anchor an id of
// its page. It returns how many links it checked, and those that are
// broken, in the order of their files. Each file is read once, by as many
// workers as there are cores: its links and its ids; the links are then
// resolved against what was read.
func CheckLinks(dir, base string) (checked int, broken []BrokenLink, err error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return 0, nil, fmt.Errorf("the site's baseURL, %q, is not an address: %w", base, err)
	}
	var files []string
	err = filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == "pagefind":
			return filepath.SkipDir // Pagefind's own bundle
		case !d.IsDir():
			rel, _ := filepath.Rel(dir, file)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	siteURL := regexp.MustCompile(regexp.QuoteMeta(strings.TrimSuffix(base, "/")) + `/[^\s"'<>\\,)]*`)
	read := make([]outputFile, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				read[i], errs[i] = readOutputFile(dir, files[i], siteURL)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	byName := make(map[string]*outputFile, len(files))
	for i, name := range files {
		if errs[i] != nil {
			return 0, nil, errs[i]
		}
		byName[name] = &read[i]
	}
	prefix := strings.TrimSuffix(baseURL.Path, "/") + "/"
	for i, name := range files {
		for _, id := range read[i].twice {
			broken = append(broken, BrokenLink{File: name, Link: "#" + id, Why: "an id two elements of the page have"})
		}
		from := baseURL.JoinPath(name)
		for _, link := range read[i].links {
			checked++
			if why := resolve(from, prefix, link, byName); why != "" {
				broken = append(broken, BrokenLink{File: name, Link: link, Why: why})
			}
		}
	}
	return checked, broken, nil
}

// outputFile is what the link check reads of a file of the output.
type outputFile struct {
	links []string
	ids   map[string]bool // an HTML page's
	// twice are the ids a page gives two elements: a link to one of them
	// goes to the first alone (two texts of the data shown on one page,
	// each with the same heading, which site check sees one at a time).
	twice []string
}

// readOutputFile reads the links of a file of the output (name, in dir),
// and, of a page, its ids.
func readOutputFile(dir, name string, siteURL *regexp.Regexp) (outputFile, error) {
	var f outputFile
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return f, err
	}
	switch path.Ext(name) {
	case ".html":
		f.ids = map[string]bool{}
		z := html.NewTokenizer(bytes.NewReader(b))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			for {
				key, val, more := z.TagAttr()
				switch string(key) {
				case "id":
					if f.ids[string(val)] && !slices.Contains(f.twice, string(val)) {
						f.twice = append(f.twice, string(val))
					}
					f.ids[string(val)] = true
				case "href", "src":
					f.links = append(f.links, string(val))
				case "srcset":
					for candidate := range strings.SplitSeq(string(val), ",") {
						if fields := strings.Fields(candidate); len(fields) > 0 {
							f.links = append(f.links, fields[0])
						}
					}
				}
				if !more {
					break
				}
			}
		}
	case ".xml", ".json", ".csv", ".ics", ".txt":
		// iCalendar folds long lines: unfold them first.
		b = bytes.ReplaceAll(b, []byte("\r\n "), nil)
		f.links = siteURL.FindAllString(string(b), -1)
		// A CSAF distribution lists its advisories by their paths in it.
		if base := path.Base(name); base == "index.txt" || base == "changes.csv" {
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				return f, fmt.Errorf("%s: %w", name, err)
			}
			for _, row := range rows {
				f.links = append(f.links, row[0])
			}
		}
	}
	return f, nil
}

// resolve says why a link of the file at the address from leads nowhere,
// or "": the site is at from's host, below the path prefix.
func resolve(from *url.URL, prefix, link string, files map[string]*outputFile) string {
	if link == "#ZgotmplZ" {
		// Go's html/template put it in the place of an address it found
		// unsafe: nothing is linked, and site check reports the address.
		return ""
	}
	ref, err := url.Parse(link)
	if err != nil {
		return "not an address"
	}
	u := from.ResolveReference(ref)
	if !content.SameHost(u, from) {
		return "" // another site's, or mailto:
	}
	target, ok := strings.CutPrefix(u.Path, prefix)
	if !ok {
		return "outside the site, below " + prefix
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	f := files[target]
	if f == nil { // a folder, without its slash: servers redirect
		f = files[target+"/index.html"]
	}
	switch {
	case f == nil:
		return "no such file"
	case u.Fragment != "" && f.ids != nil && !f.ids[u.Fragment]:
		return "no such anchor"
	}
	return ""
}
