package audit

import (
	"strings"
	"testing"
	"time"
)

func chain(n int) []Entry {
	prev := GenesisHash
	var out []Entry
	for i := 1; i <= n; i++ {
		e := Entry{ID: int64(i), At: time.Date(2026, 1, 1, 0, 0, i, 123456789, time.UTC), ActorID: 7, Action: ViewPII, ObjectType: "person", ObjectID: "3", Result: ResultOK, PrevHash: prev}
		e.Hash = ComputeHash(e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func verify(rows []Entry) error {
	v := NewVerifier()
	for _, e := range rows {
		if err := v.Check(e); err != nil {
			return err
		}
	}
	return nil
}

func TestChain(t *testing.T) {
	if err := verify(chain(5)); err != nil {
		t.Fatal(err)
	}
	altered := chain(5)
	altered[2].Summary = "changed"
	if err := verify(altered); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("altered row: %v", err)
	}
	deleted := chain(5)
	deleted = append(deleted[:1], deleted[2:]...)
	if err := verify(deleted); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("deleted row: %v", err)
	}
	// Separator ambiguity: moving text between fields must change the hash.
	a := Entry{ActorRole: "ab", IP: "c"}
	b := Entry{ActorRole: "a", IP: "bc"}
	if ComputeHash(a) == ComputeHash(b) {
		t.Fatal("field boundaries not hashed")
	}
}
