package preview

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/http"
	"slices"
	"strings"
)

// The review pages (/_review/): each item's texts in the source language
// beside their translations, for translators to read in context. They
// are the preview's own, made as they are asked for: a build never has
// them.
var (
	//go:embed review.html
	reviewHTML string
	//go:embed review.css
	reviewCSS []byte
)

const (
	// reviewPath is the address of the review pages: the index there, and
	// each item's page at reviewPath + the address of one of its pages.
	reviewPath  = "/_review/"
	reviewStyle = "/_preview/review.css"
)

// Reviews are what the review pages show, which the Source prepares from
// its translations.
type Reviews struct {
	// Names are the languages' names, by code.
	Names map[string]string
	// Items are the items with texts to translate, in the site's order.
	Items []*ReviewItem
}

// ReviewItem is an item's texts and their translations.
type ReviewItem struct {
	ID    string // as the texts' ids start: "timeline/fixture"
	Title string // in the source language
	// Pages are the addresses of its pages, the source language's first
	// ("/en/timelines/fixture/"); none for an item without pages (an
	// organization).
	Pages []Page
	Texts []*ReviewText // in the item's order; a page's body block by block
}

// Page is an item's page in a language.
type Page struct{ Lang, Address string }

// ReviewText is a text of the source language and its translations.
type ReviewText struct {
	ID     string // the translation unit's id, as translators' files have it
	Source string // Markdown, as written
	// Translations are in the order of the target languages
	// (Update.Languages after the source); one with no State is a text
	// that language's translation does not have as such (its body's
	// blocks do not pair with the source's).
	Translations []Translation
}

// Translation is a text's translation into a language, and how it stands.
type Translation struct {
	Lang  string
	Text  string // Markdown, as written; "" when missing
	State string // "current", "outdated" or "missing"
	Place string // file:line:col of the translation, or of where it goes
	// For an outdated translation: since when, in the tool's words
	// (English, as the terminal's), and what changed in the source since
	// it was translated, word by word (nil when that was not recorded).
	Since   string
	Changes []Change
	// Warnings are what site check warns about in the translation, in
	// the tool's words.
	Warnings []string
}

// Change is a run of the source that a change kept, removed or added.
type Change struct {
	Op   string // "=" kept, "-" removed, "+" added
	Text string
}

// Address is the address of the item's review page: after reviewPath, the
// address of its first page, or, without one, its id.
func (it *ReviewItem) Address() string {
	for _, p := range it.Pages {
		if p.Address != "/" { // the index's
			return reviewAddress(p.Address)
		}
	}
	return reviewPath + it.ID + "/"
}

// reviewAddress is the address of the review of the page at address.
func reviewAddress(address string) string { return strings.TrimSuffix(reviewPath, "/") + address }

// Count is how many of the item's translations into lang are in a state.
func (it *ReviewItem) Count(lang, state string) int {
	n := 0
	for _, t := range it.Texts {
		for _, tr := range t.Translations {
			if tr.Lang == lang && tr.State == state {
				n++
			}
		}
	}
	return n
}

// find returns the item whose review page is at address: the review of
// any of its pages, in any language.
func (r *Reviews) find(address string) *ReviewItem {
	for _, it := range r.Items {
		if it.Address() == address || slices.ContainsFunc(it.Pages, func(p Page) bool { return reviewAddress(p.Address) == address }) {
			return it
		}
	}
	return nil
}

// serveReview serves the review page at r's address, or the index. Its
// interface is in the language of the page reviewed. s.mu is read-held.
func (s *Server) serveReview(w http.ResponseWriter, r *http.Request) {
	if s.update.Reviews == nil {
		http.NotFound(w, r)
		return
	}
	reviews := s.update.Reviews()
	lang := s.language(strings.TrimPrefix(r.URL.Path, strings.TrimSuffix(reviewPath, "/")))
	data := struct {
		Lang, Source, Style, Livereload, Index string
		Targets                                []string
		Names                                  map[string]string
		Item                                   *ReviewItem
		Items                                  []*ReviewItem
	}{Lang: lang, Source: s.language("/"), Style: reviewStyle, Livereload: s.livereloadScript(), Index: reviewPath,
		Targets: s.update.Languages[1:], Names: reviews.Names, Items: reviews.Items}
	name := "index"
	if r.URL.Path != reviewPath {
		if data.Item, name = reviews.find(r.URL.Path), "item"; data.Item == nil {
			http.NotFound(w, r)
			return
		}
	}
	t := s.words(lang)
	funcs := template.FuncMap{
		"T": func(key string) string { return t(key) },
		// counts says how many translations of an item into lang are to
		// make and to update, or that all are current.
		"counts": func(it *ReviewItem, lang string) string {
			var counts []string
			if n := it.Count(lang, "missing"); n > 0 {
				counts = append(counts, t("previewReviewMissingCount", n))
			}
			if n := it.Count(lang, "outdated"); n > 0 {
				counts = append(counts, t("previewReviewOutdatedCount", n))
			}
			if counts == nil {
				return t("previewReviewCurrent")
			}
			return strings.Join(counts, ", ")
		},
	}
	page, err := template.New("review").Funcs(funcs).Parse(reviewHTML)
	var b bytes.Buffer
	if err == nil {
		err = page.ExecuteTemplate(&b, name, data)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.servePage(w, r, http.StatusOK, b.Bytes())
}
