package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/csv"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/project"
)

// A bulletin is a CSAF 2.0 advisory in each language it is published in
// (CSAF section 7.1, a provider's requirements): each language has its
// distribution, the folder DistributionFolder of its home page (/en/csaf/),
// with each advisory in the folder of the year of its first release and
// named after its tracking id (requirement 11), index.txt (requirement 12)
// and changes.csv (requirement 13); the provider metadata names the
// distributions (requirements 7 and 9). The folders' listings (requirement
// 14) are pages, with the site's header and footer: Hugo's to render, from
// what Distributions gives.

// DistributionFolder is the folder of a language's CSAF distribution, in
// its home page's: /en/csaf/.
const DistributionFolder = "csaf/"

// csafCategory is the category of every advisory: a bulletin informs, it
// names no vulnerable product.
const csafCategory = "csaf_informational_advisory"

// Advisory is a bulletin's CSAF advisory in one language.
type Advisory struct {
	Bulletin     *content.Item
	BulletinPage Page // the bulletin's page, in the advisory's language
	Lang         string
	// TrackingID is the bulletin's id, and a translation's adds its
	// locale, as CSAF's rules for translations allow (section 9.1.9):
	// fixture-bulletin-fr-CA.
	TrackingID string
	// Path is its file in its distribution's folder: the year of its first
	// release, then its tracking id as CSAF makes a file name of it
	// (section 5.1): 2024/fixture-bulletin-fr-ca.json.
	Path   string
	URL    string // its address: the distribution's, then Path
	RelURL string
	// Versions are the dates of its versions: the bulletin's date, then
	// each of its revisions; the last is its current release.
	Versions []time.Time
}

// Year is the folder of the advisory: the year of its first release.
func (a Advisory) Year() string { return strconv.Itoa(a.Versions[0].Year()) }

// Current is the date of its current release.
func (a Advisory) Current() time.Time { return a.Versions[len(a.Versions)-1] }

// Distribution is the CSAF distribution of one language.
type Distribution struct {
	Lang   string
	Folder Page // its folder's address: /en/csaf/
	// Advisories are those of its language, the latest release first.
	Advisories []Advisory
}

// Years returns the years of its folders, the latest first.
func (d Distribution) Years() []string {
	var years []string
	for _, a := range d.Advisories {
		years = append(years, a.Year())
	}
	slices.Sort(years)
	slices.Reverse(years)
	return slices.Compact(years)
}

// Distributions returns the CSAF distribution of each language whose home
// page Pages publishes, in the site's order, with the bulletins published
// there: what its folders' listings show, what a bulletin's page links,
// and what Write publishes. The bulletins are the pages of config.toml's
// params.csaf.section; without it, there is none.
func Distributions(site *content.Site, pages Pages, held map[*content.Item]string) ([]Distribution, error) {
	e, err := newExporter(site, pages, held, Options{})
	if err != nil {
		return nil, err
	}
	return e.distributions()
}

func (e *exporter) distributions() ([]Distribution, error) {
	section := e.param(e.langs[0], "csaf", "section")
	if section == "" {
		return nil, nil
	}
	kind := e.p.Model.KindOfSection(section)
	if kind == nil {
		return nil, fmt.Errorf("export: config.toml's params.csaf.section is %q, which no kind of data/model.toml is published in", section)
	}
	var dists []Distribution
	for _, lang := range e.langs {
		home, ok := e.pages.Page(lang, "/")
		if !ok {
			continue
		}
		d := Distribution{Lang: lang, Folder: Page{Permalink: home.Permalink + DistributionFolder, RelPermalink: home.RelPermalink + DistributionFolder}}
		for _, b := range e.site.Of(kind.Name) {
			bpg, ok := e.page(b, lang)
			if !ok {
				continue
			}
			a, err := e.advisory(b, lang, d.Folder, bpg)
			if err != nil {
				return nil, err
			}
			d.Advisories = append(d.Advisories, a)
		}
		slices.SortStableFunc(d.Advisories, latestFirst)
		dists = append(dists, d)
	}
	return dists, nil
}

// latestFirst orders advisories by their current release, the latest
// first, then by path.
func latestFirst(a, b Advisory) int {
	return cmp.Or(b.Current().Compare(a.Current()), strings.Compare(a.Path, b.Path))
}

func (e *exporter) advisory(b *content.Item, lang string, dist, page Page) (Advisory, error) {
	a := Advisory{Bulletin: b, Lang: lang, TrackingID: b.ID, BulletinPage: page}
	if lang != e.langs[0] {
		l, _ := e.p.Language(lang)
		a.TrackingID += "-" + l.Locale
	}
	dates := append([]content.Date{b.Date("date")}, revisions(b)...)
	for _, d := range dates {
		t, _, ok := d.Parse()
		if !ok {
			return Advisory{}, fmt.Errorf("export: bulletin %q has no date of publication to date its advisory by", b.ID)
		}
		a.Versions = append(a.Versions, t)
	}
	a.Path = a.Year() + "/" + csafFileName(a.TrackingID) + ".json"
	a.URL, a.RelURL = dist.Permalink+a.Path, dist.RelPermalink+a.Path
	return a, nil
}

func revisions(b *content.Item) []content.Date {
	r, _ := b.Values["revisions"].([]content.Date)
	return r
}

var notFileName = regexp.MustCompile(`[^+\-a-z0-9]+`)

// csafFileName is a tracking id as the name of its file (CSAF section 5.1).
func csafFileName(trackingID string) string {
	return notFileName.ReplaceAllString(strings.ToLower(trackingID), "_")
}

// csafJobs write each advisory of each language with its hashes, each
// distribution's index.txt and changes.csv, and, with the first language,
// the provider metadata. With a key, they also sign each advisory and
// write the ROLIE feeds (each distribution's, and every language's with
// the first language), the service document and the public key. Without
// one there is no feed: csaf_checker fails a provider whose feed has an
// entry without a signature.
func (e *exporter) csafJobs(dists []Distribution) []func() error {
	var jobs []func() error
	var feeds []rolieFeedOf
	if e.opts.Signer != nil {
		var err error
		if feeds, err = e.feeds(dists); err != nil {
			return []func() error{func() error { return fmt.Errorf("export: the CSAF distributions: %w", err) }}
		}
	}
	for i, d := range dists {
		if !e.writes(d.Lang) {
			continue
		}
		for _, a := range d.Advisories {
			jobs = append(jobs, func() error {
				if err := e.writeAdvisory(dists, d, a); err != nil {
					return fmt.Errorf("export: the CSAF advisory of bulletin %q in %q: %w", a.Bulletin.ID, a.Lang, err)
				}
				return nil
			})
		}
		jobs = append(jobs, func() error {
			if err := e.writeDistribution(d); err != nil {
				return fmt.Errorf("export: the CSAF distribution in %q: %w", d.Lang, err)
			}
			if feeds == nil {
				return nil
			}
			if err := e.writeFeed(feeds[i]); err != nil {
				return fmt.Errorf("export: the ROLIE feed of the CSAF distribution in %q: %w", d.Lang, err)
			}
			return nil
		})
	}
	if len(dists) > 0 && e.writes(e.langs[0]) {
		jobs = append(jobs, func() error {
			if err := e.writeProviderMetadata(dists, feeds); err != nil {
				return fmt.Errorf("export: the CSAF provider metadata: %w", err)
			}
			if feeds == nil {
				return nil
			}
			if err := e.writeFeed(feeds[len(feeds)-1]); err != nil {
				return fmt.Errorf("export: the ROLIE feed of every language's CSAF advisories: %w", err)
			}
			if err := e.writeService(feeds); err != nil {
				return fmt.Errorf("export: the ROLIE service document: %w", err)
			}
			if err := e.writeFile(e.publicKeyFile(), e.opts.Signer.PublicKey()); err != nil {
				return fmt.Errorf("export: the public OpenPGP key: %w", err)
			}
			return nil
		})
	}
	return jobs
}

// writeDistribution writes a distribution's index.txt, every advisory's
// path, sorted; and its changes.csv, each path and its current release,
// the latest first, without a heading.
func (e *exporter) writeDistribution(d Distribution) error {
	dir, err := e.folder(d.Folder)
	if err != nil {
		return err
	}
	var paths []string
	for _, a := range d.Advisories {
		paths = append(paths, a.Path+"\n")
	}
	slices.Sort(paths)
	if err := e.writeFile(dir+"index.txt", []byte(strings.Join(paths, ""))); err != nil {
		return err
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, a := range d.Advisories { // the latest first, then by path
		_ = w.Write([]string{a.Path, moment(a.Current())})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return e.writeFile(dir+"changes.csv", b.Bytes())
}

// The CSAF 2.0 advisory (csaf_json_schema.json), each object's fields in
// the order of their names.
type (
	csafAdvisory struct {
		Document csafDocument `json:"document"`
	}
	csafDocument struct {
		Category     string           `json:"category"`
		CSAFVersion  string           `json:"csaf_version"`
		Distribution csafDistribution `json:"distribution"`
		Lang         string           `json:"lang"`
		Notes        []csafNote       `json:"notes"`
		Publisher    csafPublisher    `json:"publisher"`
		References   []csafReference  `json:"references"`
		SourceLang   string           `json:"source_lang,omitempty"`
		Title        string           `json:"title"`
		Tracking     csafTracking     `json:"tracking"`
	}
	csafDistribution struct {
		TLP struct {
			Label string `json:"label"`
			URL   string `json:"url"`
		} `json:"tlp"`
	}
	csafNote struct {
		Category string `json:"category"`
		Text     string `json:"text"`
		Title    string `json:"title"`
	}
	csafPublisher struct {
		Category  string `json:"category"`
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	}
	csafReference struct {
		Category string `json:"category"`
		Summary  string `json:"summary"`
		URL      string `json:"url"`
	}
	csafTracking struct {
		CurrentReleaseDate string         `json:"current_release_date"`
		ID                 string         `json:"id"`
		InitialReleaseDate string         `json:"initial_release_date"`
		RevisionHistory    []csafRevision `json:"revision_history"`
		Status             string         `json:"status"`
		Version            string         `json:"version"`
	}
	csafRevision struct {
		Date    string `json:"date"`
		Number  string `json:"number"`
		Summary string `json:"summary"`
	}
)

func (e *exporter) writeAdvisory(dists []Distribution, d Distribution, a Advisory) error {
	doc, err := e.csafDocument(dists, a)
	if err != nil {
		return err
	}
	data, err := e.encodeJSON(csafAdvisory{Document: doc})
	if err != nil {
		return err
	}
	dir, err := e.folder(d.Folder)
	if err != nil {
		return err
	}
	name := dir + a.Path
	if err := e.writeFile(name, data); err != nil {
		return err
	}
	// Its hashes (requirement 18), as sha256sum and sha512sum write them.
	base := path.Base(a.Path)
	sha256sum, sha512sum := sha256.Sum256(data), sha512.Sum512(data)
	for ext, sum := range map[string][]byte{".sha256": sha256sum[:], ".sha512": sha512sum[:]} {
		if err := e.writeFile(name+ext, fmt.Appendf(nil, "%x  %s\n", sum, base)); err != nil {
			return err
		}
	}
	// Its signature (requirement 19).
	if e.opts.Signer == nil {
		return nil
	}
	sig, err := e.opts.Signer.sign(data)
	if err != nil {
		return fmt.Errorf("signing it with the key %s: %w", e.opts.Signer.Fingerprint, err)
	}
	return e.writeFile(name+".asc", sig)
}

// csafDocument is a bulletin as an informational advisory in a language:
// its description as its summary, its text (Markdown) as its description,
// the measures it recommends as a note and as references to their pages.
// A translation names its source language and refers to the original
// advisory first (CSAF section 9.1.9). Its history is the bulletin's, so
// that an unchanged bulletin keeps its version from one build to the next.
func (e *exporter) csafDocument(dists []Distribution, a Advisory) (csafDocument, error) {
	lang, source := a.Lang, e.langs[0]
	b := a.Bulletin
	t := func(key string) string { return e.message(lang, key) }
	if err := e.loadCatalogue(); err != nil {
		return csafDocument{}, err
	}
	l, _ := e.p.Language(lang)
	title := strings.TrimSpace(pick(b.Text("title"), lang, e.langs))
	doc := csafDocument{
		Category:    csafCategory,
		CSAFVersion: "2.0",
		Lang:        l.Locale,
		Publisher:   e.publisher(lang),
		Title:       title,
		Notes: []csafNote{
			{Category: "summary", Text: Markdown(strings.TrimSpace(pick(b.Text("description"), lang, e.langs))), Title: t("csafSummary")},
			{Category: "description", Text: Markdown(strings.TrimSpace(pick(b.Text("body"), lang, e.langs))), Title: title},
		},
	}
	doc.Distribution.TLP.Label, doc.Distribution.TLP.URL = "WHITE", "https://www.first.org/tlp/"
	if lang != source {
		doc.SourceLang = e.p.Source().Locale
		for _, d := range dists {
			if d.Lang != source {
				continue
			}
			for _, original := range d.Advisories {
				if original.Bulletin == b {
					doc.References = append(doc.References, csafReference{Category: "external", Summary: t("csafOriginal"), URL: original.URL})
				}
			}
		}
	}
	doc.References = append(doc.References, csafReference{Category: "self", Summary: title, URL: a.BulletinPage.Permalink})
	var measures []string
	for _, id := range b.Strings("measures") {
		m := e.site.Item("measure", id)
		pg, ok := e.page(m, lang)
		if !ok {
			continue
		}
		name := strings.TrimSpace(m.Title(lang))
		measures = append(measures, fmt.Sprintf("- [%s](%s)", name, pg.Permalink))
		doc.References = append(doc.References, csafReference{Category: "external", Summary: name, URL: pg.Permalink})
	}
	if len(measures) > 0 {
		doc.Notes = append(doc.Notes, csafNote{Category: "general", Text: strings.Join(measures, "\n"), Title: t("recommendedMeasures")})
	}
	doc.Tracking = csafTracking{ID: a.TrackingID, Status: "final", Version: strconv.Itoa(len(a.Versions)),
		InitialReleaseDate: moment(a.Versions[0]), CurrentReleaseDate: moment(a.Current())}
	for i, v := range a.Versions {
		summary := t("csafUpdate")
		if i == 0 {
			summary = t("csafInitialRelease")
		}
		doc.Tracking.RevisionHistory = append(doc.Tracking.RevisionHistory, csafRevision{Date: moment(v), Number: strconv.Itoa(i + 1), Summary: summary})
	}
	return doc, nil
}

// publisher is who publishes the advisories, named in a language.
func (e *exporter) publisher(lang string) csafPublisher {
	return csafPublisher{Category: "coordinator", Name: e.param(lang, "publisher", "name"), Namespace: e.param(lang, "publisher", "namespace")}
}

// The provider metadata (provider_json_schema.json), each object's fields
// in the order of their names.
type (
	providerMetadata struct {
		CanonicalURL        string                 `json:"canonical_url"`
		Distributions       []providerDistribution `json:"distributions"`
		LastUpdated         string                 `json:"last_updated"`
		ListOnAggregators   bool                   `json:"list_on_CSAF_aggregators"`
		MetadataVersion     string                 `json:"metadata_version"`
		MirrorOnAggregators bool                   `json:"mirror_on_CSAF_aggregators"`
		PublicOpenPGPKeys   []providerKey          `json:"public_openpgp_keys,omitempty"`
		Publisher           csafPublisher          `json:"publisher"`
		Role                string                 `json:"role"`
	}
	providerDistribution struct {
		DirectoryURL string         `json:"directory_url,omitempty"`
		ROLIE        *providerROLIE `json:"rolie,omitempty"`
	}
	providerROLIE struct {
		Categories []string       `json:"categories"`
		Feeds      []providerFeed `json:"feeds"`
		Services   []string       `json:"services"`
	}
	providerFeed struct {
		Summary  string `json:"summary"`
		TLPLabel string `json:"tlp_label"`
		URL      string `json:"url"`
	}
	providerKey struct {
		Fingerprint string `json:"fingerprint"`
		URL         string `json:"url"`
	}
)

// wellKnownCSAF is the folder of the provider metadata (CSAF section 7.1,
// requirement 9), from the site's root, and providerMetadataFile the
// metadata.
const (
	wellKnownCSAF        = ".well-known/csaf/"
	providerMetadataFile = wellKnownCSAF + "provider-metadata.json"
)

// publicKeyFile is where the public key is published: in a folder beside
// the provider metadata, named after its fingerprint (CSAF requirement 20).
func (e *exporter) publicKeyFile() string {
	return wellKnownCSAF + "openpgp/" + e.opts.Signer.Fingerprint + ".asc"
}

// writeProviderMetadata writes who publishes the advisories, and where:
// each language's distribution, as a folder and, when they are signed, as
// a ROLIE feed (feeds, one per distribution then every language's), with
// the key they are signed with, which makes the publisher a trusted
// provider. It was last updated with the latest release of an advisory
// (or, with none, the site's latest change), never at the build's moment.
func (e *exporter) writeProviderMetadata(dists []Distribution, feeds []rolieFeedOf) error {
	m := providerMetadata{CanonicalURL: e.absURL(providerMetadataFile), ListOnAggregators: true, MetadataVersion: "2.0",
		MirrorOnAggregators: true, Publisher: e.publisher(e.langs[0]), Role: "csaf_provider"}
	if s := e.opts.Signer; s != nil {
		m.Role = "csaf_trusted_provider"
		m.PublicOpenPGPKeys = []providerKey{{Fingerprint: s.Fingerprint, URL: e.absURL(e.publicKeyFile())}}
	}
	var updated time.Time
	for _, d := range dists {
		m.Distributions = append(m.Distributions, providerDistribution{DirectoryURL: d.Folder.Permalink})
		for _, a := range d.Advisories {
			if a.Current().After(updated) {
				updated = a.Current()
			}
		}
	}
	for i, f := range feeds {
		rolie := &providerROLIE{
			Categories: []string{e.absURL(f.Folder + categoryFile)},
			Feeds:      []providerFeed{{Summary: e.feedTitle(f), TLPLabel: tlpLabel, URL: e.feedURL(f)}},
			Services:   []string{e.absURL(serviceFile)},
		}
		if i < len(m.Distributions) {
			m.Distributions[i].ROLIE = rolie
		} else { // every language's
			m.Distributions = append(m.Distributions, providerDistribution{ROLIE: rolie})
		}
	}
	if updated.IsZero() {
		updated = e.latestChange()
	}
	m.LastUpdated = moment(updated)
	data, err := e.encodeJSON(m)
	if err != nil {
		return err
	}
	return e.writeFile(providerMetadataFile, data)
}

// latestChange is the latest change of an item published.
func (e *exporter) latestChange() time.Time {
	var latest time.Time
	for _, it := range e.site.Items {
		if it.Kind.Section == "" || e.held[it] != "" {
			continue
		}
		if t, _, ok := it.Lastmod().Parse(); ok && t.After(latest) {
			latest = t
		}
	}
	return latest
}

// The messages of the catalogues the advisories are written with.
var csafMessages = []string{"csafSummary", "csafOriginal", "csafInitialRelease", "csafUpdate", "recommendedMeasures"}

// loadCatalogue reads the messages the advisories need from each
// language's catalogue (i18n/LANG.toml), once.
func (e *exporter) loadCatalogue() error {
	e.catalogueOnce.Do(func() {
		e.catalogue = map[string]map[string]string{}
		for _, lang := range e.langs {
			file := project.CatalogueFile(lang)
			doc, prob := e.p.DecodeOptional(file)
			if prob != nil {
				e.catalogueErr = *prob
				return
			}
			e.catalogue[lang] = map[string]string{}
			if doc == nil {
				continue
			}
			for _, key := range csafMessages {
				switch m := doc.Data[key].(type) {
				case string:
					e.catalogue[lang][key] = m
				case map[string]any:
					e.catalogue[lang][key], _ = m["other"].(string)
				}
			}
		}
		for _, key := range csafMessages {
			if e.message(e.langs[0], key) == "" {
				e.catalogueErr = fmt.Errorf("%s has no message %q, which CSAF advisories are written with; add [%s] other = \"…\"", project.CatalogueFile(e.langs[0]), key, key)
				return
			}
		}
	})
	return e.catalogueErr
}

// message is a catalogue's message in a language, or, when the language
// has none, the first language's, as Hugo's T gives it.
func (e *exporter) message(lang, key string) string {
	return cmp.Or(e.catalogue[lang][key], e.catalogue[e.langs[0]][key])
}
