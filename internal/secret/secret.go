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
	"os"
	"path/filepath"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// version prefixes every ciphertext so keys or algorithms can rotate later.
const version byte = 1

// Box seals and opens personal data with one master key.
type Box struct {
	aead     cipher.AEAD
	indexKey []byte
	id       string
	master   []byte // for Derive
}

// New derives the encryption and index keys from a 32-byte master key.
func New(master []byte) (*Box, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("secret.New: master key must be 32 bytes, got %d", len(master))
	}
	encKey := derive(master, "jiuye/sm4-gcm")[:16]
	block, err := sm4.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("secret.New: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret.New: %w", err)
	}
	return &Box{aead: aead, indexKey: derive(master, "jiuye/blind-index"), id: hex.EncodeToString(derive(master, "jiuye/key-id")[:8]),
		master: append([]byte(nil), master...)}, nil
}

// Derive returns a 32-byte key for one purpose, derived from the master key
// with HMAC-SM3, so each use (the audit chain, checkpoints, uploads) has its
// own key and none of them reveals the master or another purpose's key.
func (b *Box) Derive(purpose string) []byte { return derive(b.master, "jiuye/derived/"+purpose) }

func derive(master []byte, label string) []byte {
	m := hmac.New(sm3.New, master)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// KeyID is a fingerprint of the master key (not secret); backups record it so
// a restore can tell whether it has the right key.
func (b *Box) KeyID() string { return b.id }

// Seal encrypts plaintext; empty input stays empty so optional fields stay NULL-like.
func (b *Box) Seal(plaintext string) []byte {
	if plaintext == "" {
		return nil
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic("secret: crypto/rand failed: " + err.Error()) // unrecoverable platform failure
	}
	out := append([]byte{version}, nonce...)
	return b.aead.Seal(out, nonce, []byte(plaintext), []byte{version})
}

// Open decrypts what Seal produced.
func (b *Box) Open(ciphertext []byte) (string, error) {
	if len(ciphertext) == 0 {
		return "", nil
	}
	ns := b.aead.NonceSize()
	if len(ciphertext) < 1+ns || ciphertext[0] != version {
		return "", errors.New("secret.Open: malformed ciphertext")
	}
	pt, err := b.aead.Open(nil, ciphertext[1:1+ns], ciphertext[1+ns:], []byte{version})
	if err != nil {
		return "", fmt.Errorf("secret.Open: %w", err)
	}
	return string(pt), nil
}

// Index returns the blind index of a normalised value for a purpose ("id",
// "phone"); different purposes never collide.
func (b *Box) Index(purpose, value string) string {
	if value == "" {
		return ""
	}
	m := hmac.New(sm3.New, b.indexKey)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil)[:20])
}

// LoadKeyFile reads a hex master key from path, creating a new random one with
// mode 0600 when the file does not exist.
func LoadKeyFile(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return createKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("secret.LoadKeyFile: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("secret.LoadKeyFile %s: want 64 hex characters", path)
	}
	return key, nil
}

func createKeyFile(path string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("secret.createKeyFile: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("secret.createKeyFile: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("secret.createKeyFile: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		return nil, fmt.Errorf("secret.createKeyFile: %w", err)
	}
	return key, f.Sync()
}
