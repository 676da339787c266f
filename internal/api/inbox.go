package api

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/notify"
)

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

func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	msgs, unread, err := h.app.Inbox.Inbox(r.Context(), httpx.Actor(r))
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

func (h *Handler) markRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.Inbox.MarkRead(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
