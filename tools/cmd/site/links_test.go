package main

import (
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/cyberpub/site/tools/prepare"
)

// The addresses the texts' links are checked against are the build's:
// each file a build of the fixture writes is one content.PublishedFiles
// finds, and each one it finds is in the build. A change to config.toml,
// the content adapters or the CSAF layouts that moves or adds a page
// fails here until tools/content/links.go follows.
func TestPublishedFilesAreTheBuilds(t *testing.T) {
	root := fixture(t)
	built := slices.Sorted(maps.Keys(tree(t, build(t, root, "--search=false"))))
	ws, problems, err := load(root)
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	published := map[string]bool{}
	others, err := prepare.OtherFiles(ws.Site, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ws.Site.PublishedFiles(catalogueMessages(ws), nil, others) {
		published[f[1:]] = true
	}
	// The stylesheet, the script and the images' resized copies are the
	// templates', named by their fingerprint: no text links to them.
	fingerprinted := regexp.MustCompile(`\.[0-9a-f]{64}\.|_hu_[0-9a-f]+\.`)
	for _, f := range built {
		if !published[f] && !fingerprinted.MatchString(f) {
			t.Errorf("the build writes %s, which links are not checked against", f)
		}
		delete(published, f)
	}
	for _, f := range slices.Sorted(maps.Keys(published)) {
		t.Errorf("links may go to %s, which the build does not write", f)
	}
}
