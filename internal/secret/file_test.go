package secret

import (
	"bytes"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

func testFileBox(t *testing.T) (*Box, *FileBox) {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	return b, b.Files("uploads")
}

func sealBytes(t *testing.T, f *FileBox, pt []byte, ad string) []byte {
	t.Helper()
	var out bytes.Buffer
	n, err := f.Seal(&out, bytes.NewReader(pt), []byte(ad))
	if err != nil || n != int64(len(pt)) {
		t.Fatalf("Seal = %d, %v", n, err)
	}
	if int64(out.Len()) != SealedSize(int64(len(pt))) {
		t.Fatalf("sealed %d bytes into %d, SealedSize says %d", len(pt), out.Len(), SealedSize(int64(len(pt))))
	}
	return out.Bytes()
}

func openBytes(f *FileBox, ct []byte, ad string) ([]byte, error) {
	var out bytes.Buffer
	_, err := f.Open(&out, bytes.NewReader(ct), []byte(ad))
	return out.Bytes(), err
}

func TestFileSealOpenRoundTrip(t *testing.T) {
	_, f := testFileBox(t)
	const ad = "uploads/ab/abcdef.png"
	for _, size := range []int{0, 1, fileChunkSize - 1, fileChunkSize, fileChunkSize + 1, 3*fileChunkSize + 17, 5 << 20} {
		pt := make([]byte, size)
		rand.Read(pt)
		copy(pt, "\x89PNG\r\n\x1a\n")
		ct := sealBytes(t, f, pt, ad)
		if !IsSealed(ct) {
			t.Fatalf("size %d: sealed file not recognised", size)
		}
		if size >= 8 && bytes.Contains(ct, pt[:8]) {
			t.Errorf("size %d: sealed file contains the plaintext's magic", size)
		}
		got, err := openBytes(f, ct, ad)
		if err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("size %d: Open = %d bytes, %v", size, len(got), err)
		}
		// One byte at a time on both sides (short reads) gives the same.
		var out bytes.Buffer
		if _, err := f.Open(&out, iotest.OneByteReader(bytes.NewReader(ct)), []byte(ad)); err != nil || !bytes.Equal(out.Bytes(), pt) {
			t.Fatalf("size %d: Open over short reads: %v", size, err)
		}
	}
	pt := []byte("%PDF-1.7 same bytes")
	if bytes.Equal(sealBytes(t, f, pt, ad), sealBytes(t, f, pt, ad)) {
		t.Fatal("two seals of one file must differ (random salt)")
	}
	for _, clear := range []string{"%PDF-1.4", "\xff\xd8\xff\xe0", "\x89PNG\r\n"} {
		if IsSealed([]byte(clear)) {
			t.Errorf("IsSealed(%q) = true", clear)
		}
	}
}

func TestFileOpenRefusesAlteredFiles(t *testing.T) {
	b, f := testFileBox(t)
	const ad = "uploads/ab/abcdef.pdf"
	pt := make([]byte, 3*fileChunkSize+100)
	rand.Read(pt)
	ct := sealBytes(t, f, pt, ad)
	other := sealBytes(t, f, []byte(strings.Repeat("另一个文件", 40000)), "uploads/cd/cdef.pdf")
	_, wrongKey := testFileBox(t)
	chunk := func(i int) []byte { // the i-th sealed chunk
		s := fileHeaderSize + i*fileSealedChunk
		return ct[s:min(s+fileSealedChunk, len(ct))]
	}
	cases := map[string]struct {
		ct  []byte
		ad  string
		box *FileBox
	}{
		"flipped bit in a chunk":  {flip(ct, fileHeaderSize+fileChunkSize+5), ad, f},
		"flipped bit in the salt": {flip(ct, 5), ad, f},
		"flipped last tag bit":    {flip(ct, len(ct)-1), ad, f},
		"other path":              {ct, "uploads/cd/cdef.pdf", f},
		"swapped file":            {other, ad, f},
		"other purpose key":       {ct, ad, b.Files("backup-manifest")},
		"other master key":        {ct, ad, wrongKey},
		"cut at a chunk boundary": {ct[:fileHeaderSize+2*fileSealedChunk], ad, f},
		"cut inside a chunk":      {ct[:len(ct)-7], ad, f},
		"last chunk dropped":      {ct[:len(ct)-len(chunk(3))], ad, f},
		"extended":                {append(append([]byte(nil), ct...), chunk(1)...), ad, f},
		"chunks reordered":        {cat(ct[:fileHeaderSize], chunk(1), chunk(0), chunk(2), chunk(3)), ad, f},
		"header only":             {ct[:fileHeaderSize], ad, f},
		"empty":                   {nil, ad, f},
		"clear PNG":               {[]byte("\x89PNG\r\n\x1a\n rest of a clear file"), ad, f},
	}
	for name, c := range cases {
		var out bytes.Buffer
		_, err := c.box.Open(&out, bytes.NewReader(c.ct), []byte(c.ad))
		if !errors.Is(err, ErrFileAuth) {
			t.Errorf("%s: Open error = %v, want ErrFileAuth", name, err)
		}
	}
}

func TestFileDigestAndMAC(t *testing.T) {
	b, f := testFileBox(t)
	d1, _ := f.Digest(strings.NewReader("身份证扫描件"))
	d2, _ := f.Digest(strings.NewReader("身份证扫描件"))
	_, g := testFileBox(t)
	d3, _ := g.Digest(strings.NewReader("身份证扫描件"))
	if d1 != d2 || d1 == d3 || len(d1) != 64 {
		t.Fatalf("digests: %s %s %s", d1, d2, d3)
	}
	key := b.Derive("backup-manifest")
	mac := MAC(key, []byte(`{"counts":{"users":2}}`))
	if !CheckMAC(key, []byte(`{"counts":{"users":2}}`), mac) {
		t.Fatal("CheckMAC refuses its own MAC")
	}
	for _, bad := range []struct{ msg, mac string }{{`{"counts":{"users":3}}`, mac}, {`{"counts":{"users":2}}`, ""}, {`{"counts":{"users":2}}`, "zz"}} {
		if CheckMAC(key, []byte(bad.msg), bad.mac) {
			t.Errorf("CheckMAC(%s, %q) = true", bad.msg, bad.mac)
		}
	}
	if _, err := NewFileBox(make([]byte, 16)); err == nil {
		t.Error("NewFileBox accepts a 16-byte key")
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 1
	return c
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
