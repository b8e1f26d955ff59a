package export

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// securityTxtFile is where RFC 9116 has a site's security.txt, from its
// root.
const securityTxtFile = ".well-known/security.txt"

// securityContacts are the addresses config.toml's params.securitytxt.contact
// gives security.txt, each checked: none when it gives none, which is an
// error when the site publishes CSAF advisories, whose provider names
// itself there (CSAF requirement 8).
func (e *exporter) securityContacts(csaf bool) ([]string, error) {
	params, _ := e.p.Config["params"].(map[string]any)
	table, _ := params["securitytxt"].(map[string]any)
	raw, given := table["contact"]
	list, isList := raw.([]any)
	switch {
	case !given && csaf:
		return nil, fmt.Errorf("config.toml's params.securitytxt.contact is not set: the site publishes CSAF advisories, and security.txt names their provider with whom to contact about them (RFC 9116); add [params.securitytxt] contact = [\"mailto:ADDRESS\"]")
	case !given:
		return nil, nil
	case !isList || len(list) == 0:
		return nil, fmt.Errorf("config.toml's params.securitytxt.contact is %v, not a list of addresses: write contact = [\"mailto:ADDRESS\"], or https://… or tel:…", raw)
	}
	var contacts []string
	for _, c := range list {
		s, _ := c.(string)
		u, err := url.Parse(s)
		// No space or control character: a line end would add a field
		// of its own to the file, which the signature would vouch for.
		if err != nil || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) || !(u.Scheme == "mailto" && u.Opaque != "" || u.Scheme == "https" && u.Host != "" || u.Scheme == "tel" && u.Opaque != "") {
			return nil, fmt.Errorf("config.toml's params.securitytxt.contact gives %q, which is not an address security.txt can give (RFC 9116): write mailto:ADDRESS, https://… or tel:+NUMBER", c)
		}
		contacts = append(contacts, s)
	}
	return contacts, nil
}

// securityTxtJobs write security.txt (RFC 9116), with the site's first
// language, when config.toml gives a contact: the contacts, when it
// expires (a year after the day the build publishes as of, less a day:
// RFC 9116 asks for less than a year), the languages, its own address
// and, when the site publishes CSAF advisories, the provider metadata's
// (CSAF requirement 8). With a key, it is signed (a cleartext signature,
// as RFC 9116 recommends).
func (e *exporter) securityTxtJobs(dists []Distribution) []func() error {
	contacts, err := e.securityContacts(len(dists) > 0)
	switch {
	case err != nil:
		return []func() error{func() error { return fmt.Errorf("export: %w", err) }}
	case contacts == nil || !e.writes(e.langs[0]):
		return nil
	}
	return []func() error{func() error {
		if e.opts.Now.IsZero() {
			return fmt.Errorf("export: security.txt: Options.Now is not set, which it expires a year after")
		}
		var b bytes.Buffer
		for _, c := range contacts {
			fmt.Fprintf(&b, "Contact: %s\n", c)
		}
		fmt.Fprintf(&b, "Expires: %s\n", moment(day(e.opts.Now).AddDate(1, 0, -1)))
		fmt.Fprintf(&b, "Preferred-Languages: %s\n", strings.Join(e.langs, ", "))
		fmt.Fprintf(&b, "Canonical: %s\n", e.absURL(securityTxtFile))
		if len(dists) > 0 {
			fmt.Fprintf(&b, "CSAF: %s\n", e.absURL(providerMetadataFile))
		}
		data := b.Bytes()
		if e.opts.Signer != nil {
			if data, err = e.opts.Signer.clearsign(data); err != nil {
				return fmt.Errorf("export: signing security.txt with the key %s: %w", e.opts.Signer.Fingerprint, err)
			}
		}
		if err := e.writeFile(securityTxtFile, data); err != nil {
			return fmt.Errorf("export: security.txt: %w", err)
		}
		return nil
	}}
}
