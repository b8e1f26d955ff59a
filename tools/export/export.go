// Package export writes what the site publishes for other programs to
// read, beside its pages (docs/exports.md describes each format):
//
//   - each timeline as timeline.json, in every language and the same at
//     each of its addresses (static/schemas/timeline.schema.json), and as
//     timeline.csv and timeline.ics in its page's language;
//   - each threat actor profile as a STIX 2.1 bundle, stix.json, the same
//     at each of its addresses;
//   - each bulletin as a CSAF 2.0 advisory in its language's distribution
//     (/LANG/csaf/YEAR/NAME.json), with its SHA-256 and SHA-512 hashes,
//     the distribution's index.txt and changes.csv, and the provider
//     metadata, /.well-known/csaf/provider-metadata.json; given a key
//     (Signer), each advisory's OpenPGP signature, the ROLIE feeds and
//     documents, and the public key. The distribution's listings are
//     pages, Hugo's, of what Distributions gives;
//   - /.well-known/security.txt (RFC 9116), which names the provider
//     metadata.
//
// Each is a Go value encoded by the library made for its format
// (encoding/json, encoding/csv, go-ical, go-crypto's OpenPGP), made from
// the loaded model (content.Site), never by a template. Hugo stays the one
// owner of addresses: the caller says through Pages where each page is
// published, and each file goes in its page's folder. Nothing here
// depends on the clock: the signatures and security.txt are dated by the
// day of the moment the build publishes as of (Options.Now), the rest by
// the content, so that two builds of the same content as of the same day
// write the same bytes.
//
//	held := site.HeldBack(now)
//	err := export.Write(site, pages, held, stagingDir, export.Options{Minify: true})
package export

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/project"
)

// Pages are the pages Hugo publishes, by language and Hugo's path of a
// page: "/timelines/ID", "/threat-actors/ID", "/bulletins/ID" and
// "/guidance/ID" (a kind's section, then the item's id, whatever its
// address in the language), and "/", the language's home page, whose
// folder has the CSAF distribution. The caller implements it from Hugo's
// built sites.
type Pages interface {
	// Page returns where a page is published in a language, or false
	// when it is not published there.
	Page(lang, path string) (Page, bool)
}

// Page is where a page is published.
type Page struct {
	Permalink    string // its absolute address: https://cyber.example.ca/fr/chronologies/chronologie-essai/
	RelPermalink string // its address from the host: /fr/chronologies/chronologie-essai/
}

// Options are what a build asks of the exports beyond the site.
type Options struct {
	// Languages are the languages whose files are written: a segment of
	// the site (site build --segment fr); every language when empty. The
	// provider metadata goes with the first language of the site, as it
	// goes with Hugo's default site.
	Languages []string
	// Minify writes JSON on one line, as Hugo's minifier made it.
	Minify bool
	// Now is the moment the build publishes as of (SOURCE_DATE_EPOCH, or
	// the clock): security.txt expires a year after its day.
	Now time.Time
	// Signer, when set, signs each CSAF advisory and security.txt, and
	// its public key is published: the site is then a trusted provider.
	Signer *Signer
}

// Write writes every export of the site into dir, the folder the site is
// built into (its files are those of baseURL's path), leaving out the items
// held back (content.Site.HeldBack) and every page Pages does not publish.
// A file's folder is its page's address; no file is written outside dir.
func Write(site *content.Site, pages Pages, held map[*content.Item]string, dir string, opts Options) error {
	e, err := newExporter(site, pages, held, opts)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer root.Close()
	e.root = root
	var jobs []func() error
	jobs = append(jobs, e.timelineJobs()...)
	jobs = append(jobs, e.threatActorJobs()...)
	dists, err := e.distributions()
	if err != nil {
		return err
	}
	jobs = append(jobs, e.csafJobs(dists)...)
	jobs = append(jobs, e.securityTxtJobs(dists)...)
	return run(jobs)
}

// exporter is what every export reads: the site, where its pages are, and
// where the files go.
type exporter struct {
	site  *content.Site
	p     *project.Project
	pages Pages
	held  map[*content.Item]string
	opts  Options
	langs []string // the site's languages, in its order
	write []string // the languages whose files are written
	base  *url.URL // baseURL, its path ending with a slash
	root  *os.Root

	catalogueOnce sync.Once
	catalogue     map[string]map[string]string // messages, by language then key
	catalogueErr  error
}

func newExporter(site *content.Site, pages Pages, held map[*content.Item]string, opts Options) (*exporter, error) {
	p := site.Project
	raw, _ := p.Config["baseURL"].(string)
	base, err := url.Parse(raw)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("export: config.toml's baseURL %q is not an absolute address; write baseURL = \"https://HOST/\"", raw)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	e := &exporter{site: site, p: p, pages: pages, held: held, opts: opts, langs: p.Codes(), base: base}
	e.write = e.langs
	if len(opts.Languages) > 0 {
		for _, lang := range opts.Languages {
			if !slices.Contains(e.langs, lang) {
				return nil, fmt.Errorf("export: %q is not a language of the site; the languages are %s", lang, strings.Join(e.langs, ", "))
			}
		}
		e.write = opts.Languages
	}
	return e, nil
}

// page returns where an item's page is published in a language, or false
// when it is held back or not published there.
func (e *exporter) page(it *content.Item, lang string) (Page, bool) {
	if it == nil || e.held[it] != "" || it.Kind.Section == "" {
		return Page{}, false
	}
	return e.pages.Page(lang, "/"+it.Kind.Section+"/"+it.ID)
}

// urls returns an item's page's address in each language it is published
// in, by language code, with an anchor when given; nil when it is
// published in none.
func (e *exporter) urls(it *content.Item, anchor string) map[string]string {
	var urls map[string]string
	for _, lang := range e.langs {
		if pg, ok := e.page(it, lang); ok {
			if urls == nil {
				urls = map[string]string{}
			}
			urls[lang] = pg.Permalink + anchor
		}
	}
	return urls
}

// writes reports whether the files of a language are written.
func (e *exporter) writes(lang string) bool { return slices.Contains(e.write, lang) }

// folder returns the folder of the output a page's address is, relative
// to the output's root: "fr/chronologies/chronologie-essai/".
func (e *exporter) folder(pg Page) (string, error) {
	rel, ok := strings.CutPrefix(pg.RelPermalink, e.base.Path)
	if !ok || !strings.HasSuffix(pg.RelPermalink, "/") {
		return "", fmt.Errorf("the address %q is not a folder under baseURL's path %q", pg.RelPermalink, e.base.Path)
	}
	name, err := url.PathUnescape(rel)
	if err != nil {
		return "", fmt.Errorf("the address %q: %w", pg.RelPermalink, err)
	}
	return name, nil
}

// writeFile writes a file of the output, name relative to its root and
// slash-separated; os.Root refuses a name that would climb out of it.
func (e *exporter) writeFile(name string, data []byte) error {
	if dir := path.Dir(name); dir != "." {
		if err := e.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return e.root.WriteFile(name, data, 0o644)
}

// writeBeside writes data as the file name in the folder of a page.
func (e *exporter) writeBeside(pg Page, name string, data []byte) error {
	dir, err := e.folder(pg)
	if err != nil {
		return err
	}
	return e.writeFile(dir+name, data)
}

// absURL is an address of the site from its root, as Hugo's absURL makes
// it: "schemas/timeline.schema.json" under baseURL.
func (e *exporter) absURL(rel string) string { return e.base.String() + rel }

// param returns a string of config.toml's [params] (keys of nested tables),
// the language's own when it has one, as Hugo's site.Params gives it.
func (e *exporter) param(lang string, keys ...string) string {
	path := append([]string{"params"}, keys...)
	languages, _ := e.p.Config["languages"].(map[string]any)
	language, _ := languages[lang].(map[string]any)
	if s := lookup(language, path); s != "" {
		return s
	}
	return lookup(e.p.Config, path)
}

// siteTitle is the site's title in a language.
func (e *exporter) siteTitle(lang string) string {
	languages, _ := e.p.Config["languages"].(map[string]any)
	language, _ := languages[lang].(map[string]any)
	if s := lookup(language, []string{"title"}); s != "" {
		return s
	}
	return lookup(e.p.Config, []string{"title"})
}

func lookup(table map[string]any, keys []string) string {
	for _, k := range keys[:len(keys)-1] {
		table, _ = table[k].(map[string]any)
	}
	s, _ := table[keys[len(keys)-1]].(string)
	return s
}

// languageName is how a language names itself: "Français".
func (e *exporter) languageName(lang string) string {
	l, _ := e.p.Language(lang)
	return l.Name
}

// run runs jobs on every processor, and returns their errors, in the
// jobs' order.
func run(jobs []func() error) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = jobs[i]()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}
