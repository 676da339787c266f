package api

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"

	"github.com/jiuye/jiuye/internal/httpx"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// OpenAPI builds the OpenAPI 3 document from the route table, so every
// registered route is in it by construction.
func (h *Handler) OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range h.router.Routes {
		ops := paths[rt.Pattern]
		if ops == nil {
			ops = map[string]any{}
			paths[rt.Pattern] = ops
		}
		ops[strings.ToLower(rt.Method)] = operation(rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "jiuye 就业公共服务平台 API", "version": "1",
			"description": "错误统一为 {\"error\":{\"code\",\"message\",\"fields\"}}；登录后以 Authorization: Bearer <token> 调用。"},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{"Error": map[string]any{"type": "object", "properties": map[string]any{
				"error": map[string]any{"type": "object", "properties": map[string]any{
					"code": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"},
					"fields": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}}}}}},
		},
	}
}

func operation(rt httpx.Route) map[string]any {
	errRef := map[string]any{"description": "错误", "content": map[string]any{"application/json": map[string]any{
		"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	op := map[string]any{
		"summary":     rt.Summary,
		"operationId": strings.ToLower(rt.Method) + strings.NewReplacer("/", "_", "{", "", "}", "").Replace(rt.Pattern),
		"responses":   map[string]any{"200": map[string]any{"description": "成功"}, "4XX": errRef},
	}
	if rt.Access != httpx.Public {
		op["security"] = []any{map[string]any{"bearer": []any{}}}
	}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "integer"}})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.Body != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(rt.Body))}}}
	}
	return op
}

// schemaOf describes a request struct from its json tags.
func schemaOf(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			props[name] = schemaOf(f.Type)
		}
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	return map[string]any{}
}

func (h *Handler) openapi(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.OpenAPI())
}
