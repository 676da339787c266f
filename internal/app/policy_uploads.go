package app

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/secret"
)

// Upload limits for application materials.
const (
	MaxUploadBytes = 5 << 20 // per file
	MaxUploadFiles = 5
)

// uploadsDir is where uploads live, relative to the data directory.
const uploadsDir = "uploads"

// MaterialsTooLarge is what an upload of materials over the request limit
// is told: the limits of the files.
func MaterialsTooLarge() string {
	return fmt.Sprintf("上传的材料过大：每个文件不能超过 %d MB，最多 %d 个文件", MaxUploadBytes>>20, MaxUploadFiles)
}

// allowedUploads maps sniffed content types to the extension they are stored under.
var allowedUploads = map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

// UploadFile is one file as received from a form or the API.
type UploadFile struct {
	Name string
	Data io.Reader
}

// savedFiles is what saveUploads wrote: the records, and the files that
// did not exist before, which are the only ones a failed operation may remove
// (files are stored by content, so the same bytes may back older uploads).
type savedFiles struct {
	uploads []policy.Upload
	created []string
}

// discard removes the files this call created; used when the database write fails.
func (s savedFiles) discard() {
	for _, p := range s.created {
		os.Remove(p)
	}
}

// saveUploads checks and stores files under DataDir/uploads, sealed with
// the uploads key (secret.FileBox). The type is decided by the bytes, not the
// file name or the client's header. On any error nothing new stays on disk.
func (x *PolicyApps) saveUploads(files []UploadFile, field string) (savedFiles, error) {
	var out savedFiles
	if len(files) > MaxUploadFiles {
		return out, apperr.Field(field, "最多上传 "+strconv.Itoa(MaxUploadFiles)+" 个文件")
	}
	for _, f := range files {
		u, created, err := x.saveUpload(f, field)
		if err != nil {
			out.discard()
			return savedFiles{}, err
		}
		out.uploads = append(out.uploads, *u)
		if created != "" {
			out.created = append(out.created, created)
		}
	}
	return out, nil
}

func (x *PolicyApps) saveUpload(f UploadFile, field string) (*policy.Upload, string, error) {
	if x.dataDir == "" {
		return nil, "", errors.New("app.saveUpload: no data directory configured")
	}
	data, err := io.ReadAll(io.LimitReader(f.Data, MaxUploadBytes+1))
	if err != nil {
		return nil, "", apperr.Field(field, "文件读取失败，请重新上传")
	}
	if len(data) == 0 {
		return nil, "", apperr.Field(field, "文件“"+cleanName(f.Name)+"”是空的")
	}
	if len(data) > MaxUploadBytes {
		return nil, "", apperr.Field(field, "文件“"+cleanName(f.Name)+"”超过 5 MB")
	}
	ctype := http.DetectContentType(data)
	if i := strings.IndexByte(ctype, ';'); i > 0 {
		ctype = ctype[:i]
	}
	ext, ok := allowedUploads[ctype]
	if !ok {
		return nil, "", apperr.Field(field, "文件“"+cleanName(f.Name)+"”不是 PDF、JPG 或 PNG 格式")
	}
	digest, err := x.files.Digest(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("app.saveUpload: %w", err)
	}
	rel := sealedPath(digest, ext)
	u := &policy.Upload{Filename: cleanName(f.Name), ContentType: ctype, Size: int64(len(data)), Digest: digest, Encrypted: true, Path: rel}
	abs, err := x.uploadAbs(rel)
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(abs); err == nil {
		return u, "", nil // same bytes already stored
	}
	if err := x.writeSealed(abs, rel, data); err != nil {
		return nil, "", fmt.Errorf("app.saveUpload: %w", err)
	}
	return u, abs, nil
}

// sealedPath names a sealed file by its plaintext's keyed digest, so equal
// files are stored once and the name tells nothing without the key. The
// path, with forward slashes, is the file's associated data.
func sealedPath(digest, ext string) string {
	return path.Join(uploadsDir, digest[:2], digest+ext)
}

// uploadAbs is where a record's relative path lives on disk; a path that
// leaves the uploads directory is refused.
func (x *PolicyApps) uploadAbs(rel string) (string, error) {
	local := filepath.Clean(filepath.FromSlash(rel))
	if !filepath.IsLocal(local) || !strings.HasPrefix(local, uploadsDir+string(filepath.Separator)) {
		return "", fmt.Errorf("app.uploadAbs: %q is not under %s/", rel, uploadsDir)
	}
	return filepath.Join(x.dataDir, local), nil
}

// writeSealed seals data into abs, bound to rel: written to a temporary
// file in the same directory and renamed, so a reader never sees half a file.
func (x *PolicyApps) writeSealed(abs, rel string, data []byte) error {
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("app.writeSealed: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".sealing-*")
	if err != nil {
		return fmt.Errorf("app.writeSealed: %w", err)
	}
	w := bufio.NewWriterSize(tmp, 256<<10)
	_, err = x.files.Seal(w, bytes.NewReader(data), []byte(rel))
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), abs)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("app.writeSealed: %w", err)
	}
	return nil
}

// cleanName keeps a display name safe: base name only, valid UTF-8, no
// bidirectional controls (which would show "x\u202Efdp.exe" as "xexe.pdf"),
// ≤ 100 runes.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(bidi.Strip(name), "\\", "/"))
	if !utf8.ValidString(name) || name == "." || name == "/" || name == "" {
		return "未命名文件"
	}
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	return name
}

// readUpload returns an upload's plaintext, whole and authenticated, for a
// download handler that already checked access. A sealed file that was
// altered, cut, or moved from another path is an error, never partial bytes.
func (x *PolicyApps) readUpload(u *policy.Upload) ([]byte, error) {
	abs, err := x.uploadAbs(u.Path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("app.readUpload #%d: %w", u.ID, err)
	}
	defer f.Close()
	if !u.Encrypted { // written by an older version, not yet migrated
		data, err := io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
		if err != nil {
			return nil, fmt.Errorf("app.readUpload #%d: %w", u.ID, err)
		}
		if sum := sha256.Sum256(data); u.SHA256 != "" && hex.EncodeToString(sum[:]) != u.SHA256 {
			return nil, fmt.Errorf("app.readUpload #%d: clear file does not match its SHA-256", u.ID)
		}
		return data, nil
	}
	var buf bytes.Buffer
	buf.Grow(int(min(u.Size, MaxUploadBytes)))
	if _, err := x.files.Open(&buf, io.LimitReader(f, secret.SealedSize(MaxUploadBytes)), []byte(u.Path)); err != nil {
		return nil, fmt.Errorf("app.readUpload #%d: %w", u.ID, err)
	}
	if d, err := x.files.Digest(bytes.NewReader(buf.Bytes())); err != nil || d != u.Digest {
		return nil, fmt.Errorf("app.readUpload #%d: file does not match its record's digest", u.ID)
	}
	return buf.Bytes(), nil
}
