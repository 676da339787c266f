package secret

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeyRing is what a key file holds. The file is text, one key per line in
// hex (64 characters):
//
//	<current>            the data key: seals and indexes personal data
//	previous <hex>       during a rotation only: the data key being replaced,
//	                     which still opens and finds what it sealed
//	root <hex>           the derivation root of Derive, Files and KeyID (the
//	                     audit chain, checkpoints, uploads, backup manifests)
//	previous-root <hex>  during a root rotation only: the root being replaced,
//	                     whose derived keys still open what is not moved yet
//
// Blank lines and lines starting with # are ignored. A file of one bare key
// (every file before rotation existed) is a ring whose current key is also
// its root, so it loads unchanged. Rotate replaces the current key and keeps
// the root; RotateRoot replaces the root and keeps the data keys.
type KeyRing struct {
	Current, Previous, Root []byte
	PreviousRoot            []byte
}

// PreviousBox returns the Box of the ring as it was before a root rotation:
// the same data keys under the previous root, whose Derive, Files and KeyID
// are the old ones. It is an error outside a root rotation.
func (r KeyRing) PreviousBox() (*Box, error) {
	if r.PreviousRoot == nil {
		return nil, errors.New("secret.PreviousBox: no root rotation in progress (the key file has no previous-root)")
	}
	return NewRing(r.Current, r.Previous, r.PreviousRoot)
}

// Box returns the Box of the ring.
func (r KeyRing) Box() (*Box, error) { return NewRing(r.Current, r.Previous, r.Root) }

// LoadBox reads the key file at path (creating a new single key with mode
// 0600 when it does not exist) and returns its Box.
func LoadBox(path string) (*Box, error) {
	r, err := LoadKeyRing(path)
	if err != nil {
		return nil, err
	}
	return r.Box()
}

// LoadKeyRing reads the key file at path, creating a new single random key
// with mode 0600 when it does not exist.
func LoadKeyRing(path string) (KeyRing, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key, err := createKeyFile(path)
		return KeyRing{Current: key, Root: key}, err
	}
	if err != nil {
		return KeyRing{}, fmt.Errorf("secret.LoadKeyRing: %w", err)
	}
	r, err := ParseKeyRing(raw)
	if err != nil {
		return KeyRing{}, fmt.Errorf("secret.LoadKeyRing %s: %w", path, err)
	}
	return r, nil
}

// ParseKeyRing parses the text of a key file.
func ParseKeyRing(raw []byte) (KeyRing, error) {
	var r KeyRing
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, found := strings.Cut(line, " ")
		if !found {
			name, value = "current", name
		}
		key, err := hex.DecodeString(strings.TrimSpace(value))
		if err != nil || len(key) != 32 {
			return KeyRing{}, fmt.Errorf("line %d: want 64 hex characters", n)
		}
		var dst *[]byte
		switch name {
		case "current":
			dst = &r.Current
		case "previous":
			dst = &r.Previous
		case "root":
			dst = &r.Root
		case "previous-root":
			dst = &r.PreviousRoot
		default:
			return KeyRing{}, fmt.Errorf("line %d: unknown entry %q", n, name)
		}
		if *dst != nil {
			return KeyRing{}, fmt.Errorf("line %d: %s given twice", n, name)
		}
		*dst = key
	}
	switch {
	case r.Current == nil:
		return KeyRing{}, errors.New("want 64 hex characters (no current key)")
	case r.Root == nil && r.Previous != nil:
		return KeyRing{}, errors.New("a ring with a previous key must name its root")
	case r.Root == nil && r.PreviousRoot != nil:
		return KeyRing{}, errors.New("a ring with a previous root must name its root")
	case r.Root == nil:
		r.Root = r.Current
	}
	return r, nil
}

// Marshal returns the text of the ring's key file. A ring of one key that is
// its own root is written as before rotation: the bare key.
func (r KeyRing) Marshal() []byte {
	var b strings.Builder
	if r.Previous != nil || r.PreviousRoot != nil || string(r.Root) != string(r.Current) {
		b.WriteString("# jiuye key ring: the current data key, the previous one during a rotation, and the derivation root\n")
	}
	b.WriteString(hex.EncodeToString(r.Current) + "\n")
	if r.Previous != nil {
		b.WriteString("previous " + hex.EncodeToString(r.Previous) + "\n")
	}
	if string(r.Root) != string(r.Current) {
		b.WriteString("root " + hex.EncodeToString(r.Root) + "\n")
	}
	if r.PreviousRoot != nil {
		b.WriteString("previous-root " + hex.EncodeToString(r.PreviousRoot) + "\n")
	}
	return []byte(b.String())
}

// Rotate returns the ring with a new random current key, the current one as
// previous and the same root. A ring still holding a previous key is
// refused: finish that rotation first.
func (r KeyRing) Rotate() (KeyRing, error) {
	if r.Previous != nil {
		return KeyRing{}, errors.New("secret.Rotate: a rotation is in progress (the key file has a previous key)")
	}
	for {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return KeyRing{}, fmt.Errorf("secret.Rotate: %w", err)
		}
		next := KeyRing{Current: key, Previous: r.Current, Root: r.Root}
		if _, err := next.Box(); err == nil { // a key id colliding with the previous one: draw again
			return next, nil
		}
	}
}

// RotateRoot returns the ring with a new random derivation root, the current
// root as previous-root and the data keys unchanged. A ring already holding a
// previous root is refused: finish that root rotation first.
func (r KeyRing) RotateRoot() (KeyRing, error) {
	if r.PreviousRoot != nil {
		return KeyRing{}, errors.New("secret.RotateRoot: a root rotation is in progress (the key file has a previous-root)")
	}
	root := make([]byte, 32)
	if _, err := rand.Read(root); err != nil {
		return KeyRing{}, fmt.Errorf("secret.RotateRoot: %w", err)
	}
	return KeyRing{Current: r.Current, Previous: r.Previous, Root: root, PreviousRoot: r.Root}, nil
}

// WriteKeyRing replaces the key file at path with r atomically (a temporary
// file with mode 0600, synced, then renamed over it).
func WriteKeyRing(path string, r KeyRing) error {
	if _, err := r.Box(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("secret.WriteKeyRing: %w", err)
	}
	return writeFileAtomic(path, r.Marshal())
}

// writeFileAtomic writes data to path through a synced 0600 temporary file
// in the same directory, renamed over path, and syncs the directory.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("secret.writeFileAtomic: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CopyKeyFile copies the key file at src to dst (mode 0600, which must not
// exist yet): the backup of a key file before it is rewritten.
func CopyKeyFile(src, dst string) error {
	raw, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("secret.CopyKeyFile: %w", err)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("secret.CopyKeyFile: %w", err)
	}
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return fmt.Errorf("secret.CopyKeyFile: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("secret.CopyKeyFile: %w", err)
	}
	return f.Close()
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
