package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/notify"
)

// inboxAPI serves the in-site messages of the user logged in.
type inboxAPI struct {
	base
	messages *app.Inbox
}

type messageView struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Link      string `json:"link"`
	CreatedAt string `json:"created_at"`
	Read      bool   `json:"read"`
}

func messageJSON(m notify.Message) messageView {
	return messageView{ID: m.ID, Kind: m.Kind, Title: m.Title, Body: m.Body, Link: m.Link, CreatedAt: ts(m.CreatedAt), Read: !m.ReadAt.IsZero()}
}

func (h *inboxAPI) inbox(w http.ResponseWriter, r *http.Request) {
	msgs, unread, err := h.messages.Inbox(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []messageView{}
	for _, m := range msgs {
		items = append(items, messageJSON(m))
	}
	writeJSON(w, http.StatusOK, map[string]any{"unread": unread, "items": items})
}

func (h *inboxAPI) markRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.messages.MarkRead(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
