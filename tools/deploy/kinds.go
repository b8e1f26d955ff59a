package deploy

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// kind is a kind of file of the site: how long readers' browsers and the
// CDN keep it, and when a deploy uploads it.
type kind struct {
	name         string // tells apart kinds cached alike
	cacheControl string
}

// The kinds, in the order a deploy uploads them: a file is uploaded after
// every file it names, so that a reader never gets a page whose stylesheet,
// images or downloads are not there yet, nor a feed or an index that names
// a page not there yet.
var (
	// fingerprinted files have the hash of their content in their name
	// (Hugo's css/main.min.HASH.css, Pagefind's index chunks): a changed file
	// is a new name, so they are kept for a year and never revalidated.
	fingerprinted = kind{"fingerprinted", "public, max-age=31536000, immutable"}
	// other files are the exports, advisories, images and scripts whose
	// name stays the same when they change: an hour.
	other = kind{"file", "public, max-age=3600"}
	// pages are read as soon as they change: five minutes.
	page = kind{"page", "public, max-age=300"}
	// listings name other files: feeds, sitemaps, the CSAF and search
	// indexes. Uploaded last, and as short-lived as pages.
	listing = kind{"listing", "public, max-age=300"}

	kinds = []kind{fingerprinted, other, page, listing}
)

var (
	// Hugo's fingerprints are SHA-256 (64 hexadecimal digits) before the
	// extension, and the images it resizes are named by the hash of their
	// source and processing (_hu_…); Pagefind's .pf_ files are named by the
	// hash of their content.
	fingerprintedName = regexp.MustCompile(`\.[0-9a-f]{64}\.[^./]+$|_hu_[0-9a-f]{8,}\.[^./]+$|_[0-9a-f]{7,}\.pf_[a-z]+$`)
	// The feeds, the sitemaps, robots.txt and security.txt, the search
	// index's entry, and the CSAF distribution's listings: the files at the
	// top of a csaf/ folder (the provider metadata, index.txt, changes.csv,
	// the ROLIE feeds), not the advisories in its year folders.
	listingName = regexp.MustCompile(`(^|/)(feed\.xml|sitemap\.xml|robots\.txt|security\.txt|pagefind-entry\.json)$|(^|/)csaf/[^/]+$`)
)

func kindOf(key string) kind {
	switch {
	case fingerprintedName.MatchString(key):
		return fingerprinted
	case strings.HasSuffix(key, ".html"):
		return page
	case listingName.MatchString(key):
		return listing
	}
	return other
}

// contentTypes are the types of the files a build writes, by extension.
// A table of its own, not the system's (mime.TypeByExtension reads
// /etc/mime.types): the same build gets the same types from any machine.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".asc":         "text/plain; charset=utf-8", // OpenPGP signatures and keys, armored: readable as text
	".sha256":      "text/plain; charset=utf-8",
	".sha512":      "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".wasm":        "application/wasm",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
	// Pagefind's index and its compressed WebAssembly, which its script
	// fetches and unpacks itself.
	".pagefind":    "application/octet-stream",
	".pf_meta":     "application/octet-stream",
	".pf_index":    "application/octet-stream",
	".pf_fragment": "application/octet-stream",
	".pf_filter":   "application/octet-stream",
}

// contentTypesByName are the types of files named, not typed, by their
// extension.
var contentTypesByName = map[string]string{
	"feed.xml": "application/atom+xml", // the site's and sections' Atom feeds
	"_headers": "text/plain; charset=utf-8",
}

// Headers are the headers a file is uploaded with.
type Headers struct {
	ContentType  string
	CacheControl string
}

// HeadersOf returns the headers of the file at key: its kind's and its
// extension's, unless the first matcher matching it sets them.
func HeadersOf(key string, matchers []Matcher) (Headers, error) {
	h := Headers{ContentType: contentTypesByName[path.Base(key)], CacheControl: kindOf(key).cacheControl}
	if h.ContentType == "" {
		h.ContentType = contentTypes[strings.ToLower(path.Ext(key))]
	}
	for _, m := range matchers {
		if m.Pattern.MatchString(key) {
			if m.ContentType != "" {
				h.ContentType = m.ContentType
			}
			if m.CacheControl != "" {
				h.CacheControl = m.CacheControl
			}
			break
		}
	}
	if h.ContentType == "" {
		return h, fmt.Errorf("%s: site deploy does not know the type of a %q file; add a [[deployment.matchers]] to config.toml with a pattern that matches it and its contentType", key, cmp.Or(path.Ext(key), path.Base(key)))
	}
	return h, nil
}
