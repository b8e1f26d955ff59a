package export

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// The ROLIE feeds of the signed advisories (CSAF requirements 15 to 17,
// RFC 8322's JSON): every advisory is TLP:WHITE, and each language's
// distribution has its feed of them, in its folder, with its category
// document beside it; since CSAF has all the documents of one TLP label
// in a single feed, a feed of every language's, with its category
// document, is in the provider metadata's folder, with the service
// document that lists them all. A feed holds no time of its own: it was
// last updated with its latest advisory.

// tlpLabel is the TLP label of every advisory, and of the feeds.
const tlpLabel = "WHITE"

// The files of the ROLIE documents: a feed and its category document in
// a distribution's folder (and in the provider metadata's, for every
// language), and the service document beside the provider metadata.
const (
	feedFile     = "feed-tlp-white.json"
	categoryFile = "category-white.json" // where csaf_checker looks for a feed's, beside it
	serviceFile  = wellKnownCSAF + "service.json"
)

// The ROLIE documents, each object's fields in the order of their names;
// csaf_checker reads them strictly, any other field being an error.
type (
	rolieFeedDocument struct {
		Feed rolieFeed `json:"feed"`
	}
	rolieFeed struct {
		Category []rolieCategory `json:"category"`
		Entry    []rolieEntry    `json:"entry"`
		ID       string          `json:"id"`
		Link     []rolieLink     `json:"link"`
		Title    string          `json:"title"`
		Updated  string          `json:"updated"`
	}
	rolieEntry struct {
		Category  []rolieCategory `json:"category"`
		Content   rolieContent    `json:"content"`
		Format    rolieFormat     `json:"format"`
		ID        string          `json:"id"`
		Lang      string          `json:"lang"`
		Link      []rolieLink     `json:"link"`
		Published string          `json:"published"`
		Summary   *rolieSummary   `json:"summary,omitempty"`
		Title     string          `json:"title"`
		Updated   string          `json:"updated"`
	}
	rolieCategory struct {
		Scheme string `json:"scheme,omitempty"`
		Term   string `json:"term"`
	}
	rolieLink struct {
		Href string `json:"href"`
		Rel  string `json:"rel"`
	}
	rolieContent struct {
		Src  string `json:"src"`
		Type string `json:"type"`
	}
	rolieFormat struct {
		Schema  string `json:"schema"`
		Version string `json:"version"`
	}
	rolieSummary struct {
		Content string `json:"content"`
	}
	rolieCategories struct {
		Category []rolieCategory `json:"category"`
	}
	rolieCategoryDocument struct {
		Categories rolieCategories `json:"categories"`
	}
	rolieServiceDocument struct {
		Service struct {
			Workspace []rolieWorkspace `json:"workspace"`
		} `json:"service"`
	}
	rolieWorkspace struct {
		Collection []rolieCollection `json:"collection"`
		Title      string            `json:"title"`
	}
	rolieCollection struct {
		Categories rolieCategories `json:"categories"`
		Href       string          `json:"href"`
		Title      string          `json:"title"`
	}
)

// csafInformationType is the category ROLIE gives every CSAF feed.
var csafInformationType = rolieCategory{Scheme: "urn:ietf:params:rolie:category:information-type", Term: "csaf"}

// rolieFeedOf is a feed of advisories: one language's (Lang set), or
// every language's.
type rolieFeedOf struct {
	Lang       string // "" for every language's
	Folder     string // its folder, from the site's root: "en/csaf/", ".well-known/csaf/"
	Advisories []Advisory
}

// feeds returns the feed of each distribution, then the feed of every
// language's advisories, the latest release first.
func (e *exporter) feeds(dists []Distribution) ([]rolieFeedOf, error) {
	var feeds []rolieFeedOf
	all := rolieFeedOf{Folder: wellKnownCSAF}
	for _, d := range dists {
		dir, err := e.folder(d.Folder)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, rolieFeedOf{Lang: d.Lang, Folder: dir, Advisories: d.Advisories})
		all.Advisories = append(all.Advisories, d.Advisories...)
	}
	slices.SortStableFunc(all.Advisories, latestFirst)
	return append(feeds, all), nil
}

// id, title and url of a feed: the title names the publisher, and the
// language of a language's feed, each in its own language.
func (e *exporter) feedID(f rolieFeedOf) string {
	if f.Lang == "" {
		return "csaf-feed-tlp-white"
	}
	return "csaf-feed-tlp-white-" + f.Lang
}

func (e *exporter) feedTitle(f rolieFeedOf) string {
	if f.Lang == "" {
		return e.param(e.langs[0], "publisher", "name") + " — CSAF TLP:" + tlpLabel
	}
	return e.param(f.Lang, "publisher", "name") + " — CSAF TLP:" + tlpLabel + " (" + e.languageName(f.Lang) + ")"
}

func (e *exporter) feedURL(f rolieFeedOf) string { return e.absURL(f.Folder + feedFile) }

// writeFeed writes a feed and its category document.
func (e *exporter) writeFeed(f rolieFeedOf) error {
	feed := rolieFeed{
		Category: []rolieCategory{csafInformationType},
		Entry:    []rolieEntry{}, // a feed of no advisory has an empty list, not none
		ID:       e.feedID(f),
		Link:     []rolieLink{{Href: e.feedURL(f), Rel: "self"}, {Href: e.absURL(serviceFile), Rel: "service"}},
		Title:    e.feedTitle(f),
	}
	var updated time.Time
	terms := map[string]bool{}
	for _, a := range f.Advisories {
		entry := e.rolieEntry(a)
		feed.Entry = append(feed.Entry, entry)
		for _, c := range entry.Category {
			terms[c.Term] = true
		}
		if a.Current().After(updated) {
			updated = a.Current()
		}
	}
	if updated.IsZero() {
		updated = e.latestChange()
	}
	feed.Updated = moment(updated)
	data, err := e.encodeJSON(rolieFeedDocument{Feed: feed})
	if err != nil {
		return err
	}
	if err := e.writeFile(f.Folder+feedFile, data); err != nil {
		return err
	}
	// The category document lists the categories its feed's entries are
	// in: the kind of CSAF document, and the language.
	var categories rolieCategoryDocument
	categories.Categories.Category = []rolieCategory{}
	for _, term := range slices.Sorted(maps.Keys(terms)) {
		categories.Categories.Category = append(categories.Categories.Category, rolieCategory{Term: term})
	}
	if data, err = e.encodeJSON(categories); err != nil {
		return err
	}
	return e.writeFile(f.Folder+categoryFile, data)
}

// rolieEntry is an advisory in a feed: where it is, with its hashes and
// its signature (CSAF requirement 15), its dates, and its categories: the
// kind of CSAF document, and its language.
func (e *exporter) rolieEntry(a Advisory) rolieEntry {
	l, _ := e.p.Language(a.Lang)
	entry := rolieEntry{
		Category: []rolieCategory{{Term: csafCategory}, {Term: l.Locale}},
		Content:  rolieContent{Src: a.URL, Type: "application/json"},
		Format:   rolieFormat{Schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", Version: "2.0"},
		ID:       a.TrackingID,
		Lang:     l.Locale,
		Link: []rolieLink{{Href: a.URL, Rel: "self"}, {Href: a.URL + ".sha256", Rel: "hash"}, {Href: a.URL + ".sha512", Rel: "hash"},
			{Href: a.URL + ".asc", Rel: "signature"}},
		Published: moment(a.Versions[0]),
		Title:     strings.TrimSpace(pick(a.Bulletin.Text("title"), a.Lang, e.langs)),
		Updated:   moment(a.Current()),
	}
	if summary := strings.TrimSpace(pick(a.Bulletin.Text("description"), a.Lang, e.langs)); summary != "" {
		entry.Summary = &rolieSummary{Content: Markdown(summary)}
	}
	return entry
}

// writeService writes the service document: every feed, in one
// workspace.
func (e *exporter) writeService(feeds []rolieFeedOf) error {
	var doc rolieServiceDocument
	workspace := rolieWorkspace{Title: e.param(e.langs[0], "publisher", "name") + " — CSAF"}
	for _, f := range feeds {
		workspace.Collection = append(workspace.Collection, rolieCollection{
			Categories: rolieCategories{Category: []rolieCategory{csafInformationType}},
			Href:       e.feedURL(f),
			Title:      e.feedTitle(f),
		})
	}
	doc.Service.Workspace = []rolieWorkspace{workspace}
	data, err := e.encodeJSON(doc)
	if err != nil {
		return err
	}
	return e.writeFile(serviceFile, data)
}
