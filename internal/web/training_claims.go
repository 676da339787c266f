package web

// 培训补贴申领 pages: the provider's check of an ended class (every trainee
// with the five checks and their reasons) with the submit button, its
// claims and a claim's page (submit again after a return); the bureau's
// list of claims with the payout batch form, a claim's page with the
// reviewer's decision form, the .xlsx export, and the subsidy ledger
// (台账) per provider and month with its export.

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/training"
)

type claimPages struct {
	*site
	claims *app.TrainingClaims
}

var claimFlash = map[string]string{
	"claimed":  "补贴申领已提交，等待人社局审核。不符合条件的学员未计入金额，理由见下表。",
	"resubmit": "已按最新情况重新核查并提交。",
	"approve":  "已审核通过，机构会收到通知。",
	"return":   "已退回，机构会收到退回理由。",
	"paid":     "已登记发放，机构会收到通知。",
}

type claimCheckData struct {
	C      *app.ClaimCheck
	Rules  []training.Rule
	Occ    string
	Rows   []training.TraineeCheck // the trainees shown: those left out first
	Hidden int                     // trainees past maxClaimRows, not shown
}

// maxClaimRows caps the trainees a page lists, so a class of thousands
// still loads on a phone; the API answers every one.
const maxClaimRows = 1000

// shownRows orders the trainees left out before those who qualify and
// keeps the first maxClaimRows; it returns how many were not kept.
func shownRows(items []training.TraineeCheck) ([]training.TraineeCheck, int) {
	out := make([]training.TraineeCheck, 0, min(len(items), maxClaimRows))
	for _, pass := range []bool{false, true} {
		for _, it := range items {
			if it.Eligible == pass && len(out) < maxClaimRows {
				out = append(out, it)
			}
		}
	}
	return out, len(items) - len(out)
}

func (h *claimPages) checkPage(r *http.Request, id int64) (*Page, error) {
	cc, err := h.claims.CheckClass(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &claimCheckData{C: cc, Rules: training.Rules, Occ: h.claims.OccupationName(cc.Class.Occupation)}
	d.Rows, d.Hidden = shownRows(cc.Items)
	return &Page{Title: "申领培训补贴 · " + cc.Class.Title, Nav: "training", Data: d}, nil
}

// check shows every trainee of a class with the checks that decide the subsidy.
func (h *claimPages) check(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok {
		return
	}
	page, err := h.checkPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_claim_check", page)
}

// submit submits the class's claim (or a returned one again).
func (h *claimPages) submit(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	k, err := h.claims.Submit(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.failOnPage(w, r, "training_claim_check", err, nil, func() (*Page, error) { return h.checkPage(r, id) })
		return
	}
	http.Redirect(w, r, "/enterprise/training/claims/"+strconv.FormatInt(k.ID, 10)+"?done=claimed", http.StatusSeeOther)
}

type claimData struct {
	K       *training.Claim
	Console bool
	Decide  bool // the reader may decide it now
	Rules   []training.Rule
	Occ     string
	Rows    []training.TraineeCheck // as claimCheckData's
	Hidden  int
}

func (h *claimPages) claimPage(r *http.Request, id int64, console bool) (*Page, error) {
	k, err := h.claims.Claim(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	u := httpx.User(r.Context())
	d := &claimData{K: k, Console: console, Rules: training.Rules, Occ: h.claims.OccupationName(k.Occupation),
		Decide: console && account.CanDecideTrainingClaims(u) && training.CanDecide(k.Status) == ""}
	d.Rows, d.Hidden = shownRows(k.Items)
	nav := "training"
	if console {
		nav = "console"
	}
	return &Page{Title: "培训补贴申领 #" + strconv.FormatInt(k.ID, 10), Nav: nav, Flash: claimFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// claim is one claim with its per-trainee checks (console: for the bureau).
func (h *claimPages) claim(console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "补贴申领不存在")
		if !ok {
			return
		}
		page, err := h.claimPage(r, id, console)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "training_claim", page)
	}
}

// resubmit submits a returned claim again.
func (h *claimPages) resubmit(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "补贴申领不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.claims.Resubmit(r.Context(), httpx.Actor(r), id); err != nil {
		h.failOnPage(w, r, "training_claim", err, nil, func() (*Page, error) { return h.claimPage(r, id, false) })
		return
	}
	http.Redirect(w, r, "/enterprise/training/claims/"+strconv.FormatInt(id, 10)+"?done=resubmit", http.StatusSeeOther)
}

// decide is the reviewer's decision.
func (h *claimPages) decide(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "补贴申领不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "action", "reason")
	if _, err := h.claims.Decide(r.Context(), httpx.Actor(r), id, training.ClaimDecision{Action: form["action"], Reason: form["reason"]}); err != nil {
		h.failOnPage(w, r, "training_claim", err, form, func() (*Page, error) { return h.claimPage(r, id, true) })
		return
	}
	http.Redirect(w, r, "/console/training/claims/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(form["action"]), http.StatusSeeOther)
}

type claimsData struct {
	Claims   []*training.Claim
	Status   string
	Statuses []training.ClaimStatus
	Total    int
	Page     int
	Pages    int
	Payable  bool
	Mine     bool
	Today    string
}

// mine is the employer's claims.
func (h *claimPages) mine(w http.ResponseWriter, r *http.Request) {
	ks, err := h.claims.MyClaims(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_claims", &Page{Title: "培训补贴申领", Nav: "training", Data: &claimsData{Claims: ks, Mine: true, Total: len(ks)}})
}

func (h *claimPages) listPage(r *http.Request, status string, page int) (*Page, error) {
	ks, total, err := h.claims.ListClaims(r.Context(), httpx.Actor(r), status, page)
	if err != nil {
		return nil, err
	}
	d := &claimsData{Claims: ks, Status: status, Statuses: training.ClaimStatuses, Total: total, Page: max(page, 1),
		Pages: max(1, (total+app.ClaimPageSize-1)/app.ClaimPageSize), Today: h.now().In(chinatime.Zone).Format(time.DateOnly)}
	if account.CanDecideTrainingClaims(httpx.User(r.Context())) {
		for _, k := range ks {
			d.Payable = d.Payable || k.Status == training.ClaimApproved
		}
	}
	return &Page{Title: "培训补贴申领", Nav: "console", Flash: claimFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// list is the bureau's list of claims.
func (h *claimPages) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	p, err := h.listPage(r, q.Get("status"), page)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_claims", p)
}

// pay records a payout batch for the ticked approved claims.
func (h *claimPages) pay(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "batch", "paid_on", "status")
	in := app.PayInput{Batch: form["batch"], PaidOn: form["paid_on"]}
	for _, s := range r.PostForm["ids"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			in.IDs = append(in.IDs, id)
		}
	}
	if _, _, err := h.claims.PayClaims(r.Context(), httpx.Actor(r), in); err != nil {
		h.failOnPage(w, r, "training_claims", err, form, func() (*Page, error) { return h.listPage(r, form["status"], 1) })
		return
	}
	http.Redirect(w, r, "/console/training/claims?status=paid&done=paid", http.StatusSeeOther)
}

// export sends the claims (of ?status=) as .xlsx, audited.
func (h *claimPages) export(w http.ResponseWriter, r *http.Request) {
	ks, err := h.claims.ExportClaims(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	header := []string{"编号", "机构", "培训班", "职业", "等级", "补贴标准（元/人）", "核查人数", "符合人数", "合计（元）", "状态", "提交次数", "提交时间", "审核时间", "理由", "发放批次", "发放日期"}
	rows := make([][]any, 0, len(ks))
	for _, k := range ks {
		paid := ""
		if !k.PaidOn.IsZero() {
			paid = k.PaidOn.Format(time.DateOnly)
		}
		rows = append(rows, []any{k.ID, k.ProviderName, k.ClassTitle, h.claims.OccupationName(k.Occupation), k.Level.Label(), k.StandardYuan, k.Checked,
			k.Trainees, k.TotalYuan, k.Status.Label(), k.Round, localTime(k.SubmittedAt), localTime(k.DecidedAt), k.Reason, k.PaidBatch, paid})
	}
	h.writeSheet(w, "培训补贴申领", header, rows)
}

// localTime is a time in China as text ("" for none).
func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinatime.Zone).Format("2006-01-02 15:04")
}

type ledgerData struct {
	L *app.Ledger
}

// ledger is the subsidy ledger (台账) per provider and month.
func (h *claimPages) ledger(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"from": q.Get("from"), "to": q.Get("to")}
	l, err := h.claims.SubsidyLedger(r.Context(), httpx.Actor(r), q.Get("from"), q.Get("to"))
	if err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		l, _ = h.claims.SubsidyLedger(r.Context(), httpx.Actor(r), "", "")
		h.formFail(w, r, "training_ledger", &Page{Title: "培训补贴台账", Nav: "console", Form: form, Data: &ledgerData{L: l}}, err)
		return
	}
	form["from"], form["to"] = l.From, l.To
	h.render(w, r, http.StatusOK, "training_ledger", &Page{Title: "培训补贴台账", Nav: "console", Form: form, Data: &ledgerData{L: l}})
}

// exportLedger sends the ledger as .xlsx, audited.
func (h *claimPages) exportLedger(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l, err := h.claims.ExportLedger(r.Context(), httpx.Actor(r), q.Get("from"), q.Get("to"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(l.Rows)+1)
	for _, x := range l.Rows {
		rows = append(rows, []any{x.ProviderName, x.Month, x.Claims, x.Trainees, x.Yuan})
	}
	rows = append(rows, []any{"合计", l.From + " 至 " + l.To, l.Claims, l.Trainees, l.Yuan})
	h.writeSheet(w, "培训补贴台账", []string{"机构", "发放月份", "发放申领数", "补贴人数", "补贴金额（元）"}, rows)
}
