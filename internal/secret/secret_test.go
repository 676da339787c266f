package secret

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpenAndIndex(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k", "jiuye.key")
	key, err := LoadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	again, err := LoadKeyFile(path)
	if err != nil || string(again) != string(key) {
		t.Fatalf("reload key: %v", err)
	}
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := b.Seal("420112199001011234"), b.Seal("420112199001011234")
	if string(c1) == string(c2) {
		t.Fatal("two seals of one value must differ (random nonce)")
	}
	if got, err := b.Open(c1); err != nil || got != "420112199001011234" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	c1[len(c1)-1] ^= 1
	if _, err := b.Open(c1); err == nil {
		t.Fatal("tampered ciphertext must fail")
	}
	if b.Index("id", "x") != b.Index("id", "x") || b.Index("id", "x") == b.Index("phone", "x") {
		t.Fatal("index must be deterministic and purpose-separated")
	}
	other, _ := New(make([]byte, 32))
	if other.Index("id", "x") == b.Index("id", "x") || other.KeyID() == b.KeyID() {
		t.Fatal("different keys must give different indexes and ids")
	}
	if _, err := New([]byte("short")); err == nil {
		t.Fatal("short key accepted")
	}
}

// TestDerive: purposes get different, stable keys, and none equals the
// encryption or index key.
func TestDerive(t *testing.T) {
	master := make([]byte, 32)
	for i := range master {
		master[i] = byte(i)
	}
	b, err := New(master)
	if err != nil {
		t.Fatal(err)
	}
	a1, a2, u := b.Derive("audit"), b.Derive("audit"), b.Derive("uploads")
	if len(a1) != 32 || string(a1) != string(a2) || string(a1) == string(u) || string(a1) == string(b.indexKey) {
		t.Fatalf("derived keys: %x %x %x", a1, a2, u)
	}
}
