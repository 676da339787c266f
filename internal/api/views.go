package api

// The view helpers every module's JSON shapes share; each module's own view
// types sit in its handler file.

import "time"

// date formats a day as 2006-01-02, the zero time as "".
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// ts formats an instant as RFC 3339 in UTC, the zero time as "".
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// listView is a page of items with the total count.
type listView[T any] struct {
	Total int `json:"total"`
	Items []T `json:"items"`
}

// nonNil returns s, or an empty slice for nil, so lists are [] in JSON, never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
