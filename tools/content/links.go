package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
	"github.com/gohugoio/hugo/common/paths"
	"github.com/gohugoio/hugo/common/text"
	"github.com/gohugoio/hugo/hugofs/hglob"
	"github.com/gohugoio/hugo/media"
	"github.com/gohugoio/hugo/output"
	"github.com/yuin/goldmark/ast"
)

// Links from a text to the site's own pages are written by hand: by
// address ([the bulletin](/en/bulletins/x/), [an event](/en/timelines/t/#id),
// [below](#scope), [the report](../../reports/r/)) or by Hugo's path of the
// page, which Hugo's link hook makes the address of the page in the text's
// language ([a term](/glossary/exploit)). Each is checked against what the
// build publishes, before Hugo runs, at its place in its text: the address
// is published, in the text's language, and its anchor is an id of its
// page. So are the addresses of the site written in the data (a source's
// url). tools/render checks the built site's links again, whatever wrote
// them.

// Messages returns the message of a key in a language's catalogue, or "".
type Messages func(lang, key string) string

// link is a link of a text to check: where it goes, as written, and where
// that is written in the text.
type link struct {
	dest   string
	offset int // in the text, in bytes
}

// readLink returns a link of a text (a Markdown link, by reference too, or
// an autolink) with the place of its destination: in the text after the
// link's start, or else in the reference's definition.
func readLink(src []byte, n ast.Node) link {
	var dest string
	from := 0
	switch n := n.(type) {
	case *ast.Link:
		dest, from = string(n.Destination), inlineStart(src, n, "[")
	case *ast.AutoLink:
		dest, from = string(n.URL(src)), inlineStart(src, n, "")
	}
	dest = strings.TrimSpace(dest)
	if i := strings.Index(string(src[from:]), dest); i >= 0 {
		return link{dest, from + i}
	}
	return link{dest, max(0, strings.Index(string(src), dest))}
}

// siteLinks are what reading the texts gives the check of links: each
// text's links, and the headings of each page, by item and language.
type siteLinks struct {
	texts    []textLinks
	headings map[*Item]map[string][]textHeadings
}

// textLinks are the links of a text in one language.
type textLinks struct {
	text  *Text
	lang  string
	links []link
}

func (s *siteLinks) add(t *Text, lang string, links []link) {
	if len(links) > 0 {
		s.texts = append(s.texts, textLinks{t, lang, links})
	}
}

// LinkProblems reports the links of the texts to the site's own pages, and
// the addresses of the site written in its data, that lead nowhere: to an
// address that the build does not publish, to a page in another language
// than the text's, to an anchor its page does not have. messages are the
// catalogues': the search page's address is one of them. held are the
// items a build holds back (Site.HeldBack): their pages are not
// published, but for the texts of held-back items.
//
// others are the files the build publishes besides Hugo's pages (the other
// formats, tools/export).
func (s *Site) LinkProblems(messages Messages, held map[*Item]string, others []OtherFile) diag.List {
	c := &linkCheck{l: &loader{p: s.Project, site: s}, messages: messages, held: held, others: others, ids: map[*sitePage]map[string]bool{}}
	c.base, _ = url.Parse(configString(s.Project.Config, "baseURL"))
	if c.base == nil {
		c.base = &url.URL{}
	}
	if s.links != nil {
		for _, tl := range s.links.texts {
			reported := map[link]bool{} // a reference's definition, used by several links
			for _, lk := range tl.links {
				if reported[lk] {
					continue
				}
				if message, hint := c.check(tl.text.Item, tl.lang, lk.dest, true); message != "" {
					reported[lk] = true
					lang, _ := s.Project.Language(tl.lang)
					c.l.addAt(tl.text, tl.lang, lk.offset, fmt.Sprintf("%s: the %s text %s", tl.text.name, lang, message), hint)
				}
			}
		}
	}
	for _, it := range s.Items {
		c.checkURLs(it, it.Record, it.Kind.Fields, itemKey(it), "")
	}
	c.l.problems.Sort()
	return c.l.problems
}

type linkCheck struct {
	l         *loader
	messages  Messages
	held      map[*Item]string
	others    []OtherFile
	base      *url.URL // the site's, config.toml's baseURL
	published *addresses
	ids       map[*sitePage]map[string]bool // by page, found once
}

// addresses returns what the build publishes, found the first time a link
// needs it: most sites' texts link to other sites only.
func (c *linkCheck) addresses() *addresses {
	if c.published == nil {
		c.published = c.l.site.publishedAddresses(c.messages, c.held, c.others)
	}
	return c.published
}

// checkURLs checks the url fields of a record (and of its lists of
// records) that are addresses of this site; key and name are the
// record's, in its file and in problems. A url is a fact, the same in
// every language: it is not held to one.
func (c *linkCheck) checkURLs(it *Item, r *Record, fields []*model.Field, key []string, name string) {
	for _, f := range fields {
		switch {
		case f.Type == model.URL && r.String(f.Name) != "":
			u, err := url.Parse(r.String(f.Name))
			if err != nil || !c.ownHost(u) {
				continue
			}
			if message, hint := c.check(it, "", r.String(f.Name), false); message != "" {
				at := Place{File: it.Files[""], Key: append(slices.Clone(key), f.Name)}
				if at.File == nil { // a page: its first language's file has the values
					for _, lang := range c.l.p.Codes() {
						if at.File = it.Files[lang]; at.File != nil {
							break
						}
					}
				}
				c.l.add(diag.Invalid, at, subjectOf(it), model.FieldPath(name, f.Name)+" "+message, hint)
			}
		case f.Type == model.List && f.Record != nil && hasURL(f.Record.Fields):
			for i, rec := range r.Records(f.Name) {
				c.checkURLs(it, rec, f.Record.Fields, append(slices.Clone(key), f.Name, strconv.Itoa(i)), model.ElemPath(model.FieldPath(name, f.Name), rec.String(f.Key), i))
			}
		}
	}
}

// hasURL reports whether fields, or those of their lists of records, have
// a url.
func hasURL(fields []*model.Field) bool {
	return slices.ContainsFunc(fields, func(f *model.Field) bool {
		return f.Type == model.URL || f.Type == model.List && f.Record != nil && hasURL(f.Record.Fields)
	})
}

// ownHost reports whether an address with a host is one of this site's.
func (c *linkCheck) ownHost(u *url.URL) bool {
	return (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && SameHost(u, c.base)
}

// SameHost reports whether two addresses are of one host as browsers see
// it: whatever the case of its name, a dot at its end, or its scheme's
// own port written out (cyber.example.ca., CYBER.example.ca:443).
func SameHost(a, b *url.URL) bool {
	host := func(u *url.URL) string {
		port := u.Port()
		if port == map[string]string{"https": "443", "http": "80"}[u.Scheme] {
			port = ""
		}
		return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".") + ":" + port
	}
	return host(a) == host(b)
}

// check says what is wrong with a link of a text in lang written in an
// item (lang is "" for a fact of the data, in no language), or "" when it
// leads where a page of the site is, or to another site. byHook says that
// Hugo's link hook renders it (a Markdown link), which finds pages by
// their path too.
func (c *linkCheck) check(it *Item, lang, dest string, byHook bool) (message, hint string) {
	if _, ok := hostOnly(dest); ok || dest == "" {
		return "", "" // //host is reported by checkMarkup
	}
	u, err := url.Parse(dest)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Sprintf("links to %q, which is not an address (%v)", shownLink(dest), err), "write the address as a browser shows it, with %20 for a space"
	}
	whole := u.Host != "" // the site's address, then its path
	if u.Scheme != "" || whole {
		if !c.ownHost(u) {
			return "", "" // another site's, mailto:, or reported by checkMarkup
		}
		byHook = false
		u.Scheme, u.Host, u.Path = "", "", "/"+strings.TrimPrefix(strings.TrimPrefix(u.Path, strings.TrimSuffix(c.base.Path, "/")), "/")
	}
	a := c.addresses()
	from := a.own[it][lang] // the page the text is on
	prefix := a.prefix[cmp.Or(lang, c.l.p.Source().Code)]
	before, _, _ := strings.Cut(dest, "#")

	var target, byPath *sitePage
	var file *publishedFile
	if byHook {
		byPath = a.byPath(strings.TrimPrefix(u.Path, "./"), from, lang)
	}
	switch {
	case u.Path == "" && u.RawQuery == "" && byHook: // #anchor: the hook makes it the page's own
		if from == nil {
			return fmt.Sprintf("links to %q, an anchor of the page it is on, but %ss have no page of their own", shownLink(dest), it.Kind.Noun()),
				fmt.Sprintf("write the address of the page before it: %s/…%s", prefix, shownLink(dest))
		}
		target = from
	case byPath != nil:
		target = byPath
	case byHook && a.asset(u.Path):
		return "", "" // published by the hook (resources.Get)
	default:
		resolved := u.Path
		if !strings.HasPrefix(resolved, "/") {
			if from == nil {
				return fmt.Sprintf("links to %q, relative to the page it is on, but %ss have no page of their own", shownLink(dest), it.Kind.Noun()),
					fmt.Sprintf("write the address from the site's root: %s/…", prefix)
			}
			base, _ := url.Parse(from.address)
			resolved = base.ResolveReference(&url.URL{Path: u.Path}).Path
		}
		if file = a.file(resolved); file == nil {
			page := strings.TrimSuffix(resolved, "index.html")
			if !strings.HasSuffix(page, "/") {
				page += "/"
			}
			other := a.held[page]
			if byHook && other == nil { // by its path: /guidance/id
				other = a.held[strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(resolved, ".md"), "/"))]
			}
			if other != nil {
				if c.held[it] != "" {
					return "", "" // held back too: published together, or later
				}
				return fmt.Sprintf("links to %q, the page of %s %q, which is %s", shownLink(dest), other.Kind.Noun(), other.ID, c.held[other]),
					fmt.Sprintf("remove the link until that page is published, or hold this %s back as well (draft = true, or the same publishDate)", it.Kind.Noun())
			}
			hint := fmt.Sprintf("link to a page of the site by its address, as site serve shows it: %s/…", prefix)
			if s := a.suggest(resolved, lang, byHook); s != "" {
				hint = fmt.Sprintf("did you mean %q?", c.written(s, u, whole))
			}
			return fmt.Sprintf("links to %q, an address this site does not publish", shownLink(dest)), hint
		}
		if lang != "" && file.lang != "" && file.lang != lang {
			hint := fmt.Sprintf("link to the %s site", c.languageName(lang))
			if other := a.counterpart(file, lang); other != "" {
				hint = fmt.Sprintf("link to its counterpart in %s, %q", c.languageName(lang), c.written(other, u, whole))
			}
			return fmt.Sprintf("links to %q, an address of the %s site", shownLink(dest), c.languageName(file.lang)), hint
		}
		if !strings.HasSuffix(file.path, ".html") {
			return "", "" // a file other than a page: no anchors
		}
		target = file.page
	}
	if u.Fragment == "" {
		return "", ""
	}
	ids := c.pageIDs(target)
	// A footnote's id is made by Hugo from the text it is in (config.toml:
	// enableAutoIDPrefix): a link to one is to its [^name], never by hand.
	if ids[u.Fragment] || c.l.site.layoutID(u.Fragment) {
		return "", "" // its own, or its layout's
	}
	hint = "link to the page alone, or to one of its anchors: an event's id, a heading's, a term's in the glossary"
	if s := tomlfile.Suggest(u.Fragment, slices.Sorted(maps.Keys(ids))); s != "" {
		hint = fmt.Sprintf("did you mean %q?", before+"#"+s)
	}
	page := "its page"
	switch {
	case target == nil:
		page = "the page " + strconv.Quote(file.path)
	case target != from:
		page = "the page " + strconv.Quote(target.address)
	}
	return fmt.Sprintf("links to %q, but %s has no anchor %q", shownLink(dest), page, u.Fragment), hint
}

// shownLink is a link's address as problems show it: whole, unless it is
// longer than an address is.
func shownLink(dest string) string {
	if len(dest) > 100 {
		return shorten(dest)
	}
	return dest
}

// languageName is a language's name in itself: "Français".
func (c *linkCheck) languageName(code string) string {
	l, _ := c.l.p.Language(code)
	return l.Name
}

// written is an address as a link would be written: with the site's
// address before it when the link had it, and its query and anchor.
func (c *linkCheck) written(address string, u *url.URL, whole bool) string {
	if whole {
		address = strings.TrimSuffix(c.base.String(), "/") + address
	}
	if u.RawQuery != "" {
		address += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		address += "#" + u.EscapedFragment()
	}
	return address
}

// pageIDs are the ids a page gives its parts that come from the content:
// its texts' headings, its records' anchors (a timeline's events), and a
// section's items (the glossary's terms).
func (c *linkCheck) pageIDs(p *sitePage) map[string]bool {
	if p == nil || p.item == nil {
		return nil
	}
	if ids, ok := c.ids[p]; ok {
		return ids
	}
	ids := map[string]bool{}
	for _, f := range p.item.Kind.Fields { // as loader.anchors, without its words
		if f.Key != "" {
			for _, r := range p.item.Records(f.Name) {
				if id := r.String(f.Key); id != "" {
					ids[id] = true
				}
			}
		}
	}
	if k := c.l.p.Model.KindOfSection(p.item.ID); p.item.Kind == model.Sections && k != nil {
		for _, id := range c.l.site.IDs(k.Name) {
			if c.held[c.l.site.Item(k.Name, id)] == "" {
				ids[id] = true
			}
		}
	}
	if c.l.site.links != nil {
		for _, th := range c.l.site.links.headings[p.item][p.lang] {
			for _, h := range th.headings {
				ids[h.id] = true
			}
		}
	}
	c.ids[p] = ids
	return ids
}

// addresses are the files a build publishes, and the pages among them.
type addresses struct {
	files     map[string]*publishedFile       // by path on the site: "/en/timelines/t/index.html", "/robots.txt"
	hugoPaths map[string]map[string]*sitePage // by Hugo's path ("/timelines/t"), then language: what a link by path finds
	own       map[*Item]map[string]*sitePage  // each item's page, by language
	of        map[string]map[string]string    // counterparts: by what a file is of, then language, its path
	langs     []string                        // the site's languages
	prefix    map[string]string               // each language's part of the addresses: "/en"
	assets    map[string]bool                 // assets/, which the link hook publishes what a link names of
	held      map[string]*Item                // the pages held back, by address, and by Hugo's path
	// suggested are the addresses of each language, and of none (""),
	// as a link is written, and Hugo's paths of its pages ("path LANG").
	suggested map[string][]string
}

// sitePage is a page the build publishes.
type sitePage struct {
	address string // in its language: "/en/timelines/t/"
	lang    string
	item    *Item  // the item or section it is the page of; nil for the site's own pages (search)
	dir     string // Hugo's path of where links by path relative to it start
}

// publishedFile is a file the build publishes.
type publishedFile struct {
	path string
	lang string    // "" for a file of no language: the site's root, static/
	page *sitePage // for the page's HTML
	of   string    // what it is the file of, in every language: its counterparts have the same
}

// add adds a file the build publishes.
func (a *addresses) add(address, lang, of string, page *sitePage) {
	a.files[address] = &publishedFile{path: address, lang: lang, page: page, of: of}
	if a.of[of] == nil {
		a.of[of] = map[string]string{}
	}
	a.of[of][lang] = address
}

// file returns the file published at an address: a folder's address is its
// index.html, with its slash or without (hosts add it).
func (a *addresses) file(address string) *publishedFile {
	if strings.HasSuffix(address, "/") {
		return a.files[address+"index.html"]
	}
	if f := a.files[address]; f != nil {
		return f
	}
	return a.files[address+"/index.html"]
}

// counterpart returns the address of a file's counterpart in a language, or "".
func (a *addresses) counterpart(f *publishedFile, lang string) string {
	return strings.TrimSuffix(a.of[f.of][lang], "index.html")
}

// byPath finds the page a link finds by Hugo's path of it, as the link
// hook's .GetPage does (hugolib's pageFinder): lower-case, with or
// without its file's extension and language ("x.en.md"), relative to the
// page the text is on (its section, or itself for a section's page) and
// then from the content's root ("../reports/r", "/glossary/exploit");
// "./x" only relative.
func (a *addresses) byPath(ref string, from *sitePage, lang string) *sitePage {
	ref = cmp.Or(strings.ToLower(strings.TrimSuffix(ref, "/")), "/")
	if paths.HasExt(ref) {
		dir, name := path.Split(ref)
		name = strings.TrimSuffix(name, path.Ext(name))
		if l := path.Ext(name); l != "" && slices.Contains(a.langs, l[1:]) {
			name = strings.TrimSuffix(name, l)
		}
		ref = dir + name
	}
	if base := path.Base(ref); base == "_index" || base == "index" {
		ref = strings.TrimSuffix(strings.TrimSuffix(ref, base), "/")
	}
	if from != nil && !strings.HasPrefix(ref, "/") {
		if p := a.hugoPaths[path.Join(from.dir, ref)][lang]; p != nil {
			return p
		}
	}
	if strings.HasPrefix(ref, ".") {
		return nil
	}
	return a.hugoPaths[path.Join("/", ref)][lang]
}

// asset reports whether a path is a file of assets/, which the link hook
// finds (resources.Get) and publishes at its path.
func (a *addresses) asset(p string) bool { return a.assets[strings.TrimPrefix(p, "/")] }

// named returns the address of the one page of a language whose address
// ends with name, or "": a link relative to the wrong folder.
func (a *addresses) named(name, lang string) string {
	found := ""
	for _, f := range a.files {
		if f.page != nil && (f.page.lang == lang || lang == "") && path.Base(f.page.address) == name {
			if found != "" {
				return ""
			}
			found = f.page.address
		}
	}
	return found
}

// suggest returns what a link to an address that is not published, in a
// language, could have meant: the one page whose address ends as it does
// (a relative link from the wrong folder), or else the nearest address
// of that language or of none, or, for a link the hook renders, Hugo's
// nearest path of one of its pages, the one first that is written as the
// link is (a path has no language's part). The language is "" for a fact
// of the data: any language's.
func (a *addresses) suggest(address, lang string, byHook bool) string {
	if a.suggested == nil {
		a.suggested = map[string][]string{}
		for p, f := range a.files {
			a.suggested[f.lang] = append(a.suggested[f.lang], strings.TrimSuffix(p, "index.html"))
		}
		for hp, pages := range a.hugoPaths {
			for l := range pages {
				a.suggested["path "+l] = append(a.suggested["path "+l], hp)
			}
		}
		for l := range a.suggested {
			slices.Sort(a.suggested[l])
		}
	}
	addresses, paths := append(slices.Clone(a.suggested[""]), a.suggested[lang]...), a.suggested["path "+lang]
	if lang == "" {
		for _, l := range a.langs {
			addresses = append(addresses, a.suggested[l]...)
		}
	}
	if !byHook {
		paths = nil
	}
	if !slices.ContainsFunc(a.langs, func(l string) bool { return a.prefix[l] != "" && strings.HasPrefix(address, a.prefix[l]+"/") }) {
		addresses, paths = paths, addresses
	}
	return cmp.Or(a.named(path.Base(address), lang), tomlfile.Suggest(address, addresses), tomlfile.Suggest(address, paths))
}

// sitePages are the pages content/_content.gotmpl adds to the site besides
// its items and sections, each by Hugo's path: the search page in each
// language, whose address is a catalogue message, and once, at the site's
// root, the page for addresses that do not exist. The page that holds the
// not-found page's words is not rendered. A template decides them, so they
// are declared here; TestPublishedFilesAreTheBuilds (tools/cmd/site) keeps
// the two in step with a build.
var sitePages = []addedPage{
	{path: "search", slug: "searchAddress"},
	{path: "about", slug: "aboutAddress"},
	{path: "terms", slug: "termsAddress"},
	{path: "privacy", slug: "privacyAddress"},
	{path: "root-not-found", url: "/404.html"},
}

// OtherFile is a file a build publishes besides Hugo's pages (tools/export
// lists them): beside an item's page, in a language's home folder (no
// Item), or at the site's root (no Lang either). A Name ending in "/" is a
// folder's listing, its index.html.
type OtherFile struct {
	Item *Item
	Lang string
	Name string
}

// setOwn records pg as its item's page in its language.
func (a *addresses) setOwn(pg *sitePage) {
	if a.own[pg.item] == nil {
		a.own[pg.item] = map[string]*sitePage{}
	}
	a.own[pg.item][pg.lang] = pg
}

// AddressMessage reports whether the catalogue message key is the last part
// of a page's address (the search page's): its translation must be one.
func AddressMessage(key string) bool {
	return slices.ContainsFunc(sitePages, func(sp addedPage) bool { return sp.slug == key })
}

// addedPage is a page the content adapter adds (sitePages).
type addedPage struct {
	path string
	slug string // the catalogue message that is its address's last part; else its path
	url  string // its address at the root, in the first language only
}

// PublishedFiles returns the path of every file a build of the site
// publishes, from the site's root ("/en/timelines/t/index.html"), sorted:
// what the links of texts are checked against.
func (s *Site) PublishedFiles(messages Messages, held map[*Item]string, others []OtherFile) []string {
	return slices.Sorted(maps.Keys(s.publishedAddresses(messages, held, others).files))
}

// PageAddress returns the address of an item's page in a language, as a
// build publishes it ("/en/timelines/t/"), or "" when it has none there.
func (s *Site) PageAddress(messages Messages, it *Item, lang string) string {
	if pg := s.publishedAddresses(messages, nil, nil).own[it][lang]; pg != nil {
		return pg.address
	}
	return ""
}

// PageAddresses returns the address of each item's page in each language
// it has one in, as PageAddress does, found once for the whole site.
func (s *Site) PageAddresses(messages Messages) map[*Item]map[string]string {
	addresses := map[*Item]map[string]string{}
	for it, pages := range s.publishedAddresses(messages, nil, nil).own {
		addresses[it] = map[string]string{}
		for lang, pg := range pages {
			addresses[it][lang] = pg.address
		}
	}
	return addresses
}

// publishedAddresses finds every file a build of the site publishes, as
// Hugo and the templates make it from config.toml, the model and the
// items: each item's page in each language it is in (its address from
// config.toml's permalinks, its formats from outputs and cascade), each
// section's and the home page's, the site's own pages, what Hugo adds
// (each language's 404.html and sitemap, robots.txt, the sitemap index,
// the redirect at the root), static/, and the other files (others). It is
// the one place that decides which items have pages: an item the build
// does not publish is left out here.
func (s *Site) publishedAddresses(messages Messages, held map[*Item]string, others []OtherFile) *addresses {
	p, config := s.Project, s.Project.Config
	a := &addresses{files: map[string]*publishedFile{}, hugoPaths: map[string]map[string]*sitePage{}, own: map[*Item]map[string]*sitePage{}, held: map[string]*Item{},
		of: map[string]map[string]string{}, langs: p.Codes(), prefix: map[string]string{}, assets: map[string]bool{}}
	disabled := map[string]bool{}
	for _, k := range configStrings(config, "disableKinds") {
		disabled[strings.ToLower(k)] = true
	}
	formats := newOutputFormats(config, disabled)
	defaultLang := cmp.Or(configString(config, "defaultContentLanguage"), p.Source().Code)
	inSubdir, _ := config["defaultContentLanguageInSubdir"].(bool)
	for _, lang := range p.Codes() {
		if lang != defaultLang || inSubdir {
			a.prefix[lang] = "/" + lang
		}
	}
	addPage := func(pg *sitePage, hugoPath, of string, outputs []string) {
		for _, name := range outputs {
			file := formats.file(name)
			var page *sitePage
			if file == "index.html" {
				page = pg
			}
			if file != "" {
				a.add(pg.address+file, pg.lang, of+" "+file, page)
			}
		}
		if a.hugoPaths[hugoPath] == nil {
			a.hugoPaths[hugoPath] = map[string]*sitePage{}
		}
		a.hugoPaths[hugoPath][pg.lang] = pg
		if pg.item != nil {
			a.setOwn(pg)
		}
	}
	cascades := newCascades(config)
	for _, lang := range p.Codes() {
		prefix := a.prefix[lang]
		for _, it := range s.Items {
			var pg *sitePage
			var hugoPath, kind string
			switch {
			case it.Kind == model.Sections && it.Files[lang] == nil:
				continue
			case it.Kind == model.Sections && it.ID == model.Home:
				pg, hugoPath, kind = &sitePage{address: prefix + "/", dir: "/"}, "/", "home"
			case it.Kind == model.Sections:
				pattern := permalink(config, lang, "section", it.ID, "/:section/")
				hugoPath, kind = "/"+it.ID, "section"
				pg = &sitePage{address: prefix + expand(pattern, it, it.ID, ""), dir: hugoPath}
			case it.Kind.Section == "" || it.Address(lang) == "":
				continue // no page, or none in this language (nor then a CSAF advisory)
			default:
				pattern := permalink(config, lang, "page", it.Kind.Section, "/:sections/:slugorcontentbasename/")
				hugoPath, kind = "/"+it.Kind.Section+"/"+strings.ToLower(it.ID), "page"
				pg = &sitePage{address: prefix + expand(pattern, it, it.Kind.Section, it.Address(lang)), dir: "/" + it.Kind.Section}
				if held[it] != "" {
					// Not published, nor then its formats; its own texts'
					// anchors are still its page's.
					a.held[pg.address], a.held[hugoPath] = it, it
					pg.lang, pg.item = lang, it
					a.setOwn(pg)
					continue
				}
			}
			pg.lang, pg.item = lang, it
			addPage(pg, hugoPath, it.Kind.Name+"/"+it.ID, cascades.outputs(config, kind, hugoPath))
		}
		for _, sp := range sitePages {
			hugoPath := "/" + sp.path
			outputs := cascades.outputs(config, "page", hugoPath)
			if sp.url != "" {
				if lang != defaultLang {
					continue
				}
				// Published at its address, in no language; found by its
				// path in the first.
				pg := &sitePage{address: sp.url, lang: lang, dir: "/"}
				addPage(pg, hugoPath, "page/"+sp.path, nil)
				if !slices.Contains(outputs, "html") {
					pg = nil
				}
				a.add(sp.url, "", "page/"+sp.path, pg)
				continue
			}
			slug := sp.path
			if sp.slug != "" && messages != nil {
				slug = cmp.Or(urlize(messages(lang, sp.slug), p.RemovePathAccents), slug)
			}
			pg := &sitePage{address: prefix + "/" + slug + "/", lang: lang, dir: "/"}
			addPage(pg, hugoPath, "page/"+sp.path, outputs)
		}
		// What Hugo adds in each language.
		if !disabled["404"] {
			a.add(prefix+"/404.html", lang, "404", nil)
		}
		if !disabled["sitemap"] {
			a.add(prefix+"/sitemap.xml", lang, "sitemap", nil)
		}
	}
	// What Hugo adds at the root: the sitemaps' index, robots.txt, and the
	// home page's address in the default language when it is in its folder.
	if len(p.Languages) > 1 && !disabled["sitemap"] {
		a.add("/sitemap.xml", "", "sitemap index", nil)
	}
	if robots, _ := config["enableRobotsTXT"].(bool); robots && !disabled["robotstxt"] {
		a.add("/robots.txt", "", "robots.txt", nil)
	}
	if inSubdir {
		a.add("/index.html", "", "root", nil)
	}
	for _, o := range others {
		name := o.Name
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		switch {
		case o.Item != nil:
			if pg := a.own[o.Item][o.Lang]; pg != nil && held[o.Item] == "" {
				a.add(pg.address+name, o.Lang, o.Item.Kind.Name+"/"+o.Item.ID+" "+name, nil)
			}
		case o.Lang != "":
			a.add(a.prefix[o.Lang]+"/"+name, o.Lang, name, nil)
		default:
			a.add("/"+name, "", name, nil)
		}
	}
	walkFiles(p.FS, "static", func(rel string, _ fs.DirEntry) { a.add("/"+rel, "", "static "+rel, nil) })
	walkFiles(p.FS, "assets", func(rel string, _ fs.DirEntry) { a.assets[rel] = true })
	return a
}

// walkFiles calls f with the path, from dir, and the entry of each file
// under dir; a folder that is not there has none.
func walkFiles(fsys fs.FS, dir string, f func(rel string, d fs.DirEntry)) {
	_ = fs.WalkDir(fsys, dir, func(file string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			f(strings.TrimPrefix(file, dir+"/"), d)
		}
		return nil
	})
}

// permalink is config.toml's pattern of a section's pages (of "page") or
// of its own page (of "section") in a language: the language's, or the
// site's, or Hugo's default.
func permalink(config map[string]any, lang, of, section, fallback string) string {
	for _, t := range []map[string]any{configTable(config, "languages", lang, "permalinks", of), configTable(config, "permalinks", of), configTable(config, "permalinks")} {
		if s := configString(t, section); s != "" {
			return s
		}
		if of == "section" {
			break // permalinks.SECTION is its pages'
		}
	}
	return fallback
}

// expand makes an address of a permalink pattern, as Hugo does with the
// tokens this site's configuration can use.
func expand(pattern string, it *Item, section, slug string) string {
	date, _, _ := it.Date("date").Parse()
	r := strings.NewReplacer(
		":slugorcontentbasename", slug, ":slugorfilename", slug, ":contentbasename", slug, ":filename", slug, ":slug", slug,
		":sections", section, ":section", section,
		":year", date.Format("2006"), ":month", date.Format("01"), ":day", date.Format("02"))
	address := path.Clean("/" + r.Replace(pattern))
	if address != "/" {
		address += "/"
	}
	return address
}

// urlize makes an address's part of a name, as Hugo's urlize does (and
// its paths, with removePathAccents): the slugs and titles of items, the
// search page's catalogue message.
func urlize(s string, removeAccents bool) string {
	s = paths.Sanitize(s)
	if removeAccents {
		s = text.RemoveAccentsString(s)
	}
	return strings.ToLower(s)
}

// outputFormats are the site's output formats: config.toml's, over Hugo's.
type outputFormats struct {
	config     map[string]any
	mediaTypes map[string]any
	disabled   map[string]bool
}

func newOutputFormats(config map[string]any, disabled map[string]bool) outputFormats {
	return outputFormats{configTable(config, "outputFormats"), configTable(config, "mediaTypes"), disabled}
}

// file returns the name of the file of a page's format: "index.html",
// "timeline.json"; "" for a format that is disabled.
func (o outputFormats) file(name string) string {
	if o.disabled[strings.ToLower(name)] {
		return ""
	}
	baseName, mediaType := "index", ""
	if f, ok := output.DefaultFormats.GetByName(name); ok {
		baseName, mediaType = f.BaseName, f.MediaType.Type
	}
	declared := configTable(o.config, name)
	baseName = cmp.Or(configString(declared, "baseName"), baseName)
	mediaType = cmp.Or(configString(declared, "mediaType"), mediaType)
	suffix := ""
	if suffixes := configStrings(configTable(o.mediaTypes, mediaType), "suffixes"); len(suffixes) > 0 {
		suffix = suffixes[0]
	} else if t, ok := media.DefaultTypes.GetByType(mediaType); ok {
		suffix = t.FirstSuffix.Suffix
	}
	return baseName + "." + suffix
}

// cascades are config.toml's [[cascade]] outputs, with the pages they are
// for.
type cascades []cascade

type cascade struct {
	kind, path interface{ Match(string) bool } // Hugo's globs; nil for any
	outputs    []string
}

func newCascades(config map[string]any) cascades {
	var tables []any
	switch v := config["cascade"].(type) {
	case []map[string]any:
		for _, t := range v {
			tables = append(tables, t)
		}
	case []any:
		tables = v
	case map[string]any:
		tables = []any{v}
	}
	var cs cascades
	for _, t := range tables {
		table, _ := t.(map[string]any)
		outputs := configStrings(table, "outputs")
		if outputs == nil {
			continue
		}
		target := configTable(table, "target")
		if target == nil {
			target = configTable(table, "_target")
		}
		c := cascade{outputs: outputs}
		if k := configString(target, "kind"); k != "" {
			c.kind, _ = hglob.GetGlob(k)
		}
		if pth := configString(target, "path"); pth != "" {
			c.path, _ = hglob.GetGlob(pth)
		}
		cs = append(cs, c)
	}
	return cs
}

// outputs returns the formats of a page of a kind ("home", "section",
// "page") at Hugo's path: the first cascade's that targets it, or
// [outputs], or Hugo's default.
func (cs cascades) outputs(config map[string]any, kind, hugoPath string) []string {
	for _, c := range cs {
		if (c.kind == nil || c.kind.Match(kind)) && (c.path == nil || c.path.Match(hugoPath)) {
			return c.outputs
		}
	}
	if o := configStrings(configTable(config, "outputs"), kind); o != nil {
		return o
	}
	if kind == "page" {
		return []string{"html"}
	}
	return []string{"html", "rss"}
}

// configTable returns the table at a key path of config.toml's settings,
// or nil.
func configTable(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, _ := m[k].(map[string]any)
		if next == nil {
			// Hugo's keys are not case-sensitive.
			for key, v := range m {
				if strings.EqualFold(key, k) {
					next, _ = v.(map[string]any)
				}
			}
		}
		m = next
	}
	return m
}

func configString(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func configStrings(m map[string]any, key string) []string {
	switch v := m[key].(type) {
	case []string:
		return v
	case []any:
		var list []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				list = append(list, s)
			}
		}
		return list
	}
	return nil
}
