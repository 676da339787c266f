package secret

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func key(t *testing.T, b byte) []byte {
	t.Helper()
	return bytes.Repeat([]byte{b}, 32)
}

// sealV1 is Seal as it was before rotation: version 1, no key id.
func sealV1(t *testing.T, master []byte, plaintext string) []byte {
	t.Helper()
	k, err := newDataKey(master)
	if err != nil {
		t.Fatal(err)
	}
	nonce := make([]byte, 12)
	rand.Read(nonce)
	return k.aead.Seal(append([]byte{version1}, nonce...), nonce, []byte(plaintext), []byte{version1})
}

func TestRingRoundTripsAcrossKeys(t *testing.T) {
	k1, k2, k3 := key(t, 1), key(t, 2), key(t, 3)
	old, _ := New(k1)
	ring, err := NewRing(k2, k1, k1)
	if err != nil {
		t.Fatal(err)
	}
	onlyNew, _ := NewRing(k2, nil, k1)
	stranger, _ := New(k3)

	underOld, underNew := old.Seal("13800138000"), ring.Seal("13800138000")
	if underNew[0] != 2 || !bytes.Equal(underNew[1:5], ring.keys[0].kid[:]) {
		t.Fatalf("Seal wrote %x, want version 2 and the current key id", underNew[:5])
	}
	for name, c := range map[string]struct {
		b  *Box
		ct []byte
		ok bool
	}{
		"old opens old":          {old, underOld, true},
		"ring opens old":         {ring, underOld, true},
		"ring opens new":         {ring, underNew, true},
		"new alone opens new":    {onlyNew, underNew, true},
		"new alone refuses old":  {onlyNew, underOld, false},
		"old refuses new":        {old, underNew, false},
		"stranger refuses old":   {stranger, underOld, false},
		"stranger refuses new":   {stranger, underNew, false},
		"ring opens old v1":      {ring, sealV1(t, k1, "13800138000"), true},
		"ring opens new v1":      {ring, sealV1(t, k2, "13800138000"), true},
		"ring refuses v1 of k3":  {ring, sealV1(t, k3, "13800138000"), false},
		"single key opens v1":    {old, sealV1(t, k1, "13800138000"), true},
		"new alone refuses v1/1": {onlyNew, sealV1(t, k1, "13800138000"), false},
	} {
		got, err := c.b.Open(c.ct)
		if c.ok && (err != nil || got != "13800138000") {
			t.Errorf("%s: Open = %q, %v", name, got, err)
		}
		if !c.ok && err == nil {
			t.Errorf("%s: opened %q", name, got)
		}
	}
	if !ring.Current(underNew) || ring.Current(underOld) || ring.Current(sealV1(t, k2, "x")) || !ring.Current(nil) {
		t.Fatal("Current must hold for version 2 under the current key (and empty) only")
	}
	if old.Rotating() || !ring.Rotating() || onlyNew.Rotating() {
		t.Fatal("Rotating")
	}
	if ring.DataKeyID() == old.DataKeyID() || onlyNew.DataKeyID() != ring.DataKeyID() {
		t.Fatal("DataKeyID must name the current key")
	}
}

func TestRingIndexesAndDerivedKeys(t *testing.T) {
	k1, k2 := key(t, 1), key(t, 2)
	old, _ := New(k1)
	ring, _ := NewRing(k2, k1, k1)
	next, _ := New(k2)
	if got := old.Indexes("phone", "13800138000"); len(got) != 1 || got[0] != old.Index("phone", "13800138000") {
		t.Fatalf("Indexes without a previous key = %v", got)
	}
	got := ring.Indexes("phone", "13800138000")
	if len(got) != 2 || got[0] != next.Index("phone", "13800138000") || got[1] != old.Index("phone", "13800138000") ||
		ring.Index("phone", "13800138000") != got[0] {
		t.Fatalf("Indexes during a rotation = %v", got)
	}
	if e := ring.Indexes("phone", ""); len(e) != 1 || e[0] != "" {
		t.Fatalf("Indexes of empty = %q", e)
	}
	// The derivation root does not rotate: the audit chain, checkpoints,
	// uploads and manifests keep their keys.
	if !bytes.Equal(ring.Derive("audit-chain"), old.Derive("audit-chain")) || ring.KeyID() != old.KeyID() ||
		bytes.Equal(next.Derive("audit-chain"), old.Derive("audit-chain")) {
		t.Fatal("Derive and KeyID must follow the root, not the current key")
	}
	if _, err := NewRing(k2, k1, []byte("short")); err == nil {
		t.Fatal("short root accepted")
	}
	if _, err := NewRing(k2, k2, k1); err == nil {
		t.Fatal("a previous key equal to the current one accepted")
	}
}

func TestRingTamperingRefused(t *testing.T) {
	k1, k2, k3 := key(t, 1), key(t, 2), key(t, 3)
	ring, _ := NewRing(k2, k1, k1)
	ct := ring.Seal("420112199001011234")
	for i := range ct {
		bad := bytes.Clone(ct)
		bad[i] ^= 0x40
		if got, err := ring.Open(bad); err == nil {
			t.Fatalf("byte %d flipped: opened %q", i, got)
		}
	}
	for _, n := range []int{1, 5, 17, len(ct) - 1} {
		if _, err := ring.Open(ct[:n]); err == nil {
			t.Fatalf("cut to %d bytes: opened", n)
		}
	}
	// Relabelled: a ciphertext of another key given the current key's id.
	stranger, _ := New(k3)
	forged := stranger.Seal("420112199001011234")
	copy(forged[1:5], ct[1:5])
	if _, err := ring.Open(forged); err == nil {
		t.Fatal("another key's ciphertext with the current key id opened")
	}
	// Downgraded: a version 2 body presented as version 1.
	down := append([]byte{version1}, ct[5:]...)
	if _, err := ring.Open(down); err == nil {
		t.Fatal("version 2 body opened as version 1")
	}
}

func TestKeyFileFormats(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "jiuye.key")
	legacy := strings.Repeat("ab", 32) + "\n"
	os.WriteFile(path, []byte(legacy), 0o600)
	r, err := LoadKeyRing(path)
	if err != nil || !bytes.Equal(r.Current, r.Root) || r.Previous != nil {
		t.Fatalf("legacy file: %+v %v", r, err)
	}
	if string(r.Marshal()) != legacy {
		t.Fatalf("a single key must be written as before rotation, got %q", r.Marshal())
	}
	if k, err := LoadKeyFile(path); err != nil || !bytes.Equal(k, r.Current) {
		t.Fatalf("LoadKeyFile of a legacy file: %v", err)
	}
	before, _ := r.Box()
	next, err := r.Rotate()
	if err != nil || !bytes.Equal(next.Previous, r.Current) || !bytes.Equal(next.Root, r.Root) || bytes.Equal(next.Current, r.Current) {
		t.Fatalf("Rotate: %+v %v", next, err)
	}
	if _, err := next.Rotate(); err == nil {
		t.Fatal("rotating during a rotation accepted")
	}
	if err := WriteKeyRing(path, next); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
	again, err := LoadKeyRing(path)
	if err != nil || !bytes.Equal(again.Current, next.Current) || !bytes.Equal(again.Previous, next.Previous) || !bytes.Equal(again.Root, next.Root) {
		t.Fatalf("reload: %+v %v", again, err)
	}
	box, err := LoadBox(path)
	if err != nil || !box.Rotating() || box.KeyID() != before.KeyID() {
		t.Fatalf("LoadBox: %v", err)
	}
	if _, err := before.Open(box.Seal("x")); err == nil {
		t.Fatal("the old key opened the new key's ciphertext")
	}
	if _, err := LoadKeyFile(path); err == nil {
		t.Fatal("LoadKeyFile must refuse a ring (its root would be lost)")
	}
	// Finished: the previous key dropped, the root kept.
	done := KeyRing{Current: next.Current, Root: next.Root}
	if p, err := ParseKeyRing(done.Marshal()); err != nil || p.Previous != nil || !bytes.Equal(p.Root, r.Root) {
		t.Fatalf("finished ring: %+v %v", p, err)
	}
	h := strings.Repeat("cd", 32)
	for _, bad := range []string{"", "# only a comment\n", "xyz\n", legacy + legacy, legacy + "previous " + h + "\n",
		legacy + "other " + h + "\n", legacy + "root " + h[:10] + "\n"} {
		if _, err := ParseKeyRing([]byte(bad)); err == nil {
			t.Errorf("ParseKeyRing(%q) accepted", bad)
		}
	}
}

// TestRotateRoot: a root rotation keeps the data keys, names the old root
// previous-root in the file, and PreviousBox derives what the old root did.
func TestRotateRoot(t *testing.T) {
	legacy := strings.Repeat("ab", 32) + "\n"
	r, err := ParseKeyRing([]byte(legacy))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := r.Box()
	next, err := r.RotateRoot()
	if err != nil || !bytes.Equal(next.Current, r.Current) || !bytes.Equal(next.PreviousRoot, r.Root) || bytes.Equal(next.Root, r.Root) {
		t.Fatalf("RotateRoot: %+v %v", next, err)
	}
	if _, err := next.RotateRoot(); err == nil {
		t.Fatal("a root rotation during a root rotation accepted")
	}
	p, err := ParseKeyRing(next.Marshal())
	if err != nil || !bytes.Equal(p.PreviousRoot, r.Root) || !bytes.Equal(p.Root, next.Root) || !bytes.Equal(p.Current, r.Current) {
		t.Fatalf("round trip: %+v %v", p, err)
	}
	box, _ := p.Box()
	old, err := p.PreviousBox()
	if err != nil || old.KeyID() != before.KeyID() || box.KeyID() == before.KeyID() {
		t.Fatalf("PreviousBox: %v", err)
	}
	if !bytes.Equal(old.Derive("uploads"), before.Derive("uploads")) || bytes.Equal(box.Derive("uploads"), before.Derive("uploads")) ||
		!bytes.Equal(DeriveWith(r.Root, "uploads"), before.Derive("uploads")) {
		t.Fatal("derived keys: want the old root's from PreviousBox and DeriveWith, new ones from the ring")
	}
	if got, err := box.Open(before.Seal("x")); err != nil || got != "x" {
		t.Fatalf("the data key must not change: %v", err)
	}
	if _, err := r.PreviousBox(); err == nil {
		t.Fatal("PreviousBox outside a root rotation accepted")
	}
	if _, err := ParseKeyRing([]byte(legacy + "previous-root " + strings.Repeat("cd", 32) + "\n")); err == nil {
		t.Fatal("a previous-root without a root accepted")
	}
}
