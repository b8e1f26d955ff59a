package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/cyberpub/site/tools/internal/sitetest"
)

// The site's host, as config.toml's baseURL gives it, and the host CSAF
// requirement 10 has serve the provider metadata.
const (
	siteHost = "cyber.example.ca"
	dnsHost  = "csaf.data.security." + siteHost
)

// The fixture, built with a key, is a trusted CSAF provider for the
// official checker, csaf_checker (pinned in go.mod as a Go tool), which
// reads it at its address over TLS, as an aggregator would: every
// requirement it checks is met, each advisory's hashes match and its
// signature verifies with the key the provider metadata names. A copy with
// a signature swapped for another advisory's and a hash that is not the
// advisory's fails those two requirements, and those alone. Built without
// a key, it is a provider, unsigned.
//
// The checker asks for https://cyber.example.ca/ (config.toml's baseURL)
// through a proxy of the test's, which takes every connection to a local
// TLS server, whose certificate is of a certificate authority of the
// test's, given to the checker alone (SSL_CERT_FILE): nothing leaves the
// machine, and the checker checks the TLS as it would any provider's. The
// server serves the built folder as a static host does, and, at
// csaf.data.security.cyber.example.ca, the provider metadata, as a host
// does that has that name for it (requirement 10).
func TestCSAFCheckerFindsATrustedProvider(t *testing.T) {
	root := fixture(t)
	keyFile := filepath.Join(t.TempDir(), "key.asc")
	sitetest.Write(t, filepath.Dir(keyFile), map[string]string{"key.asc": string(secretKey(t, ""))})
	// As of a moment after the fixture's dates, before the clock's: the
	// checker verifies the signatures as of now.
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).Unix()))
	t.Setenv("SITE_CSAF_KEY", "")
	public := filepath.Join(t.TempDir(), "public")
	out := mustRun(t, "build", "--source", root, "--destination", public, "--search=false", "--csaf-key", keyFile)
	if want := "signing the CSAF advisories with the OpenPGP key " + fingerprintOf(t, sitetest.Read(t, filepath.Dir(keyFile), "key.asc")) + "\n"; !strings.Contains(out, want) {
		t.Errorf("the build does not say %q:\n%s", want, out)
	}
	checker := csafChecker(t)
	host := newCSAFHost(t, public)

	report := host.check(t, checker)
	host.mu.Lock()
	if !slices.Contains(host.asked, siteHost+":443") || slices.ContainsFunc(host.asked, func(h string) bool { return h != siteHost+":443" && h != dnsHost+":443" }) {
		t.Errorf("the checker asked for %v", host.asked)
	}
	host.mu.Unlock()
	if report.Role != "csaf_trusted_provider" || !report.Passed {
		t.Errorf("role %q, passed %t: the site is not a trusted provider", report.Role, report.Passed)
	}
	var numbers []int
	for _, r := range report.Requirements {
		numbers = append(numbers, r.Num)
		for _, m := range r.Messages {
			switch {
			case m.Type == checkerError:
				t.Errorf("requirement %d (%s): %s", r.Num, r.Description, m.Text)
			case m.Type == checkerWarning && !(r.Num == 1 && m.Text == "No remote validator configured"):
				t.Errorf("requirement %d (%s), a warning: %s", r.Num, r.Description, m.Text)
			}
		}
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}; !slices.Equal(numbers, want) {
		t.Errorf("requirements checked: %v, want %v", numbers, want)
	}
	// Each of these was checked, not passed over.
	for num, want := range map[int]string{
		8:  "Found valid security.txt within the well-known directory",
		9:  "Found /.well-known/csaf/provider-metadata.json",
		10: "https://csaf.data.security.DOMAIN is available and serves the provider-metadata.json.",
		14: "All directory listings are valid.",
		15: "All checked ROLIE feeds validated fine.",
		16: "ROLIE service document validated fine.",
		17: "All checked ROLIE category documents exist.",
		18: "All checksums match.",
		19: "All signatures verified.",
		20: "1 public OpenPGP key(s) loaded.",
	} {
		if !report.says(num, want) {
			t.Errorf("requirement %d does not say %q: %v", num, want, report.requirement(num))
		}
	}
	for _, leaf := range report.Rules.leaves() {
		if leaf.Passed == nil || !*leaf.Passed {
			t.Errorf("requirement %d is not met", leaf.Requirement)
		}
	}

	// A copy whose French advisory has the English one's signature, and
	// whose English advisory has a SHA-512 hash of something else.
	tampered := copyTree(t, public)
	en, fr := "en/csaf/2024/fixture-bulletin.json", "fr/csaf/2024/fixture-bulletin-fr-ca.json"
	sitetest.Write(t, tampered, map[string]string{
		fr + ".asc":    sitetest.Read(t, public, en+".asc"),
		en + ".sha512": fmt.Sprintf("%x  fixture-bulletin.json\n", sha512.Sum512([]byte("something else"))),
	})
	host.serve(tampered)
	report = host.check(t, checker)
	if report.Passed {
		t.Error("the tampered copy passed")
	}
	wantErrors := map[int]string{
		18: "SHA512 hash of https://cyber.example.ca/" + en + " does not match https://cyber.example.ca/" + en + ".sha512.",
		19: "Signature of https://cyber.example.ca/" + fr + " could not be verified",
	}
	for _, r := range report.Requirements {
		var errors []string
		for _, m := range r.Messages {
			if m.Type == checkerError {
				errors = append(errors, m.Text)
			}
		}
		want, ok := wantErrors[r.Num]
		if len(errors) != 0 && !ok || ok && (len(errors) != 1 || !strings.HasPrefix(errors[0], want)) {
			t.Errorf("the tampered copy, requirement %d (%s): errors %q, want %q", r.Num, r.Description, errors, want)
		}
	}

	// Without a key, the build says so, and publishes a provider's
	// distribution, by folder, unsigned: what the checker finds missing is
	// the ROLIE feed, which a provider may do without (requirements 15 to
	// 17 or 11 to 14), and the signatures, which only a trusted provider
	// needs.
	unsigned := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runSite(t, "build", "--source", root, "--destination", unsigned, "--search=false")
	if want := "site build: the CSAF advisories are not signed, no OpenPGP key being given: give one with --csaf-key FILE, or in SITE_CSAF_KEY, to publish as a trusted CSAF provider\n"; code != 0 || stderr != want {
		t.Errorf("without a key, exit status %d, and on stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	host.serve(unsigned)
	report = host.check(t, checker)
	if report.Role != "csaf_provider" || !report.Passed {
		t.Errorf("without a key, role %q, passed %t: the site is not a provider", report.Role, report.Passed)
	}
	var failed []int
	for _, r := range report.Requirements {
		if slices.ContainsFunc(r.Messages, func(m checkerMessage) bool { return m.Type == checkerError }) {
			failed = append(failed, r.Num)
		}
	}
	if !slices.Equal(failed, []int{15, 19}) {
		t.Errorf("without a key, requirements %v fail, want 15 (a ROLIE feed) and 19 (signatures) alone", failed)
	}
}

// A key that cannot sign stops the build before it writes anything, and
// says where the key came from and what to give instead.
func TestCSAFKeyProblemsStopTheBuild(t *testing.T) {
	root, elsewhere := fixture(t), t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	for _, tc := range []struct {
		name, key, keyFile string
		want               string
	}{
		{"no such file", "", filepath.Join(elsewhere, "nosuch.asc"),
			"site build: --csaf-key: open " + filepath.Join(elsewhere, "nosuch.asc") + ": no such file or directory; give the file of the OpenPGP secret key, as gpg --armor --export-secret-keys FINGERPRINT writes it\n"},
		{"two keys given", string(secretKey(t, "")), filepath.Join(root, "key.asc"),
			"site build: --csaf-key and SITE_CSAF_KEY both give a key: give one of them\n"},
		{"a key file in the site's folder", "", filepath.Join(root, "key.asc"),
			"site build: --csaf-key: " + filepath.Join(root, "key.asc") + " is in the site's folder, where a git add would commit the secret key: keep it outside (in ~/secrets/, or the CI's temporary folder), or give it in SITE_CSAF_KEY\n"},
		{"a key protected by a passphrase", string(secretKey(t, "correct horse")), "",
			"site build: SITE_CSAF_KEY: the key %s is protected by a passphrase, which was not given; give its passphrase in SITE_CSAF_KEY_PASSPHRASE\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SITE_CSAF_KEY", tc.key)
			t.Setenv("SITE_CSAF_KEY_PASSPHRASE", "")
			args := []string{"build", "--source", root, "--destination", dest}
			if tc.keyFile != "" {
				args = append(args, "--csaf-key", tc.keyFile)
			}
			code, _, stderr := runSite(t, args...)
			want := tc.want
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, fingerprintOf(t, tc.key))
			}
			if code == 0 || !strings.HasPrefix(stderr, want) {
				t.Errorf("exit status %d, and on stderr:\n%s\nwant:\n%s", code, stderr, want)
			}
			if _, err := os.Stat(dest); err == nil {
				t.Errorf("the build wrote %s", dest)
			}
		})
	}
}

// The key, once read, leaves the environment: the programs a build runs
// (npm, Pagefind) do not get it.
func TestCSAFKeyLeavesTheEnvironment(t *testing.T) {
	t.Setenv("SITE_CSAF_KEY", string(secretKey(t, "correct horse")))
	t.Setenv("SITE_CSAF_KEY_PASSPHRASE", "correct horse")
	signer, err := csafSigner("", t.TempDir(), time.Now())
	if err != nil || signer == nil {
		t.Fatalf("the key in SITE_CSAF_KEY: %v", err)
	}
	for _, name := range []string{"SITE_CSAF_KEY", "SITE_CSAF_KEY_PASSPHRASE"} {
		if _, set := os.LookupEnv(name); set {
			t.Errorf("%s is still in the environment after the key was read", name)
		}
	}
}

// fingerprintOf is an armored key's fingerprint.
func fingerprintOf(t *testing.T, armored string) string {
	t.Helper()
	keys, err := openpgp.ReadArmoredKeyRing(strings.NewReader(armored))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%X", keys[0].PrimaryKey.Fingerprint)
}

// secretKey makes the publisher's key, an Ed25519 one made before the
// moment the site is built as of, armored as gpg --armor
// --export-secret-keys writes it, protected by passphrase when one is
// given.
func secretKey(t *testing.T, passphrase string) []byte {
	t.Helper()
	made := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	e, err := openpgp.NewEntity("Fixture publisher", "", "security@cyber.example.ca",
		&packet.Config{Algorithm: packet.PubKeyAlgoEdDSA, Time: func() time.Time { return made }})
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

// goCache is Go's build cache as the user has it, read before TestMain
// gives the tests a cache folder of their own (XDG_CACHE_HOME, where Go
// keeps it too): the checker is built from the user's, once, not anew at
// each run.
var goCache = func() string {
	if dir := os.Getenv("GOCACHE"); dir != "" {
		return dir
	}
	dir, _ := os.UserCacheDir()
	return filepath.Join(dir, "go-build")
}()

// csafChecker builds the checker pinned in go.mod.
func csafChecker(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "csaf_checker")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/gocsaf/csaf/v3/cmd/csaf_checker")
	cmd.Dir = sitetest.Root(t)
	cmd.Env = append(os.Environ(), "GOCACHE="+goCache)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build csaf_checker: %v\n%s", err, out)
	}
	return bin
}

// csafHost is a static host of a built site at its address, over TLS,
// and the proxy that takes the checker to it.
type csafHost struct {
	proxy  *httptest.Server
	caFile string
	mu     sync.Mutex
	dir    string   // the folder served
	asked  []string // the hosts the checker asked the proxy for
}

func newCSAFHost(t *testing.T, dir string) *csafHost {
	h := &csafHost{dir: dir}
	ca, cert := certificates(t, siteHost, dnsHost)
	h.caFile = filepath.Join(t.TempDir(), "ca.pem")
	sitetest.Write(t, filepath.Dir(h.caFile), map[string]string{"ca.pem": string(ca)})

	site := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		dir := h.dir
		h.mu.Unlock()
		switch host, _, _ := net.SplitHostPort(r.Host + ":443"); {
		case host == dnsHost && r.URL.Path == "/":
			http.ServeFile(w, r, filepath.Join(dir, ".well-known", "csaf", "provider-metadata.json"))
		case host == siteHost:
			http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	site.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	site.StartTLS()
	t.Cleanup(site.Close)

	// The proxy takes every connection to the site's server, whatever the
	// host asked for.
	h.proxy = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "only CONNECT", http.StatusMethodNotAllowed)
			return
		}
		h.mu.Lock()
		h.asked = append(h.asked, r.Host)
		h.mu.Unlock()
		upstream, err := net.Dial("tcp", site.Listener.Addr().String())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		client, buffered, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		io.WriteString(client, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() {
			io.Copy(upstream, buffered)
			upstream.Close()
		}()
		io.Copy(client, upstream)
		client.Close()
	}))
	t.Cleanup(h.proxy.Close)
	return h
}

// serve has the host serve another folder.
func (h *csafHost) serve(dir string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dir = dir
}

// check runs the checker on the site's host, as a trusted provider's, and
// returns its report on the site.
func (h *csafHost) check(t *testing.T, checker string) checkerDomain {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, map[string]string{"checker.toml": ""})
	cmd := exec.Command(checker, "--format", "json", "--output", "report.json", "--config", "checker.toml", siteHost)
	cmd.Dir = dir
	// Its own configuration alone (an empty one), its TLS roots ours, and
	// the proxy for every host.
	for _, v := range os.Environ() {
		name, _, _ := strings.Cut(v, "=")
		if !slices.Contains([]string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR"}, name) {
			cmd.Env = append(cmd.Env, v)
		}
	}
	cmd.Env = append(cmd.Env, "HTTPS_PROXY="+h.proxy.URL, "SSL_CERT_FILE="+h.caFile, "SSL_CERT_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("csaf_checker: %v\n%s", err, out)
	}
	var report struct{ Domains []checkerDomain }
	if err := json.Unmarshal([]byte(sitetest.Read(t, dir, "report.json")), &report); err != nil || len(report.Domains) != 1 {
		t.Fatalf("the checker's report: %v\n%s\n%s", err, sitetest.Read(t, dir, "report.json"), out)
	}
	return report.Domains[0]
}

// The checker's report on a site (csaf_checker's report.go).
type (
	checkerDomain struct {
		Role         string
		Passed       bool
		Requirements []checkerRequirement
		Rules        checkerRule `json:"evaluated_rules"`
	}
	checkerRequirement struct {
		Num         int
		Description string
		Messages    []checkerMessage
	}
	checkerMessage struct {
		Type int
		Text string
	}
	checkerRule struct {
		Requirement int
		Passed      *bool
		Includes    []checkerRule
	}
)

// The types of the checker's messages.
const (
	checkerWarning = 1
	checkerError   = 2
)

func (d checkerDomain) requirement(num int) checkerRequirement {
	for _, r := range d.Requirements {
		if r.Num == num {
			return r
		}
	}
	return checkerRequirement{}
}

func (d checkerDomain) says(num int, text string) bool {
	for _, m := range d.requirement(num).Messages {
		if m.Text == text {
			return true
		}
	}
	return false
}

// leaves are the requirements of the rules the checker evaluated.
func (r checkerRule) leaves() []checkerRule {
	if r.Requirement != 0 {
		return []checkerRule{r}
	}
	var leaves []checkerRule
	for _, sub := range r.Includes {
		leaves = append(leaves, sub.leaves()...)
	}
	return leaves
}

// certificates makes a certificate authority, in PEM, and a certificate
// it signs for the hosts.
func certificates(t *testing.T, hosts ...string) ([]byte, tls.Certificate) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "the test's certificate authority"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	if ca, err = x509.ParseCertificate(caDER); err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: hosts[0]}, DNSNames: hosts,
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// copyTree copies a built site into a new folder.
func copyTree(t *testing.T, dir string) string {
	t.Helper()
	to := t.TempDir()
	sitetest.Write(t, to, tree(t, dir))
	return to
}
