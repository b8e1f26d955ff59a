package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
)

// BrokenLink is a link of a built site that leads nowhere: to a file the
// build did not write, or to an anchor its page does not have.
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
	fmt.Fprintf(&s, "the site links to %d addresses that it does not publish:", len(e))
	for _, b := range e {
		s.WriteString("\n  " + b.String())
	}
	s.WriteString("\nsite check finds such links in the texts; these come from elsewhere (a template, a setting of config.toml, a static file): correct them there")
	return s.String()
}

// CheckLinks checks every link of the site built in dir, published at
// base: each address of the site in a page (href, src, srcset), a feed, a
// sitemap or an export is a file of the output, and each anchor an id of
// its page. It returns how many links it checked, and those that are
// broken, in the order of their files.
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
			files = append(files, file)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	c := &linkChecker{dir: dir, base: baseURL, ids: map[string]map[string]bool{},
		siteURL: regexp.MustCompile(regexp.QuoteMeta(strings.TrimSuffix(base, "/")) + `/[^\s"'<>\\,)]*`)}
	// The files are read by as many workers as there are cores; the
	// results are put back in the files' order.
	results := make([][]BrokenLink, len(files))
	counts := make([]int, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				counts[i], results[i], errs[i] = c.file(files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range files {
		if errs[i] != nil {
			return 0, nil, errs[i]
		}
		checked += counts[i]
		broken = append(broken, results[i]...)
	}
	return checked, broken, nil
}

type linkChecker struct {
	dir     string
	base    *url.URL
	siteURL *regexp.Regexp
	mu      sync.Mutex
	ids     map[string]map[string]bool // by file, read once
}

// file checks the links of one file of the output.
func (c *linkChecker) file(file string) (checked int, broken []BrokenLink, err error) {
	rel := filepath.ToSlash(strings.TrimPrefix(file, c.dir+string(filepath.Separator)))
	check := func(link string) {
		checked++
		if why := c.resolve(rel, link); why != "" {
			broken = append(broken, BrokenLink{File: rel, Link: link, Why: why})
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, nil, err
	}
	switch filepath.Ext(file) {
	case ".html":
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", rel, err)
		}
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src":
					check(a.Val)
				case "srcset":
					for candidate := range strings.SplitSeq(a.Val, ",") {
						if fields := strings.Fields(candidate); len(fields) > 0 {
							check(fields[0])
						}
					}
				}
			}
		}
	case ".xml", ".json", ".csv", ".ics", ".txt":
		// iCalendar folds long lines: unfold them first.
		b = bytes.ReplaceAll(b, []byte("\r\n "), nil)
		for _, link := range c.siteURL.FindAllString(string(b), -1) {
			check(link)
		}
		// A CSAF distribution lists its advisories by their paths in it.
		if name := filepath.Base(file); name == "index.txt" || name == "changes.csv" {
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				return 0, nil, fmt.Errorf("%s: %w", rel, err)
			}
			for _, row := range rows {
				check(row[0])
			}
		}
	}
	return checked, broken, nil
}

// resolve says why the link from the file rel leads nowhere, or "".
func (c *linkChecker) resolve(rel, link string) string {
	if link == "#ZgotmplZ" {
		// Go's html/template put it in the place of an address it found
		// unsafe: nothing is linked, and site check reports the address.
		return ""
	}
	ref, err := url.Parse(link)
	if err != nil {
		return "not an address"
	}
	u := c.base.JoinPath(rel).ResolveReference(ref)
	if u.Host != c.base.Host {
		return "" // another site's, or mailto:
	}
	target, ok := strings.CutPrefix(u.Path, strings.TrimSuffix(c.base.Path, "/")+"/")
	if !ok {
		return "outside the site, " + c.base.String()
	}
	file := filepath.Join(c.dir, filepath.FromSlash(target))
	if target == "" || strings.HasSuffix(target, "/") {
		file = filepath.Join(file, "index.html")
	}
	if _, err := os.Stat(file); err != nil {
		return "no such file"
	}
	if u.Fragment != "" && filepath.Ext(file) == ".html" {
		ids, err := c.idsOf(file)
		if err != nil {
			return err.Error()
		}
		if !ids[u.Fragment] {
			return "no such anchor"
		}
	}
	return ""
}

// idsOf returns the ids of the elements of an HTML file.
func (c *linkChecker) idsOf(file string) (map[string]bool, error) {
	c.mu.Lock()
	ids, ok := c.ids[file]
	c.mu.Unlock()
	if ok {
		return ids, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	ids = map[string]bool{}
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val] = true
			}
		}
	}
	c.mu.Lock()
	c.ids[file] = ids
	c.mu.Unlock()
	return ids, nil
}

// baseURL is the address the site at root is published at: config.toml's
// baseURL, or the extra configuration's when it sets one.
func baseURL(root, extra string) (string, error) {
	var base string
	for _, file := range slices.DeleteFunc([]string{filepath.Join(root, "config.toml"), extra}, func(s string) bool { return s == "" }) {
		var config struct {
			BaseURL string `toml:"baseURL"`
		}
		if _, err := toml.DecodeFile(file, &config); err != nil {
			return "", err
		}
		if config.BaseURL != "" {
			base = config.BaseURL
		}
	}
	return base, nil
}
