package export_test

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/clearsign"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// keyMade is when the tests' keys are made: before the moment the exports
// are published as of.
var keyMade = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// testKey makes an OpenPGP key as a publisher would, made at made, and
// returns its secret part, armored as gpg --armor --export-secret-keys
// writes it, protected by passphrase when one is given.
func testKey(t testing.TB, config packet.Config, made time.Time, passphrase string) []byte {
	t.Helper()
	config.Time = func() time.Time { return made }
	if config.RSABits == 0 {
		config.RSABits = 2048
	}
	e, err := openpgp.NewEntity("Fixture publisher", "", "security@cyber.example.ca", &config)
	if err != nil {
		t.Fatal(err)
	}
	if passphrase != "" {
		if err := e.EncryptPrivateKeys([]byte(passphrase), nil); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PrivateKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SerializePrivateWithoutSigning(w, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	ed25519Key = packet.Config{Algorithm: packet.PubKeyAlgoEdDSA}
	rsaKey     = packet.Config{Algorithm: packet.PubKeyAlgoRSA}
)

func newSigner(t testing.TB, armored []byte, at time.Time) *export.Signer {
	t.Helper()
	s, err := export.NewSigner(armored, "", at)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// signedFixture is the fixture's exports signed with a new Ed25519 key,
// minified as a build writes them.
func signedFixture(t *testing.T) (map[string]string, *export.Signer) {
	t.Helper()
	signer := newSigner(t, testKey(t, ed25519Key, keyMade, ""), published)
	return fixtureFiles(t, export.Options{Minify: true, Signer: signer}), signer
}

// gpg runs GnuPG, a reader's tool, with a keyring of its own holding the
// public key, on files written in a folder of their own; it returns its
// status lines.
func gpg(t *testing.T, publicKey string, files map[string]string, args ...string) (string, error) {
	t.Helper()
	program := sitetest.Command(t, "gpg", "apt-get install gnupg")
	dir := t.TempDir()
	sitetest.Write(t, dir, maps.Collect(func(yield func(string, string) bool) {
		for name, content := range files {
			if !yield(name, content) {
				return
			}
		}
		yield("key.asc", publicKey)
	}))
	home, err := os.MkdirTemp("", "gpg") // short: gpg's sockets have a short path
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(home) })
	run := func(args ...string) (string, error) {
		cmd := exec.Command(program, append([]string{"--homedir", home, "--batch", "--no-autostart", "--status-fd", "1"}, args...)...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("%v: %s", err, stderr.String())
		}
		return string(out), err
	}
	if out, err := run("--import", "key.asc"); err != nil {
		t.Fatalf("gpg --import: %v\n%s", err, out)
	}
	return run(args...)
}

// With a key, each advisory has its hashes, as sha256sum and sha512sum
// write them, and its signature, which GnuPG verifies with the key the
// provider metadata names; the feeds list them; the public key is
// published, and nothing of its secret part; security.txt is signed.
func TestAKeyMakesATrustedProvider(t *testing.T) {
	got, signer := signedFixture(t)
	c := schemas(t)
	metadata := validate(t, c, csafSchemas+"provider_json_schema.json", "provider metadata", got[".well-known/csaf/provider-metadata.json"])
	keyFile := ".well-known/csaf/openpgp/" + signer.Fingerprint + ".asc"
	keys, _ := json.Marshal(metadata["public_openpgp_keys"])
	if metadata["role"] != "csaf_trusted_provider" || string(keys) != fmt.Sprintf(`[{"fingerprint":%q,"url":%q}]`, signer.Fingerprint, baseURL+keyFile) {
		t.Errorf("the provider metadata: role %v, keys %s", metadata["role"], keys)
	}
	keyring, err := openpgp.ReadArmoredKeyRing(strings.NewReader(got[keyFile]))
	if err != nil || len(keyring) != 1 {
		t.Fatalf("the public key %s: %v", keyFile, err)
	}
	if keyring[0].PrivateKey != nil || fmt.Sprintf("%X", keyring[0].PrimaryKey.Fingerprint) != signer.Fingerprint || strings.Contains(got[keyFile], "PRIVATE") {
		t.Errorf("%s is not the public key %s alone:\n%s", keyFile, signer.Fingerprint, got[keyFile])
	}

	advisories := []string{"en/csaf/2024/fixture-bulletin.json", "fr/csaf/2024/fixture-bulletin-fr-ca.json"}
	for _, name := range advisories {
		data := got[name]
		if want := fmt.Sprintf("%x  %s\n", sha256.Sum256([]byte(data)), path.Base(name)); got[name+".sha256"] != want {
			t.Errorf("%s.sha256 is %q, want %q", name, got[name+".sha256"], want)
		}
		if want := fmt.Sprintf("%x  %s\n", sha512.Sum512([]byte(data)), path.Base(name)); got[name+".sha512"] != want {
			t.Errorf("%s.sha512 is %q, want %q", name, got[name+".sha512"], want)
		}
		sig, _, err := openpgp.VerifyDetachedSignature(keyring, strings.NewReader(data), armored(t, got[name+".asc"]), nil)
		if err != nil {
			t.Errorf("%s.asc: %v", name, err)
		} else if !sig.CreationTime.Equal(published) || sig.Hash != crypto.SHA512 {
			t.Errorf("%s.asc signed at %v with hash %v, want %v, the moment published, and SHA-512", name, sig.CreationTime, sig.Hash, published)
		}
		status, err := gpg(t, got[keyFile], map[string]string{"advisory.json": data, "advisory.json.asc": got[name+".asc"]}, "--verify", "advisory.json.asc", "advisory.json")
		if err != nil || !strings.Contains(status, "[GNUPG:] VALIDSIG "+signer.Fingerprint) {
			t.Errorf("GnuPG does not verify %s.asc: %v\n%s", name, err, status)
		}
	}

	// Every feed lists each of its advisories with its hashes and its
	// signature, files of the output.
	for _, feed := range []string{"en/csaf/feed-tlp-white.json", "fr/csaf/feed-tlp-white.json", ".well-known/csaf/feed-tlp-white.json"} {
		var doc struct {
			Feed struct {
				Entry []struct {
					Link []struct{ Rel, Href string }
				}
			}
		}
		if err := json.Unmarshal([]byte(got[feed]), &doc); err != nil {
			t.Fatalf("%s: %v", feed, err)
		}
		var linked []string
		for _, entry := range doc.Feed.Entry {
			var rels []string
			for _, l := range entry.Link {
				rels = append(rels, l.Rel)
				file := strings.TrimPrefix(l.Href, baseURL)
				if _, ok := got[file]; !ok {
					t.Errorf("%s links %s, which is not written", feed, l.Href)
				}
				if l.Rel == "self" {
					linked = append(linked, file)
				}
			}
			if !slices.Equal(rels, []string{"self", "hash", "hash", "signature"}) {
				t.Errorf("%s: an entry's links are %v", feed, rels)
			}
		}
		want := advisories
		if !strings.HasPrefix(feed, ".well-known") {
			want = advisories[:1]
			if strings.HasPrefix(feed, "fr/") {
				want = advisories[1:]
			}
		}
		if slices.Sort(linked); !slices.Equal(linked, want) {
			t.Errorf("%s lists %v, want %v", feed, linked, want)
		}
	}

	// security.txt is signed in clear text, as RFC 9116 recommends: GnuPG
	// verifies it, and the text signed is its fields.
	txt := got[".well-known/security.txt"]
	status, err := gpg(t, got[keyFile], map[string]string{"security.txt": txt}, "--verify", "security.txt")
	if err != nil || !strings.Contains(status, "[GNUPG:] VALIDSIG "+signer.Fingerprint) {
		t.Errorf("GnuPG does not verify security.txt: %v\n%s\n%s", err, status, txt)
	}
	block, rest := clearsign.Decode([]byte(txt))
	if block == nil || len(bytes.TrimSpace(rest)) > 0 {
		t.Fatalf("security.txt is not a clear-signed text:\n%s", txt)
	}
	want := "Contact: mailto:security@cyber.example.ca\nExpires: 2027-05-31T00:00:00.000Z\nPreferred-Languages: en, fr\n" +
		"Canonical: https://cyber.example.ca/.well-known/security.txt\nCSAF: https://cyber.example.ca/.well-known/csaf/provider-metadata.json"
	if string(block.Plaintext) != want {
		t.Errorf("security.txt signs:\n%s\nwant:\n%s", block.Plaintext, want)
	}
}

func armored(t *testing.T, s string) *bytes.Reader {
	t.Helper()
	block, err := armor.Decode(strings.NewReader(s))
	if err != nil || block.Type != openpgp.SignatureType {
		t.Fatalf("not an armored signature (%v):\n%s", err, s)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(block.Body); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

// Without a key, the advisories are hashed, unsigned, and in their
// distributions' folders alone, no feed: the provider metadata names no
// key, nor any feed, and its role is a provider's.
func TestWithoutAKeyTheProviderIsNotTrusted(t *testing.T) {
	got := fixtureFiles(t, export.Options{})
	metadata := got[".well-known/csaf/provider-metadata.json"]
	if !strings.Contains(metadata, `"role": "csaf_provider"`) || strings.Contains(metadata, "public_openpgp_keys") || strings.Contains(metadata, "rolie") {
		t.Errorf("the provider metadata:\n%s", metadata)
	}
	for name, content := range got {
		if strings.HasSuffix(name, ".asc") || strings.Contains(name, "openpgp") || strings.Contains(name, "feed") || strings.Contains(name, "service") || strings.Contains(content, "PGP") {
			t.Errorf("%s is written without a key", name)
		}
	}
	if got["en/csaf/2024/fixture-bulletin.json.sha512"] == "" {
		t.Error("without a key, the advisories are not hashed")
	}
}

// The same key signs the same bytes as of the same day, build after
// build, with an Ed25519 key as with an RSA one (PKCS #1 v1.5): the same
// commit builds the same site. As of another day, the signatures are
// others, since they hold their day.
func TestSignaturesAreTheSameAtEveryBuild(t *testing.T) {
	site := loadSite(t, true, sitetest.Fixture)
	for name, config := range map[string]packet.Config{"Ed25519": ed25519Key, "RSA": rsaKey} {
		t.Run(name, func(t *testing.T) {
			key := testKey(t, config, keyMade, "")
			first := files(t, write(t, site, export.Options{Signer: newSigner(t, key, published)}))
			second := files(t, write(t, site, export.Options{Signer: newSigner(t, key, published.Add(23*time.Hour)), Now: published.Add(23 * time.Hour)}))
			later := files(t, write(t, site, export.Options{Signer: newSigner(t, key, published.Add(24*time.Hour)), Now: published}))
			signed := 0
			for file, content := range first {
				if second[file] != content {
					t.Errorf("%s differs from one build to the next", file)
				}
				if strings.HasSuffix(file, ".asc") && !strings.Contains(file, "openpgp") {
					signed++
					if later[file] == content {
						t.Errorf("%s is the same signed a day later", file)
					}
				}
			}
			if signed != 2 || len(first) != len(second) {
				t.Errorf("%d signatures, %d files then %d", signed, len(first), len(second))
			}
		})
	}
}

// A key made after the moment the build publishes as of (a build of an
// older commit) signs as of when it was made: a signature cannot be older
// than its key, and readers reject one that is.
func TestAKeyNewerThanTheBuildSignsAsOfWhenItWasMade(t *testing.T) {
	made := published.Add(30 * 24 * time.Hour)
	signer := newSigner(t, testKey(t, ed25519Key, made, ""), published)
	if !signer.At.Equal(made) {
		t.Errorf("signs at %v, want when the key was made, %v", signer.At, made)
	}
	got := fixtureFiles(t, export.Options{Signer: signer})
	keyring, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(signer.PublicKey()))
	if err != nil {
		t.Fatal(err)
	}
	name := "en/csaf/2024/fixture-bulletin.json"
	if _, _, err := openpgp.VerifyDetachedSignature(keyring, strings.NewReader(got[name]), armored(t, got[name+".asc"]), &packet.Config{Time: func() time.Time { return made }}); err != nil {
		t.Errorf("%s.asc: %v", name, err)
	}
}

// A key that cannot sign, or cannot sign the same way at every build, is
// refused, with what to give instead; a protected key is unlocked by its
// passphrase alone.
func TestKeysThatCannotSignAreRefused(t *testing.T) {
	good := testKey(t, ed25519Key, keyMade, "")
	protected := testKey(t, ed25519Key, keyMade, "correct horse")
	entities, _ := openpgp.ReadArmoredKeyRing(bytes.NewReader(good))
	var public bytes.Buffer
	w, _ := armor.Encode(&public, openpgp.PublicKeyType, nil)
	if err := entities[0].Serialize(w); err != nil {
		t.Fatal(err)
	}
	w.Close()
	expiring := ed25519Key
	expiring.KeyLifetimeSecs = 3600
	// Valid on the day the build publishes as of, expired by the clock.
	expiredSince := ed25519Key
	expiredSince.KeyLifetimeSecs = uint32(published.AddDate(0, 1, 0).Sub(keyMade).Seconds())
	for _, tc := range []struct {
		name       string
		key        []byte
		passphrase string
		want       string // in the error; "" for none
	}{
		{"not a key", []byte("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nnonsense\n-----END PGP PRIVATE KEY BLOCK-----\n"), "", "not an armored OpenPGP secret key"},
		{"a public key", public.Bytes(), "", "is a public key, without its secret part: export it with gpg --armor --export-secret-keys FINGERPRINT"},
		{"two keys", twoKeys(t), "", "2 keys ("},
		{"two armored keys", append(append([]byte{}, good...), testKey(t, ed25519Key, keyMade, "")...), "", "2 armored blocks"},
		{"ECDSA", testKey(t, packet.Config{Algorithm: packet.PubKeyAlgoECDSA, Curve: packet.CurveNistP256}, keyMade, ""), "", "(ECDSA or DSA), whose signatures are random"},
		{"version 6", testKey(t, packet.Config{Algorithm: packet.PubKeyAlgoEd25519, V6Keys: true}, keyMade, ""), "", "is a version 6 key, whose signatures carry a random salt"},
		{"expired", testKey(t, expiring, keyMade, ""), "", "has no key that can sign as of 2026-06-01T00:00:00.000Z: it has expired or was revoked"},
		{"expired since the publication moment", testKey(t, expiredSince, keyMade, ""), "", "signed as of 2026-06-01T00:00:00.000Z, but no longer does: it has expired or was revoked since"},
		{"RSA of 1024 bits", testKey(t, packet.Config{Algorithm: packet.PubKeyAlgoRSA, RSABits: 1024}, keyMade, ""), "", "is an RSA key of 1024 bits"},
		{"protected, no passphrase", protected, "", "is protected by a passphrase, which was not given"},
		{"protected, wrong passphrase", protected, "battery staple", "the passphrase given does not unlock the key"},
		{"protected, its passphrase", protected, "correct horse", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := export.NewSigner(tc.key, tc.passphrase, published)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want == "":
				if len(s.Fingerprint) != 40 || !s.At.Equal(published) {
					t.Errorf("unlocked, the key's fingerprint is %q, and it signs at %v", s.Fingerprint, s.At)
				}
			case err == nil || !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// twoKeys is two secret keys in one armored block, as gpg --armor
// --export-secret-keys A B writes them.
func twoKeys(t *testing.T) []byte {
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PrivateKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		e, err := openpgp.NewEntity("Fixture publisher", "", "security@cyber.example.ca", &ed25519Key)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.SerializePrivateWithoutSigning(w, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// security.txt gives config.toml's contact: a site that publishes CSAF
// advisories without one, or with one that is not an address, is refused
// by the build and by site check (which lists the files a build writes),
// with what to write.
func TestSecurityTxtNeedsAContact(t *testing.T) {
	for _, tc := range []struct{ contact, want string }{
		{"", `config.toml's params.securitytxt.contact is not set: the site publishes CSAF advisories`},
		{`contact = ["security@cyber.example.ca"]`, `gives "security@cyber.example.ca", which is not an address security.txt can give (RFC 9116): write mailto:ADDRESS`},
		{`contact = "mailto:security@cyber.example.ca"`, `is mailto:security@cyber.example.ca, not a list of addresses`},
		// A line end (U+2028 and U+0085 pass net/url) would add a field
		// of its own to the signed file.
		{`contact = ["https://cyber.example.ca/contact#\u2028CSAF: https://attacker.example/provider-metadata.json"]`, `gives "https://cyber.example.ca/contact#\u2028CSAF: https://attacker.example/provider-metadata.json", which is not an address`},
		{`contact = ["mailto:security@cyber.example.ca\u0085CSAF: https://attacker.example/p.json"]`, `gives "mailto:security@cyber.example.ca\u0085CSAF: https://attacker.example/p.json", which is not an address`},
		{`contact = ["mailto:security@cyber.example.ca x"]`, `gives "mailto:security@cyber.example.ca x", which is not an address`},
	} {
		root := sitetest.New(t, sitetest.Fixture)
		sitetest.Edit(t, root, "config.toml", `contact = ["mailto:security@cyber.example.ca"]`, tc.contact)
		p, problems := project.Open(root)
		if problems != nil {
			t.Fatal(problems)
		}
		site, _ := content.Load(p)
		err := export.Write(site, modelPages{site}, nil, t.TempDir(), export.Options{Now: published})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Write's error %v, want %q", tc.contact, err, tc.want)
		}
		if _, err := export.OtherFiles(site, modelPages{site}, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: OtherFiles's error %v, want %q", tc.contact, err, tc.want)
		}
	}
}
