// Package apperr defines the platform's typed application errors. Domain and
// store code returns them; the web and api packages each map a Code to an
// HTTP status in exactly one function.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an application error independent of transport.
type Code string

// The error codes the platform uses. api and web map each to one status.
const (
	Invalid      Code = "invalid"      // bad input: 422 (or 400 for malformed requests)
	BadRequest   Code = "bad_request"  // unreadable request body: 400
	Unauthorized Code = "unauthorized" // not logged in: 401
	Forbidden    Code = "forbidden"    // logged in but not allowed: 403
	NotFound     Code = "not_found"    // no such object: 404
	Conflict     Code = "conflict"     // duplicate or state conflict: 409
	Locked       Code = "locked"       // account locked: 423
	TooMany      Code = "too_many"     // rate limited: 429
	TooLarge     Code = "too_large"    // body too large: 413
	Internal     Code = "internal"     // anything else: 500
)

// Error is an application error with a Chinese message for people and
// optional per-field messages for forms and API clients.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	Err     error // optional cause, never shown to users
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap exposes the cause to errors.Is/As.
func (e *Error) Unwrap() error { return e.Err }

// New returns an Error with a code and a message.
func New(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Field returns an Invalid error for a single field.
func Field(field, msg string) *Error {
	return &Error{Code: Invalid, Message: "提交的信息有误，请检查标注的字段", Fields: map[string]string{field: msg}}
}

// Fields collects per-field validation messages; the zero value is ready to use.
type Fields map[string]string

// Add records msg for field unless the field already has a message.
func (f *Fields) Add(field, msg string) {
	if *f == nil {
		*f = map[string]string{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = msg
	}
}

// Err returns an Invalid error when any field failed, else nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "提交的信息有误，请检查标注的字段", Fields: f}
}

// CodeOf returns the Code of err, Internal for unknown errors and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as *Error, wrapping unknown errors as Internal with a
// generic message so internals never leak to users.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "系统繁忙，请稍后再试", Err: err}
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return CodeOf(err) == code }
