package secret

import (
	"bufio"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// A sealed file is a header followed by chunks:
//
//	header = "JYF" | version (1) | salt (16 random bytes)
//	chunk  = SM4-GCM(fileKey, nonce(i, last), plaintext[i*64KiB:(i+1)*64KiB], header | ad)
//
// fileKey is derived from the FileBox key and the file's random salt, so
// every file has its own key and the chunk nonces can simply count: nonce(i,
// last) is the chunk index (8 bytes, big-endian), three zero bytes and 1 for
// the last chunk, 0 otherwise. Every chunk is authenticated together with
// the header and the caller's associated data, so a chunk cannot be moved to
// another position or file, the file cannot be cut at a chunk boundary or
// extended, and a file cannot be moved to another path when the path is the
// associated data. An empty plaintext is one empty last chunk (a bare tag).
const (
	fileMagic       = "JYF"
	fileVersion     = 1
	fileSaltSize    = 16
	fileHeaderSize  = len(fileMagic) + 1 + fileSaltSize
	fileChunkSize   = 64 << 10
	fileTagSize     = 16
	fileSealedChunk = fileChunkSize + fileTagSize
)

// ErrFileAuth is returned (wrapped) when a sealed file was altered, cut,
// extended, moved to another path or sealed with another key.
var ErrFileAuth = errors.New("sealed file failed authentication")

// FileBox seals and opens files (uploaded materials) with chunked SM4-GCM,
// and computes keyed digests of their plaintext. Its methods only read and
// write the streams they are given.
type FileBox struct {
	sealKey   []byte // root of the per-file keys
	digestKey []byte // HMAC-SM3 key of Digest
}

// NewFileBox returns a FileBox for a 32-byte key, normally Box.Derive("uploads").
func NewFileBox(key []byte) (*FileBox, error) {
	if len(key) < 32 {
		return nil, fmt.Errorf("secret.NewFileBox: key must be at least 32 bytes, got %d", len(key))
	}
	return &FileBox{sealKey: derive(key, "jiuye/file/seal"), digestKey: derive(key, "jiuye/file/digest")}, nil
}

// Files returns the FileBox keyed with Derive(purpose).
func (b *Box) Files(purpose string) *FileBox {
	f, _ := NewFileBox(b.Derive(purpose)) // Derive always returns 32 bytes
	return f
}

// SealedSize is the length of the sealed form of an n-byte plaintext.
func SealedSize(n int64) int64 {
	chunks := n / fileChunkSize
	if n%fileChunkSize != 0 || n == 0 {
		chunks++
	}
	return int64(fileHeaderSize) + n + chunks*fileTagSize
}

// IsSealed reports whether data (the start of a file, at least 4 bytes)
// looks like the output of Seal. PDF, JPEG and PNG files never do.
func IsSealed(prefix []byte) bool {
	return len(prefix) >= len(fileMagic)+1 && string(prefix[:len(fileMagic)]) == fileMagic && prefix[len(fileMagic)] == fileVersion
}

// Digest returns the hex HMAC-SM3 of everything src yields, keyed so that
// it can deduplicate files and check their integrity but cannot confirm a
// guess of a file's content to someone without the key.
func (f *FileBox) Digest(src io.Reader) (string, error) {
	m := hmac.New(sm3.New, f.digestKey)
	if _, err := io.Copy(m, src); err != nil {
		return "", fmt.Errorf("secret.Digest: %w", err)
	}
	return hex.EncodeToString(m.Sum(nil)), nil
}

// Seal encrypts src to dst, binding the result to ad (for uploads, the
// file's path), and returns the number of plaintext bytes sealed.
func (f *FileBox) Seal(dst io.Writer, src io.Reader, ad []byte) (int64, error) {
	header := make([]byte, fileHeaderSize)
	copy(header, fileMagic)
	header[len(fileMagic)] = fileVersion
	if _, err := rand.Read(header[len(fileMagic)+1:]); err != nil {
		return 0, fmt.Errorf("secret.Seal: %w", err)
	}
	aead, err := f.fileAEAD(header)
	if err != nil {
		return 0, err
	}
	if _, err := dst.Write(header); err != nil {
		return 0, fmt.Errorf("secret.Seal: %w", err)
	}
	aad := append(header[:len(header):len(header)], ad...)
	in := bufio.NewReaderSize(src, fileChunkSize)
	buf := make([]byte, fileChunkSize, fileSealedChunk)
	var total int64
	for i := uint64(0); ; i++ {
		n, last, err := readChunk(in, buf)
		if err != nil {
			return total, fmt.Errorf("secret.Seal: %w", err)
		}
		out := aead.Seal(buf[:0], chunkNonce(i, last), buf[:n], aad)
		if _, err := dst.Write(out); err != nil {
			return total, fmt.Errorf("secret.Seal: %w", err)
		}
		total += int64(n)
		buf = buf[:fileChunkSize]
		if last {
			return total, nil
		}
	}
}

// Open decrypts what Seal wrote with the same ad and returns the number of
// plaintext bytes written to dst. Each chunk is written only after it is
// authenticated, but an alteration in a later chunk is found only when that
// chunk is reached: a caller that must not use part of a file (a download)
// opens into a buffer and discards it when Open fails. Any alteration gives
// an error wrapping ErrFileAuth.
func (f *FileBox) Open(dst io.Writer, src io.Reader, ad []byte) (int64, error) {
	header := make([]byte, fileHeaderSize)
	if _, err := io.ReadFull(src, header); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, fmt.Errorf("secret.Open: %w: no header", ErrFileAuth)
		}
		return 0, fmt.Errorf("secret.Open: %w", err)
	}
	if !IsSealed(header) {
		return 0, fmt.Errorf("secret.Open: %w: not a sealed file", ErrFileAuth)
	}
	aead, err := f.fileAEAD(header)
	if err != nil {
		return 0, err
	}
	aad := append(header[:len(header):len(header)], ad...)
	in := bufio.NewReaderSize(src, fileSealedChunk)
	buf := make([]byte, fileSealedChunk)
	var total int64
	for i := uint64(0); ; i++ {
		n, last, err := readChunk(in, buf)
		if err != nil {
			return total, fmt.Errorf("secret.Open: %w", err)
		}
		if n < fileTagSize {
			return total, fmt.Errorf("secret.Open: %w: truncated at chunk %d", ErrFileAuth, i)
		}
		pt, err := aead.Open(buf[:0], chunkNonce(i, last), buf[:n], aad)
		if err != nil {
			return total, fmt.Errorf("secret.Open: %w: chunk %d", ErrFileAuth, i)
		}
		if _, err := dst.Write(pt); err != nil {
			return total, fmt.Errorf("secret.Open: %w", err)
		}
		total += int64(len(pt))
		if last {
			return total, nil
		}
	}
}

// fileAEAD is SM4-GCM under the key of the file whose header this is.
func (f *FileBox) fileAEAD(header []byte) (cipher.AEAD, error) {
	block, err := sm4.NewCipher(derive(f.sealKey, "file/v1/"+string(header[len(fileMagic)+1:]))[:16])
	if err != nil {
		return nil, fmt.Errorf("secret.fileAEAD: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret.fileAEAD: %w", err)
	}
	return aead, nil
}

// readChunk fills buf from in and reports whether nothing follows it.
func readChunk(in *bufio.Reader, buf []byte) (n int, last bool, err error) {
	n, err = io.ReadFull(in, buf)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return n, true, nil
	case err != nil:
		return n, false, err
	}
	if _, err := in.Peek(1); errors.Is(err, io.EOF) {
		return n, true, nil
	} else if err != nil {
		return n, false, err
	}
	return n, false, nil
}

func chunkNonce(i uint64, last bool) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce, i)
	if last {
		nonce[11] = 1
	}
	return nonce
}

// MAC returns the hex HMAC-SM3 of msg under key (a Box.Derive key); backups
// sign their manifest with it.
func MAC(key, msg []byte) string {
	m := hmac.New(sm3.New, key)
	m.Write(msg)
	return hex.EncodeToString(m.Sum(nil))
}

// CheckMAC reports, in constant time, whether mac is MAC(key, msg).
func CheckMAC(key, msg []byte, mac string) bool {
	want, err := hex.DecodeString(mac)
	if err != nil {
		return false
	}
	m := hmac.New(sm3.New, key)
	m.Write(msg)
	return hmac.Equal(m.Sum(nil), want)
}
