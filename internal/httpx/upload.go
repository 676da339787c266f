package httpx

import (
	"errors"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
)

// ReadFiles parses a multipart form and opens the files of field for the
// app layer, which checks their type and size. done closes them and removes
// temporary files; call it when the request is finished. A request that is
// not multipart has no files.
func ReadFiles(r *http.Request, field string) ([]app.UploadFile, func(), error) {
	done := func() {}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, done, nil
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, done, apperr.Field(field, "上传的文件合计过大：单个文件不超过 5 MB，最多 5 个")
		}
		return nil, done, apperr.Field(field, "上传内容无法读取，请重新选择文件")
	}
	var files []app.UploadFile
	var opened []multipart.File
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Filename == "" && fh.Size == 0 {
			continue // an empty file input
		}
		f, err := fh.Open()
		if err != nil {
			continue
		}
		opened = append(opened, f)
		files = append(files, app.UploadFile{Name: fh.Filename, Data: f})
	}
	done = func() {
		for _, f := range opened {
			f.Close()
		}
		r.MultipartForm.RemoveAll()
	}
	return files, done, nil
}
