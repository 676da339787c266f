package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
	"github.com/jiuye/jiuye/internal/policy"
)

// Upload limits for application materials.
const (
	MaxUploadBytes = 5 << 20 // per file
	MaxUploadFiles = 5
)

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

// saveUploads checks and stores files under DataDir/uploads. The type is
// decided by the bytes, not the file name or the client's header. On any
// error nothing new stays on disk.
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
	sum := sha256.Sum256(data)
	hexsum := hex.EncodeToString(sum[:])
	rel := filepath.Join("uploads", hexsum[:2], hexsum+ext)
	abs := filepath.Join(x.dataDir, rel)
	u := &policy.Upload{Filename: cleanName(f.Name), ContentType: ctype, Size: int64(len(data)), SHA256: hexsum, Path: rel}
	if _, err := os.Stat(abs); err == nil {
		return u, "", nil // same bytes already stored
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, "", fmt.Errorf("app.saveUpload: %w", err)
	}
	if err := os.WriteFile(abs, data, 0o600); err != nil {
		return nil, "", fmt.Errorf("app.saveUpload: %w", err)
	}
	return u, abs, nil
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

// OpenUpload returns an upload's bytes for a download handler that already
// checked access.
func (x *PolicyApps) openUpload(u *policy.Upload) (*os.File, error) {
	return os.Open(filepath.Join(x.dataDir, filepath.Clean(u.Path)))
}

func readAll(f *os.File) ([]byte, error) { return io.ReadAll(io.LimitReader(f, MaxUploadBytes+1)) }
