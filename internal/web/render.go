package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs/classify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sheet"
)

// site is what every page group shares: the templates and their buffers,
// the code-table pickers and names, the clock and the logger. The page
// groups (accountPages, jobPages, policyPages …) embed it.
type site struct {
	tmpl    templates
	log     *slog.Logger
	bufs    bufPool // page buffers, see render
	codes   *codes.Tables
	pickers *pickers
	jobsUI  *jobsUI // region and occupation names for cards and forms
	// classify suggests occupations for a typed title (the job board's
	// classifier); resolveOccupation uses it for everyday titles.
	classify func(title string) []classify.Candidate
	now      func() time.Time // the store's clock, so tests that move it move the pages
	secure   bool             // Secure flag on cookies (behind HTTPS)
}

//go:embed all:templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Page is what every template receives.
type Page struct {
	Title    string
	User     *account.User
	Nav      string               // active bottom-nav entry
	Flash    string               // one-line success message
	Notice   string               // one-line warning (done, but not all of it)
	Message  string               // one-line error message above a form
	Form     map[string]string    // submitted or stored form values, never lost on error
	Errors   map[string]string    // per-field messages
	Places   map[string]placePick // region fields' name boxes as read (choices, messages), see readPlaces
	Data     any                  // page-specific data
	LargeUI  bool                 // 大字模式 (适老化)
	Path     string
	Registry *pickers
}

// V returns a form value.
func (p *Page) V(name string) string { return p.Form[name] }

// E returns a field's error message.
func (p *Page) E(name string) string { return p.Errors[name] }

// Checked reports whether a checkbox value is set.
func (p *Page) Checked(name string) bool {
	v := p.Form[name]
	return v == "true" || v == "on" || v == "1"
}

// templates holds one parsed set per page: layout + partials + the page.
type templates map[string]*template.Template

func loadTemplates(funcs template.FuncMap) (templates, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := templates{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, p)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		out[name] = t
	}
	return out, nil
}

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(chinatime.Zone).Format("2006-01-02 15:04")
		},
		"add":       func(a, b int) int { return a + b },
		"maskPhone": registry.MaskPhone,
		"list":      func(xs ...string) []string { return xs },
		"roleLabel": func(r string) string { return account.Role(r).Label() },
		// The menus ask the access functions the routes ask, so a link is
		// shown exactly to those who may open it.
		"canUseConsole":         account.CanUseConsole,
		"isBank":                func(u *account.User) bool { return u != nil && u.Role == account.RoleBank },
		"isExpert":              account.IsExpert,
		"isCounsellor":          account.IsCounsellor,
		"canBookSchoolVisits":   account.CanBookSchoolVisits,
		"canManageSchoolVisits": account.CanManageSchoolVisits,
		"canManageFunding":      account.CanManageFunding,
		"canManageTraining":     account.CanManageTraining,
		"canManageInternships":  account.CanManageInternships,
		"canReviewPosts":        account.CanReviewPosts,
		"canAdmin":              account.CanAdmin,
		"canCasework":           account.CanCasework,
		"isEmployer":            account.IsEmployer,
		"isPerson":              account.IsPerson,
		"canClaimPolicies":      account.CanClaimPolicies,
		"actionLabel":           audit.Label,
		"objectLabel":           audit.ObjectLabel,
		"resultLabel": func(r string) string {
			switch r {
			case audit.ResultOK:
				return "成功"
			case audit.ResultDenied:
				return "拒绝"
			case audit.ResultFailure:
				return "失败"
			}
			return r
		},
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"eq2": func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	}
}

// render executes a page into a buffer first so a template error never
// leaves a half-written page.
func (h *site) render(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	t, ok := h.tmpl[name]
	if !ok {
		h.log.Error("web: no template", "name", name)
		http.Error(w, "页面不存在", http.StatusInternalServerError)
		return
	}
	p.User = httpx.User(r.Context())
	p.Path = r.URL.EscapedPath() // also the large-text toggle's next, which safeNext reads
	p.Registry = h.pickers
	p.LargeUI = largeText(r)
	if p.Form == nil {
		p.Form = map[string]string{}
	}
	buf := h.bufs.get()
	defer h.bufs.put(buf)
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		h.log.Error("web: render", "page", name, "err", err)
		http.Error(w, "页面渲染失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// bufPool recycles page buffers: a page is 10–40 KB, and growing a fresh
// buffer for each one was a steady share of the busiest pages' allocation.
type bufPool struct{ p sync.Pool }

func (bp *bufPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		return b
	}
	return bytes.NewBuffer(make([]byte, 0, 32<<10))
}

// put returns a buffer unless an unusual page made it large, so one big
// page does not pin its memory.
func (bp *bufPool) put(b *bytes.Buffer) {
	if b.Cap() > 256<<10 {
		return
	}
	b.Reset()
	bp.p.Put(b)
}

// fail shows an error page, or sends an anonymous visitor to log in.
func (h *site) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	status := httpx.Status(e.Code)
	if status == http.StatusUnauthorized {
		loginFirst(w, r)
		return
	}
	if status >= 500 {
		h.log.Error("web error", "method", r.Method, "path", r.URL.Path, "err", err)
		e = &apperr.Error{Code: apperr.Internal, Message: "系统繁忙，请稍后再试"}
	}
	h.render(w, r, status, "error", &Page{Title: "出错了", Message: e.Message, Data: status})
}

// formFail re-renders a form with the submitted values and field messages;
// other errors go to fail.
func (h *site) formFail(w http.ResponseWriter, r *http.Request, name string, p *Page, err error) {
	e := apperr.As(err)
	switch {
	case formError(err):
		p.Message, p.Errors = e.Message, e.Fields
		h.render(w, r, httpx.Status(e.Code), name, p)
	case e.Code == apperr.Unauthorized && strings.HasPrefix(r.URL.Path, "/login"):
		p.Message = e.Message
		h.render(w, r, http.StatusUnauthorized, name, p)
	default:
		h.fail(w, r, err)
	}
}

// failOnPage shows a refused form on the page that holds it: for a form
// error, build rebuilds that page (a list or detail page with several
// forms), form keeps what was typed, and formFail adds the messages; any
// other error, or a page that cannot be built, goes to fail.
func (h *site) failOnPage(w http.ResponseWriter, r *http.Request, name string, err error, form map[string]string, build func() (*Page, error)) {
	if !formError(err) {
		h.fail(w, r, err)
		return
	}
	page, perr := build()
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	if form != nil {
		page.Form = form
	}
	h.formFail(w, r, name, page, err)
}

// formError reports whether err is shown next to the form (formFail) rather
// than on an error page; the page behind a form is only rebuilt for these.
func formError(err error) bool {
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Conflict, apperr.Locked, apperr.TooMany, apperr.BadRequest:
		return true
	}
	return false
}

// safeNext returns s when it is a clean path on this site, else "/": the
// ?next= and next fields become Location headers and form values, which a
// browser must not resolve off-site. Only printable ASCII without spaces or
// backslashes is kept (browsers drop tabs and newlines from URLs and read
// "\\" as "/", so "/\t/evil.example" would become "//evil.example"); the
// path must start with exactly one "/", with no scheme, host or user, and
// its decoded form must neither start with "//" nor carry a control
// character or backslash (so "/%2F/evil.example" and "/%0d%0a…" go too).
// Non-ASCII (full-width and other look-alike slashes) is refused rather
// than judged: the platform's own links are percent-encoded.
func safeNext(s string) string {
	if len(s) == 0 || len(s) > 2048 || s[0] != '/' || (len(s) > 1 && (s[1] == '/' || s[1] == '\\')) {
		return "/"
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	for _, r := range u.Path {
		if r < ' ' || r == 0x7f || r == '\\' {
			return "/"
		}
	}
	return s
}

// loginFirst sends an anonymous visitor to the login page, which returns
// them to the address they asked for.
func loginFirst(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/login?next="+url.QueryEscape(safeNext(r.URL.RequestURI())), http.StatusSeeOther)
}

// formValues copies the posted fields named in keys into a map, trimmed.
func formValues(r *http.Request, keys ...string) map[string]string {
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	return m
}

// writeSheet sends rows as an .xlsx attachment.
func (h *site) writeSheet(w http.ResponseWriter, title string, header []string, rows [][]any) {
	w.Header().Set("Content-Type", sheet.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(title+".xlsx"))
	w.Header().Set("Cache-Control", "private, no-store")
	if err := sheet.Write(w, title, header, rows); err != nil {
		h.log.Error("web: write sheet", "title", title, "err", err)
	}
}
