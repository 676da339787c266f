package httpx

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/sheet"
)

// ReadFiles parses a multipart form and opens the files of field for the
// app layer, which checks their type and size. A body over the request's
// limit is refused with tooLarge, which states the limits of the upload in
// question (app.ImportTooLarge, app.MaterialsTooLarge). done closes the
// files and removes temporary ones; call it when the request is finished.
// A request that is not multipart has no files.
func ReadFiles(r *http.Request, field, tooLarge string) ([]app.UploadFile, func(), error) {
	done := func() {}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, done, nil
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, done, apperr.Field(field, tooLarge)
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

// SendAttachment writes stored bytes as a download, never rendered inline in
// the site's origin: an ASCII fallback name plus the UTF-8 name, the stored
// type, nosniff and no caching.
func SendAttachment(w http.ResponseWriter, id int64, filename, contentType string, data []byte) {
	ext := map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[contentType]
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"material-%d%s\"; filename*=UTF-8''%s", id, ext, url.PathEscape(filename)))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// SendXLSX sends a finished workbook as a download named name.xlsx, for the
// pages' and the API's Excel files alike.
func SendXLSX(w http.ResponseWriter, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", sheet.ContentType)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".xlsx"))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}
