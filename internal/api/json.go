// Package api is the JSON face of the platform under /api/v1: every route is
// in routes.go; one handler type per module (as package app has one use-case
// type per module), in files named module first; errors mapped to HTTP
// status in one place (writeError).
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// MaxBody is the largest request body the API reads.
const MaxBody = 1 << 20

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// Decode reads one JSON object from body into dst, strictly: at most MaxBody
// bytes, valid UTF-8, no unknown fields, no trailing data. Every failure is
// an apperr with a Chinese message, and a field name where one applies.
func Decode(body io.Reader, dst any) error {
	raw, err := io.ReadAll(io.LimitReader(body, MaxBody+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || len(raw) > MaxBody {
		return apperr.New(apperr.TooLarge, "请求体超过 1 MiB")
	}
	if err != nil {
		return &apperr.Error{Code: apperr.BadRequest, Message: "读取请求失败", Err: err}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return apperr.New(apperr.BadRequest, "请求体为空，需要 JSON 对象")
	}
	if !utf8.Valid(raw) {
		return apperr.New(apperr.BadRequest, "请求体包含无效的 UTF-8 字符")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return apperr.New(apperr.BadRequest, "请求体只能包含一个 JSON 对象")
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		return apperr.New(apperr.BadRequest, "请求体只能包含一个 JSON 对象")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperr.New(apperr.BadRequest, "请求体应为 JSON 对象")
		}
		return &apperr.Error{Code: apperr.Invalid, Message: "字段类型错误",
			Fields: map[string]string{field: "类型错误，应为 " + jsonKind(typeErr.Type.Kind().String())}}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.BadRequest, "请求体不是有效的 JSON")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apperr.Error{Code: apperr.BadRequest, Message: "请求包含不支持的字段",
			Fields: map[string]string{name: "不支持的字段"}}
	}
	return &apperr.Error{Code: apperr.BadRequest, Message: "请求体不是有效的 JSON", Err: err}
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "字符串"
	case "bool":
		return "布尔值"
	case "struct", "map":
		return "对象"
	case "slice", "array":
		return "数组"
	}
	return "数字"
}

// pathID reads the {id} path value; anything but a positive integer is 404.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "对象不存在")
	}
	return id, nil
}

// page reads limit/offset query parameters, capping the page size.
func page(r *http.Request) (limit, offset int) {
	limit, _ = strconv.Atoi(r.URL.Query().Get("page_size"))
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	if p > 1 {
		offset = (p - 1) * limit
	}
	return limit, offset
}

// ctxT keeps handler helper signatures short.
type ctxT = context.Context
