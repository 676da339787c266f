package api

import (
	"context"
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
)

// upsert is the handler that creates one object (edit false: 201) or
// replaces the one named by {id} (edit true: 200): it decodes the body
// into In, saves it through save (id 0 for a new one) and writes the view
// of what was saved. Modules whose create and replace take the same input
// share it instead of two copies of the same steps.
func upsert[In, Out any](b base, edit bool, save func(context.Context, app.Actor, int64, In) (Out, error), view func(Out) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if edit {
			var err error
			if id, err = pathID(r); err != nil {
				b.fail(w, r, err)
				return
			}
		}
		var in In
		if err := Decode(r.Body, &in); err != nil {
			b.fail(w, r, err)
			return
		}
		out, err := save(r.Context(), httpx.Actor(r), id, in)
		if err != nil {
			b.fail(w, r, err)
			return
		}
		status := http.StatusCreated
		if edit {
			status = http.StatusOK
		}
		writeJSON(w, status, view(out))
	}
}
