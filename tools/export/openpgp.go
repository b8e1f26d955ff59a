package export

import (
	"bytes"
	"crypto"
	_ "crypto/sha512" // the signatures' hash
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/clearsign"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Signer signs the CSAF advisories (a detached OpenPGP signature beside
// each, CSAF requirement 19) and security.txt (a cleartext signature, as
// RFC 9116 recommends) with the publisher's key, as of one moment: two
// builds of the same content as of the same moment sign the same bytes.
// The key is given to the build, never written anywhere; its public part
// is published beside the provider metadata (requirement 20).
type Signer struct {
	// Fingerprint is the key's, in upper-case hexadecimal, as the
	// provider metadata names it and its file.
	Fingerprint string
	// At is the moment of the signatures: the start of the day (UTC) the
	// build publishes as of, so that the builds of one day sign alike, or,
	// for a key made after it, the moment the key was made (a signature
	// cannot be older than its key).
	At time.Time

	entity *openpgp.Entity
	key    *packet.PrivateKey // the key that signs: the primary key, or a signing subkey
	public []byte             // the public key, armored
	config *packet.Config
	// go-crypto does not say its keys are safe to use from several
	// goroutines, and the exports are written by several.
	mu sync.Mutex
}

// NewSigner reads an armored OpenPGP secret key (gpg --armor
// --export-secret-keys FINGERPRINT), unlocked with passphrase when it is
// protected, to sign as of the day of the moment at. Its errors say what
// is wrong with the key and what to give instead; the caller names where
// it came from.
func NewSigner(armored []byte, passphrase string, at time.Time) (*Signer, error) {
	at = day(at)
	const export = "export it with gpg --armor --export-secret-keys FINGERPRINT"
	// go-crypto reads the first armored block alone.
	if n := bytes.Count(armored, []byte("-----BEGIN PGP ")); n > 1 {
		return nil, fmt.Errorf("%d armored blocks, where one key signs: give the key alone", n)
	}
	entities, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(armored))
	if err != nil {
		return nil, fmt.Errorf("not an armored OpenPGP secret key (%v): %s", err, export)
	}
	if len(entities) != 1 {
		var fingerprints []string
		for _, e := range entities {
			fingerprints = append(fingerprints, fingerprint(e))
		}
		return nil, fmt.Errorf("%d keys (%s), where one signs: give the key alone", len(entities), strings.Join(fingerprints, ", "))
	}
	e := entities[0]
	s := &Signer{Fingerprint: fingerprint(e)}
	key, at, ok := signingKey(e, at)
	switch {
	case !ok:
		return nil, fmt.Errorf("the key %s has no key that can sign as of %s: it has expired or was revoked, or signs nothing; give one that signs", s.Fingerprint, moment(at))
	case !validNow(e, key):
		// Signed as of the publication moment, which may be past, the
		// advisories would carry a signature of a key that no longer
		// signs: readers are told by the key they fetch now.
		return nil, fmt.Errorf("the key %s signed as of %s, but no longer does: it has expired or was revoked since; extend its expiry (gpg --quick-set-expire FINGERPRINT 2y), or give the key that replaced it", s.Fingerprint, moment(at))
	case key.PrivateKey == nil || key.PrivateKey.Dummy():
		return nil, fmt.Errorf("the key %s is a public key, without its secret part: %s", s.Fingerprint, export)
	case key.PublicKey.Version != 4:
		return nil, fmt.Errorf("the key %s is a version %d key, whose signatures carry a random salt: the same advisory would be signed differently at each build; give a version 4 key", s.Fingerprint, key.PublicKey.Version)
	}
	// Signatures made the same way every time, from the key, the content
	// and the moment alone: RSA's, of a key long enough, and EdDSA's.
	switch key.PublicKey.PubKeyAlgo {
	case packet.PubKeyAlgoRSA, packet.PubKeyAlgoRSASignOnly:
		if bits, err := key.PublicKey.BitLength(); err == nil && bits < 2048 {
			return nil, fmt.Errorf("the key %s is an RSA key of %d bits, which anyone with the means can forge signatures of (NIST asks for 2048 at least): give an Ed25519 key, or RSA of 3072 bits", s.Fingerprint, bits)
		}
	case packet.PubKeyAlgoEdDSA, packet.PubKeyAlgoEd25519, packet.PubKeyAlgoEd448:
	default:
		return nil, fmt.Errorf("the key %s signs with algorithm %d (ECDSA or DSA), whose signatures are random: the same advisory would be signed differently at each build; give an Ed25519 or RSA key (gpg --quick-generate-key \"NAME <EMAIL>\" ed25519 sign)", s.Fingerprint, key.PublicKey.PubKeyAlgo)
	}
	if key.PrivateKey.Encrypted {
		if passphrase == "" {
			return nil, &PassphraseError{Fingerprint: s.Fingerprint}
		}
		if err := key.PrivateKey.Decrypt([]byte(passphrase)); err != nil {
			return nil, &PassphraseError{Fingerprint: s.Fingerprint, Given: true}
		}
	}
	s.entity, s.key, s.At = e, key.PrivateKey, at
	s.config = &packet.Config{DefaultHash: crypto.SHA512, Time: func() time.Time { return at }, SigningKeyId: key.PublicKey.KeyId,
		// go-crypto adds a random notation to each signature, against a
		// fault (a bit flipped) while an EdDSA key signs leaking the key;
		// the same content would then be signed differently at each
		// build. A build signs on a machine of the publisher's.
		NonDeterministicSignaturesViaNotation: new(false)}
	if s.public, err = publicKey(e); err != nil {
		return nil, fmt.Errorf("the key %s: %w", s.Fingerprint, err)
	}
	return s, nil
}

// PassphraseError is a key protected by a passphrase that was not given,
// or that the passphrase given does not unlock.
type PassphraseError struct {
	Fingerprint string
	Given       bool
}

func (e *PassphraseError) Error() string {
	if e.Given {
		return fmt.Sprintf("the passphrase given does not unlock the key %s", e.Fingerprint)
	}
	return fmt.Sprintf("the key %s is protected by a passphrase, which was not given", e.Fingerprint)
}

// day is the start of the day (UTC) of a moment: what the files that hold
// a time of the build's, the signatures and security.txt, are dated by,
// so that the builds of one day are the same.
func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// fingerprint is an entity's primary key's fingerprint, in upper-case
// hexadecimal.
func fingerprint(e *openpgp.Entity) string {
	return fmt.Sprintf("%X", e.PrimaryKey.Fingerprint)
}

// signingKey returns the key of e that signs as of at, and the moment it
// signs at: at, or, when e was made or certified after it, that later
// moment, which a verifier accepts.
func signingKey(e *openpgp.Entity, at time.Time) (openpgp.Key, time.Time, bool) {
	if key, ok := e.SigningKey(at); ok {
		return key, at, true
	}
	made := e.PrimaryKey.CreationTime
	if sig, _ := e.PrimarySelfSignature(); sig != nil && sig.CreationTime.After(made) {
		made = sig.CreationTime
	}
	for _, sub := range e.Subkeys {
		for _, t := range []time.Time{sub.PublicKey.CreationTime, sub.Sig.CreationTime} {
			if t.After(made) {
				made = t
			}
		}
	}
	if !made.After(at) {
		return openpgp.Key{}, at, false
	}
	key, ok := e.SigningKey(made)
	return key, made, ok
}

// validNow reports whether the key of e that signs is valid now, by the
// clock, whatever moment it signs as of.
func validNow(e *openpgp.Entity, key openpgp.Key) bool {
	_, ok := e.SigningKeyById(time.Now(), key.PublicKey.KeyId)
	return ok
}

// publicKey is the public part of e, armored. go-crypto's Entity.Serialize
// writes the user ids in the order of a map, so it is written here, in the
// order of their names: the same key is the same file at every build.
func publicKey(e *openpgp.Entity) ([]byte, error) {
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PublicKeyType, nil)
	if err != nil {
		return nil, err
	}
	var packets []interface{ Serialize(io.Writer) error }
	packets = append(packets, e.PrimaryKey)
	for _, sig := range append(slices.Clone(e.Revocations), e.Signatures...) {
		packets = append(packets, sig)
	}
	for _, name := range slices.Sorted(maps.Keys(e.Identities)) {
		id := e.Identities[name]
		packets = append(packets, id.UserId)
		for _, sig := range id.Signatures {
			packets = append(packets, sig)
		}
	}
	for _, sub := range e.Subkeys {
		packets = append(packets, sub.PublicKey)
		for _, sig := range sub.Revocations {
			packets = append(packets, sig)
		}
		packets = append(packets, sub.Sig)
	}
	for _, p := range packets {
		if err := p.Serialize(w); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// PublicKey is the public key, armored, as it is published.
func (s *Signer) PublicKey() []byte { return slices.Clone(s.public) }

// sign returns the armored detached signature of data.
func (s *Signer) sign(data []byte) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b bytes.Buffer
	if err := openpgp.ArmoredDetachSign(&b, s.entity, bytes.NewReader(data), s.config); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// clearsign returns text with its cleartext signature around it.
func (s *Signer) clearsign(text []byte) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b bytes.Buffer
	w, err := clearsign.Encode(&b, s.key, s.config)
	if err != nil {
		return nil, err
	}
	// The line end before the signature is the signature's (RFC 4880,
	// section 7.1): the text's last is not written twice.
	if _, err := w.Write(bytes.TrimSuffix(text, []byte("\n"))); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
