package export

import (
	"github.com/cyberpub/site/tools/content"
)

// Download is a file Write publishes for a page: beside it (in its
// folder), or, with Home, in its language's home folder. A page links
// each, under its label, a catalogue message.
type Download struct {
	File  string `json:"file"`
	Home  bool   `json:"home,omitempty"`
	Type  string `json:"type"`
	Label string `json:"label"`
}

// The files beside a page, by the kind of its item.
var (
	timelineJSONFile = Download{File: "timeline.json", Type: "application/json", Label: "downloadJSON"}
	timelineCSVFile  = Download{File: "timeline.csv", Type: "text/csv", Label: "downloadCSV"}
	timelineICSFile  = Download{File: "timeline.ics", Type: "text/calendar", Label: "downloadICS"}
	stixFile         = Download{File: "stix.json", Type: "application/json", Label: "downloadSTIX"}
	downloads        = map[string][]Download{
		timelineKind:    {timelineJSONFile, timelineCSVFile, timelineICSFile},
		threatActorKind: {stixFile},
	}
)

// Downloads returns, for each item and language Pages publishes, the
// files Write publishes for its page: what the page links; and the CSAF
// distributions (as Distributions gives them), which hold the bulletins'
// advisories. A page's address is not needed, only whether it is
// published.
func Downloads(site *content.Site, pages Pages, held map[*content.Item]string) (map[*content.Item]map[string][]Download, []Distribution, error) {
	e, err := newExporter(site, pages, held, Options{})
	if err != nil {
		return nil, nil, err
	}
	out := map[*content.Item]map[string][]Download{}
	add := func(it *content.Item, lang string, d ...Download) {
		if out[it] == nil {
			out[it] = map[string][]Download{}
		}
		out[it][lang] = append(out[it][lang], d...)
	}
	for kind, files := range downloads {
		for _, it := range site.Of(kind) {
			for _, lang := range e.langs {
				if _, ok := e.page(it, lang); ok {
					add(it, lang, files...)
				}
			}
		}
	}
	dists, err := e.distributions()
	if err != nil {
		return nil, nil, err
	}
	for _, d := range dists {
		for _, a := range d.Advisories {
			add(a.Bulletin, d.Lang, Download{File: DistributionFolder + a.Path, Home: true, Type: "application/json", Label: "downloadCSAF"})
		}
	}
	return out, dists, nil
}

// OtherFiles returns every file Write publishes, and the distributions'
// listings (pages, from the views), as the site's link check takes them:
// beside a page, in a language's home folder, or at the site's root. The
// files written only when a build is given a key (the advisories'
// signatures, the ROLIE feeds and documents, the public key) are not among
// them: site check knows of no key, and a text that linked one would
// break in a build without it (the link check of the built site sees
// them, as it sees every file).
func OtherFiles(site *content.Site, pages Pages, held map[*content.Item]string) ([]content.OtherFile, error) {
	downloads, dists, err := Downloads(site, pages, held)
	if err != nil {
		return nil, err
	}
	var files []content.OtherFile
	for it, byLang := range downloads {
		for lang, list := range byLang {
			for _, d := range list {
				if !d.Home {
					files = append(files, content.OtherFile{Item: it, Lang: lang, Name: d.File})
				}
			}
		}
	}
	for _, d := range dists {
		for _, name := range []string{"", "index.txt", "changes.csv"} {
			files = append(files, content.OtherFile{Lang: d.Lang, Name: DistributionFolder + name})
		}
		for _, y := range d.Years() {
			files = append(files, content.OtherFile{Lang: d.Lang, Name: DistributionFolder + y + "/"})
		}
		for _, a := range d.Advisories {
			for _, ext := range []string{"", ".sha256", ".sha512"} {
				files = append(files, content.OtherFile{Lang: d.Lang, Name: DistributionFolder + a.Path + ext})
			}
		}
	}
	if len(dists) > 0 {
		files = append(files, content.OtherFile{Name: providerMetadataFile})
	}
	e, err := newExporter(site, pages, held, Options{})
	if err != nil {
		return nil, err
	}
	contacts, err := e.securityContacts(len(dists) > 0)
	if err != nil {
		return nil, err
	}
	if contacts != nil {
		files = append(files, content.OtherFile{Name: securityTxtFile})
	}
	return files, nil
}
