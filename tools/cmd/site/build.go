package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
)

type buildCommand struct {
	source, destination string
	minify, search      bool
	segment             string
	csafKey             string
}

func (*buildCommand) name() string { return "build" }
func (*buildCommand) synopsis() string {
	return "build [--source DIR] [--destination DIR] [--segment NAME --destination DIR] [--csaf-key FILE] [--search=false] [--minify=false]"
}
func (*buildCommand) help() string {
	return `Checks the site's data, then renders the site for publication.
The site is indexed for search with Pagefind, installed with npm ci the
first time. Nothing is written when the check finds an error, and a build
that fails leaves the previous output exactly as it was: the new site
replaces it whole.

The CSAF advisories are signed with the OpenPGP key given, which makes the
site a trusted CSAF provider: --csaf-key FILE, or the armored key itself
in the environment variable SITE_CSAF_KEY (a CI secret), and its
passphrase, if it has one, in SITE_CSAF_KEY_PASSPHRASE. The key is never
written anywhere; its public part is published. Without a key, the
advisories are published unsigned, as a CSAF provider's.`
}
func (c *buildCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.destination, "destination", "", "where the site is written (default: public/ in the site's root folder)")
	fs.BoolVar(&c.minify, "minify", true, "minify the output")
	fs.BoolVar(&c.search, "search", true, "index the site for search")
	fs.StringVar(&c.csafKey, "csaf-key", "", "the file of the armored OpenPGP secret key that signs the CSAF advisories (or the key itself in SITE_CSAF_KEY)")
	fs.StringVar(&c.segment, "segment", "", "build only this part of the site, one of the [segments] of config.toml: a language (en, fr), or the HTML pages alone (pages)")
}

func (c *buildCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("build takes no arguments")
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return err
	}
	if c.segment != "" && c.destination == "" {
		return usageError("a segment is a part of the site: build it into a folder of its own, --destination DIR, not over the whole site in public/")
	}
	if c.segment != "" {
		p, problems := project.Open(root)
		if problems != nil {
			return problems
		}
		if !slices.Contains(p.Segments, c.segment) {
			declared := "no [segments]"
			if len(p.Segments) > 0 {
				declared = strings.Join(p.Segments, ", ")
			}
			return usageError(fmt.Sprintf("unknown segment %q: config.toml declares %s; give one of them, or no --segment to build the whole site", c.segment, declared))
		}
	}
	dest := c.destination
	if dest == "" {
		dest = filepath.Join(root, "public")
	}
	// A destination the build would refuse is refused before the check.
	if err := render.CheckDestination(root, dest); err != nil {
		return err
	}
	started := time.Now()
	now, setBy, err := publicationMoment("")
	if err != nil {
		return err
	}
	// The key is read before the check, so that a key that cannot sign
	// fails the build at once.
	signer, err := csafSigner(c.csafKey, root, now)
	if err != nil {
		return err
	}
	// The site the check read, if it read it, is the one built.
	heldBack, ws, err := checkSite(c.source, false, true, now, io.Discard, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "publishing as of %s (%s)%s\n", now.Format(time.RFC3339), setBy, heldBackSummary(heldBack))
	if signer != nil {
		fmt.Fprintf(stdout, "signing the CSAF advisories with the OpenPGP key %s\n", signer.Fingerprint)
	} else if publishesCSAF(root, c.segment) {
		fmt.Fprintln(stderr, "site build: the CSAF advisories are not signed, no OpenPGP key being given: give one with --csaf-key FILE, or in SITE_CSAF_KEY, to publish as a trusted CSAF provider")
	}
	// The npm packages (Pagefind, the design system's tokens and fonts)
	// are installed now if need be.
	if err := render.NPMPackages(root, func(s string) { fmt.Fprintln(stderr, s) }); err != nil {
		return err
	}
	err = render.Build(root, dest, render.BuildOptions{Minify: c.minify, Search: c.search, Segment: c.segment, Now: now, Site: ws, Signer: signer,
		Waiting: func() { fmt.Fprintf(stderr, "site build: another build is writing %s; waiting for it to end\n", dest) }})
	if err != nil {
		return err
	}
	out, err := render.ReadOutput(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s: %s in %.1f s\n", dest, count(len(out.Files), "file"), time.Since(started).Seconds())
	return nil
}

// heldBackSummary says how many items a build holds back, if any.
func heldBackSummary(held map[string][]string) string {
	n := 0
	for _, ids := range held {
		n += len(ids)
	}
	if n == 0 {
		return ""
	}
	var names []string
	for _, kind := range slices.Sorted(maps.Keys(held)) {
		for _, id := range held[kind] {
			names = append(names, fmt.Sprintf("%s %q", kind, id))
		}
	}
	return fmt.Sprintf(", holding back %s (drafts, and items scheduled later): %s", count(n, "item"), strings.Join(names, ", "))
}

// csafSigner reads the OpenPGP key that signs the CSAF advisories as of
// now: from the file given, or from SITE_CSAF_KEY, which holds the key
// itself; nil when neither gives one.
func csafSigner(file, root string, now time.Time) (*export.Signer, error) {
	armored, from := os.Getenv("SITE_CSAF_KEY"), "SITE_CSAF_KEY"
	passphrase := os.Getenv("SITE_CSAF_KEY_PASSPHRASE")
	// Read, the secrets leave the environment, which the programs the
	// build runs (npm, Pagefind) and Hugo's templates would see.
	os.Unsetenv("SITE_CSAF_KEY")
	os.Unsetenv("SITE_CSAF_KEY_PASSPHRASE")
	keyPath, _ := filepath.Abs(file)
	switch {
	case file != "" && armored != "":
		return nil, usageError("--csaf-key and SITE_CSAF_KEY both give a key: give one of them")
	case file != "" && render.Within(keyPath, root):
		return nil, fmt.Errorf("--csaf-key: %s is in the site's folder, where a git add would commit the secret key: keep it outside (in ~/secrets/, or the CI's temporary folder), or give it in SITE_CSAF_KEY", file)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--csaf-key: %w; give the file of the OpenPGP secret key, as gpg --armor --export-secret-keys FINGERPRINT writes it", err)
		}
		armored, from = string(b), "--csaf-key "+file
	case armored == "":
		return nil, nil
	}
	signer, err := export.NewSigner([]byte(armored), passphrase, now)
	var locked *export.PassphraseError
	switch {
	case errors.As(err, &locked):
		return nil, fmt.Errorf("%s: %w; give its passphrase in SITE_CSAF_KEY_PASSPHRASE", from, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	return signer, nil
}

// publishesCSAF reports whether a build of the segment (the whole site
// when "") publishes CSAF advisories: config.toml names their section
// (params.csaf.section), and the segment has a language.
func publishesCSAF(root, segment string) bool {
	p, problems := project.Open(root)
	if problems != nil {
		return false
	}
	params, _ := p.Config["params"].(map[string]any)
	csaf, _ := params["csaf"].(map[string]any)
	_, isLanguage := p.Language(segment)
	return csaf["section"] != nil && (segment == "" || isLanguage)
}
