package web

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/notify"
)

// inboxPages are a user's in-site messages.
type inboxPages struct {
	*site
	messages *app.Inbox
}

type inboxData struct {
	Messages []notify.Message
	Unread   int
}

func (h *inboxPages) inbox(w http.ResponseWriter, r *http.Request) {
	msgs, unread, err := h.messages.Inbox(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "inbox", &Page{Title: "消息", Nav: "inbox", Data: inboxData{Messages: msgs, Unread: unread}})
}

// openMessage marks a message read and follows its link.
func (h *inboxPages) openMessage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.messages.MarkRead(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}
