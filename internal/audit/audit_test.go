package audit

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func chain(n int, hash func(Entry) string) []Entry {
	prev := GenesisHash
	var out []Entry
	for i := 1; i <= n; i++ {
		e := Entry{ID: int64(i), At: time.Date(2026, 1, 1, 0, 0, i, 123456789, time.UTC), ActorID: 7, Action: ViewPII, ObjectType: "person", ObjectID: "3", Result: ResultOK, PrevHash: prev}
		e.Hash = hash(e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func keyed(e Entry) string { return Hash(testKey, e) }

func verify(v *Verifier, rows []Entry) error {
	for _, e := range rows {
		if err := v.Check(e); err != nil {
			return err
		}
	}
	return v.Finish()
}

func TestChain(t *testing.T) {
	if err := verify(NewVerifier(testKey), chain(5, keyed)); err != nil {
		t.Fatal(err)
	}
	altered := chain(5, keyed)
	altered[2].Summary = "changed"
	if err := verify(NewVerifier(testKey), altered); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("altered row: %v", err)
	}
	deleted := chain(5, keyed)
	deleted = append(deleted[:1], deleted[2:]...)
	if err := verify(NewVerifier(testKey), deleted); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("deleted row: %v", err)
	}
	// Separator ambiguity: moving text between fields must change the hash.
	a := Entry{ActorRole: "ab", IP: "c"}
	b := Entry{ActorRole: "a", IP: "bc"}
	if keyed(a) == keyed(b) || LegacyHash(a) == LegacyHash(b) {
		t.Fatal("field boundaries not hashed")
	}
}

// TestChainNeedsTheKey: a chain recomputed without the key (the old unkeyed
// SHA-256, or another key) fails at its first row.
func TestChainNeedsTheKey(t *testing.T) {
	other := []byte("another key, also thirty-two b..")
	for name, rows := range map[string][]Entry{
		"sha256":    chain(4, LegacyHash),
		"other key": chain(4, func(e Entry) string { return Hash(other, e) }),
	} {
		if err := verify(NewVerifier(testKey), rows); err == nil || !strings.Contains(err.Error(), "audit row 1:") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := verify(NewLegacyVerifier(), chain(4, LegacyHash)); err != nil {
		t.Fatalf("legacy chain: %v", err)
	}
	if len(keyed(Entry{})) != len(GenesisHash) {
		t.Fatal("keyed hash is not 64 hex characters")
	}
}

func TestCheckpointExpectations(t *testing.T) {
	rows := chain(6, keyed)
	cp := Checkpoint{ID: 6, Hash: rows[5].Hash, At: time.Now()}.Sign(testKey)
	v := NewVerifier(testKey)
	v.Expect(cp)
	if err := verify(v, rows); err != nil {
		t.Fatalf("intact chain against its checkpoint: %v", err)
	}
	// The newest rows deleted: a valid shorter chain, caught by the checkpoint.
	v = NewVerifier(testKey)
	v.Expect(cp)
	if err := verify(v, rows[:4]); err == nil || !strings.Contains(err.Error(), "truncated") || !strings.Contains(err.Error(), "newest row is 4") {
		t.Fatalf("truncation: %v", err)
	}
	// Cut back to row 3 and written again past the checkpoint: row 6 differs.
	again := append([]Entry(nil), rows[:3]...)
	prev := rows[2].Hash
	for i := int64(4); i <= 7; i++ {
		e := Entry{ID: i, At: time.Date(2026, 2, 1, 0, 0, int(i), 0, time.UTC), Action: LoginOK, Result: ResultOK, PrevHash: prev}
		e.Hash = keyed(e)
		prev = e.Hash
		again = append(again, e)
	}
	v = NewVerifier(testKey)
	v.Expect(cp)
	if err := verify(v, again); err == nil || !strings.Contains(err.Error(), "audit row 6: hash differs from the checkpoint") {
		t.Fatalf("rewound chain: %v", err)
	}
}

func TestCheckpointSignature(t *testing.T) {
	cp := Checkpoint{ID: 9, Hash: strings.Repeat("ab", 32), At: time.Date(2026, 3, 1, 8, 0, 0, 123456789, time.FixedZone("CST", 8*3600)), KeyID: "k1"}.Sign(testKey)
	if err := cp.CheckSignature(testKey, "k1"); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]Checkpoint{
		"id":   {ID: 10, Hash: cp.Hash, At: cp.At, KeyID: cp.KeyID, Sig: cp.Sig},
		"hash": {ID: 9, Hash: GenesisHash, At: cp.At, KeyID: cp.KeyID, Sig: cp.Sig},
		"time": {ID: 9, Hash: cp.Hash, At: cp.At.Add(time.Microsecond), KeyID: cp.KeyID, Sig: cp.Sig},
		"sig":  {ID: 9, Hash: cp.Hash, At: cp.At, KeyID: cp.KeyID, Sig: "zz"},
	} {
		if err := bad.CheckSignature(testKey, "k1"); !errors.Is(err, ErrCheckpointForged) {
			t.Errorf("%s altered: %v", name, err)
		}
	}
	other := Checkpoint{ID: 9, Hash: cp.Hash, At: cp.At, KeyID: "k2"}.Sign([]byte("other"))
	if err := other.CheckSignature(testKey, "k1"); !errors.Is(err, ErrCheckpointOtherKey) {
		t.Errorf("other key: %v", err)
	}
	// Through the file line and through a JSON log line, the signature holds.
	var log bytes.Buffer
	slog.New(slog.NewJSONHandler(&log, nil)).Info("audit checkpoint", LogKey, cp)
	data := append([]byte(`{"time":"x","level":"INFO","msg":"serving"}`+"\nnot json\n"), log.Bytes()...)
	data = append(data, cp.Line()...)
	got, err := ParseCheckpoints(data)
	if err != nil || len(got) != 2 {
		t.Fatalf("parse: %v %v", got, err)
	}
	for _, g := range got {
		if err := g.CheckSignature(testKey, "k1"); err != nil || g.ID != 9 {
			t.Fatalf("parsed checkpoint %+v: %v", g, err)
		}
	}
	if _, err := ParseCheckpoints([]byte(`{"msg":"serving"}`)); err == nil {
		t.Fatal("a log without checkpoints must be an error")
	}
}
