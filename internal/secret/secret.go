// Package secret encrypts personal data at rest (SM4-GCM) and computes keyed
// blind indexes (HMAC-SM3) so encrypted values can still be found by exact
// match. The key lives in a file outside the database.
package secret

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// Ciphertext versions. Version 1 (before key rotation) is
//
//	1 | nonce (12) | SM4-GCM(plaintext, ad = 1)
//
// and names no key: it was sealed with whichever key was current then, so
// Open tries the current key and then the previous one. Version 2, what Seal
// writes, names its key:
//
//	2 | key id (4) | nonce (12) | SM4-GCM(plaintext, ad = 2 | key id)
//
// where the key id is the first 4 bytes of the data key's fingerprint.
const (
	version1 byte = 1
	version2 byte = 2
	kidSize       = 4
)

// dataKey is one master key of the ring: its SM4-GCM and blind-index keys.
type dataKey struct {
	aead     cipher.AEAD
	indexKey []byte
	kid      [kidSize]byte
}

func newDataKey(master []byte) (*dataKey, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("secret.New: master key must be 32 bytes, got %d", len(master))
	}
	block, err := sm4.NewCipher(derive(master, "jiuye/sm4-gcm")[:16])
	if err != nil {
		return nil, fmt.Errorf("secret.New: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret.New: %w", err)
	}
	k := &dataKey{aead: aead, indexKey: derive(master, "jiuye/blind-index")}
	copy(k.kid[:], derive(master, "jiuye/key-id"))
	return k, nil
}

// Box seals and opens personal data with a key ring: the current key, which
// seals and indexes, and during a rotation the previous one, which still
// opens and still finds what it sealed and indexed. The derived keys
// (Derive, Files, KeyID) come from a separate derivation root that a data
// key rotation does not change (a root rotation, key rotate --root, does).
type Box struct {
	keys     []*dataKey // keys[0] is current, keys[1] (if any) previous
	indexKey []byte     // keys[0].indexKey
	id       string
	root     []byte // for Derive
}

// New returns the Box of a single 32-byte master key: it is the current key
// and the derivation root (a key file before any rotation).
func New(master []byte) (*Box, error) { return NewRing(master, nil, master) }

// NewRing returns a Box sealing with current, still opening and indexing
// with previous (nil outside a rotation), and deriving its purpose keys from
// root (the installation's first key).
func NewRing(current, previous, root []byte) (*Box, error) {
	if len(root) != 32 {
		return nil, fmt.Errorf("secret.New: derivation root must be 32 bytes, got %d", len(root))
	}
	cur, err := newDataKey(current)
	if err != nil {
		return nil, err
	}
	b := &Box{keys: []*dataKey{cur}, indexKey: cur.indexKey,
		id: hex.EncodeToString(derive(root, "jiuye/key-id")[:8]), root: append([]byte(nil), root...)}
	if previous != nil {
		prev, err := newDataKey(previous)
		if err != nil {
			return nil, err
		}
		if prev.kid == cur.kid {
			return nil, errors.New("secret.NewRing: the current and previous keys have the same key id")
		}
		b.keys = append(b.keys, prev)
	}
	return b, nil
}

// Derive returns a 32-byte key for one purpose, derived from the derivation
// root with HMAC-SM3, so each use (the audit chain, checkpoints, uploads,
// backup manifests) has its own key and none of them reveals the root or
// another purpose's key. Rotating the data key does not change it; rotating
// the root does.
func (b *Box) Derive(purpose string) []byte { return DeriveWith(b.root, purpose) }

// DeriveWith is Derive under the derivation root root: what a Box with that
// root derives (for checking what an earlier root made, e.g. during a root
// rotation or in tests).
func DeriveWith(root []byte, purpose string) []byte { return derive(root, "jiuye/derived/"+purpose) }

func derive(master []byte, label string) []byte {
	m := hmac.New(sm3.New, master)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// KeyID is a fingerprint of the derivation root (not secret); the audit
// chain, its checkpoints and backups record it so a verify or a restore can
// tell whether it has the right key. Rotating the data key does not change it.
func (b *Box) KeyID() string { return b.id }

// DataKeyID is the fingerprint of the current data key, the key id written
// into version 2 ciphertexts (hex, not secret).
func (b *Box) DataKeyID() string { return hex.EncodeToString(b.keys[0].kid[:]) }

// Rotating reports whether the ring holds a previous key.
func (b *Box) Rotating() bool { return len(b.keys) > 1 }

// Seal encrypts plaintext with the current key; empty input stays empty so
// optional fields stay NULL-like.
func (b *Box) Seal(plaintext string) []byte {
	if plaintext == "" {
		return nil
	}
	k := b.keys[0]
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic("secret: crypto/rand failed: " + err.Error()) // unrecoverable platform failure
	}
	head := append([]byte{version2}, k.kid[:]...)
	out := append(append(make([]byte, 0, len(head)+len(nonce)+len(plaintext)+k.aead.Overhead()), head...), nonce...)
	return k.aead.Seal(out, nonce, []byte(plaintext), head)
}

// Open decrypts what Seal produced under any key of the ring, and the
// version 1 ciphertexts of earlier versions.
func (b *Box) Open(ciphertext []byte) (string, error) {
	if len(ciphertext) == 0 {
		return "", nil
	}
	const ns = 12 // the GCM standard nonce size
	switch ciphertext[0] {
	case version1:
		if len(ciphertext) < 1+ns {
			break
		}
		var err error
		for _, k := range b.keys {
			var pt []byte
			if pt, err = k.aead.Open(nil, ciphertext[1:1+ns], ciphertext[1+ns:], []byte{version1}); err == nil {
				return string(pt), nil
			}
		}
		return "", fmt.Errorf("secret.Open: %w", err)
	case version2:
		if len(ciphertext) < 1+kidSize+ns {
			break
		}
		k := b.key(ciphertext[1 : 1+kidSize])
		if k == nil {
			return "", fmt.Errorf("secret.Open: sealed with key %x, which is not in the key file", ciphertext[1:1+kidSize])
		}
		body := ciphertext[1+kidSize:]
		pt, err := k.aead.Open(nil, body[:ns], body[ns:], ciphertext[:1+kidSize])
		if err != nil {
			return "", fmt.Errorf("secret.Open: %w", err)
		}
		return string(pt), nil
	}
	return "", errors.New("secret.Open: malformed ciphertext")
}

func (b *Box) key(kid []byte) *dataKey {
	for _, k := range b.keys {
		if string(k.kid[:]) == string(kid) {
			return k
		}
	}
	return nil
}

// Current reports whether ciphertext is empty or sealed (version 2) under
// the current key, so a rotation can skip it. It does not authenticate it.
func (b *Box) Current(ciphertext []byte) bool {
	if len(ciphertext) == 0 {
		return true
	}
	return len(ciphertext) > 1+kidSize && ciphertext[0] == version2 &&
		string(ciphertext[1:1+kidSize]) == string(b.keys[0].kid[:])
}

// Index returns the blind index of a normalised value for a purpose ("id",
// "phone") under the current key; different purposes never collide.
func (b *Box) Index(purpose, value string) string {
	if value == "" {
		return ""
	}
	return index(b.keys[0].indexKey, purpose, value)
}

// Indexes returns the blind indexes of value under every key of the ring,
// the current first: a lookup during a rotation matches any of them. Outside
// a rotation it is just Index. An empty value gives one empty string.
func (b *Box) Indexes(purpose, value string) []string {
	if value == "" {
		return []string{""}
	}
	out := make([]string, len(b.keys))
	for i, k := range b.keys {
		out[i] = index(k.indexKey, purpose, value)
	}
	return out
}

func index(key []byte, purpose, value string) string {
	m := hmac.New(sm3.New, key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil)[:20])
}

// LoadKeyFile reads the hex master key of a single-key file (the format
// before rotation), creating a new random one with mode 0600 when the file
// does not exist. A key file holding a ring is refused: use LoadBox.
func LoadKeyFile(path string) ([]byte, error) {
	r, err := LoadKeyRing(path)
	if err != nil {
		return nil, err
	}
	if r.Previous != nil || string(r.Root) != string(r.Current) {
		return nil, fmt.Errorf("secret.LoadKeyFile %s: the file holds a key ring; use LoadBox", path)
	}
	return r.Current, nil
}
