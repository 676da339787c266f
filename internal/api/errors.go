package api

import (
	"log/slog"
	"net/http"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
)

// base is what every handler type shares: the logger that writeError
// reports internal errors to.
type base struct {
	log *slog.Logger
}

// fail writes err; a tiny alias that keeps handlers short.
func (b base) fail(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, r, b.log, err)
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    apperr.Code       `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError writes err as the API error document; internal errors are
// logged here, once, and shown as a generic message.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	e := apperr.As(err)
	status := httpx.Status(e.Code)
	if status >= 500 {
		log.Error("api error", "method", r.Method, "path", r.URL.Path, "err", err)
		e = &apperr.Error{Code: apperr.Internal, Message: "系统繁忙，请稍后再试"}
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: e.Code, Message: e.Message, Fields: e.Fields}})
}
