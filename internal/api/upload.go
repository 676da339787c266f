package api

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

// uploadedFile reads the one file an import endpoint takes: a multipart
// field, or the request body itself with its name in ?filename= (base is
// the name's stem when none is given; .csv for a text/csv body). limit
// caps the body; tooLarge is what an upload over it is told. done releases
// the multipart files.
func uploadedFile(w http.ResponseWriter, r *http.Request, field, base string, limit int64, tooLarge string) (string, io.Reader, func(), error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		files, done, err := httpx.ReadFiles(r, field, tooLarge)
		if err == nil && len(files) == 0 {
			err = apperr.Field(field, "请上传 .xlsx 或 .csv 文件（字段 "+field+"）")
		}
		if err != nil {
			return "", nil, done, err
		}
		return files[0].Name, files[0].Data, done, nil
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return "", nil, func() {}, apperr.Field(field, tooLarge)
	}
	name := r.URL.Query().Get("filename")
	if name == "" {
		name = base + ".xlsx"
		if strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			name = base + ".csv"
		}
	}
	return name, bytes.NewReader(raw), func() {}, nil
}
