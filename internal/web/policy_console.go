package web

// 就业政策通, the staff side: per-policy counts, the application review
// queue with batch payouts and 免申即享 confirmation, one application with
// the decision form, and Excel export of the queue.

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

type consolePoliciesData struct {
	helpers
	Rows   []app.PolicyRow
	Sum    policy.Stats
	Funnel template.HTML    // 符合 → 已通知 → 已申请 → 已通过 → 已发放 (SVG)
	Stages []chartStage     // the funnel's numbers, for its table
	Trend  template.HTML    // the last 12 months (SVG)
	Months []app.MonthTrend // the trend's numbers, for its table
}

func (h *policyPages) consolePolicies(w http.ResponseWriter, r *http.Request) {
	rows, err := h.policies.ListPolicies(r.Context(), httpx.Actor(r), r.URL.Query().Get("category"))
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		h.fail(w, r, err)
		return
	}
	slices.SortStableFunc(rows, func(x, y app.PolicyRow) int { return categoryRank(x.Doc.Category) - categoryRank(y.Doc.Category) })
	d := consolePoliciesData{Rows: rows}
	for _, row := range rows {
		if s := row.Stats; s != nil {
			d.Sum.Eligible += s.Eligible
			d.Sum.Notified += s.Notified
			d.Sum.Applied += s.Applied
			d.Sum.Approved += s.Approved
			d.Sum.Paid += s.Paid
			d.Sum.PaidYuan += s.PaidYuan
		}
	}
	// 已通过 counts what was approved, paid since or not.
	d.Stages = []chartStage{{"符合", d.Sum.Eligible}, {"已通知", d.Sum.Notified}, {"已申请", d.Sum.Applied},
		{"已通过", d.Sum.Approved}, {"已发放", d.Sum.Paid}}
	d.Funnel = funnelSVG("funnel", "政策办理漏斗：符合、已通知、已申请、已通过、已发放的人数（括号内为占上一步的比例）", d.Stages)
	months, err := h.console.PolicyTrend(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Months = months
	labels := make([]string, len(months))
	series := []chartSeries{{Label: "已申请"}, {Label: "已通过"}, {Label: "已发放"}}
	for i, m := range months {
		labels[i] = m.Month
		series[0].Values = append(series[0].Values, m.Applied)
		series[1].Values = append(series[1].Values, m.Approved)
		series[2].Values = append(series[2].Values, m.Paid)
	}
	d.Trend = trendSVG("trend", "近 12 个月每月的申请、通过和发放笔数", labels, series)
	h.render(w, r, http.StatusOK, "policy_console", &Page{Title: "政策与发放", Nav: "policies", Data: d})
}

type statusOpt struct{ Value, Label string }

var applicationStatuses = []policy.ApplicationStatus{policy.Submitted, policy.Proposed, policy.Returned, policy.Approved, policy.Paid, policy.Rejected}

type consoleAppsData struct {
	helpers
	Apps       []*policy.Application
	Total      int
	Page       int
	Pages      int
	PolicyID   string
	Status     string
	Policies   []app.PolicyRow
	Statuses   []statusOpt
	ExportHref string
	PrevHref   string
	NextHref   string
	Payable    bool // some rows are approved and unpaid
	Grantable  bool // some rows are 免申即享 proposals
	Today      string
}

const appsPageSize = 50

func (h *policyPages) consoleAppsPage(r *http.Request, policyID, status string, pageNo int) (*Page, error) {
	a := httpx.Actor(r)
	d := &consoleAppsData{PolicyID: policyID, Status: status, Page: max(pageNo, 1),
		Today: h.today()}
	for _, s := range applicationStatuses {
		d.Statuses = append(d.Statuses, statusOpt{Value: string(s), Label: s.Label()})
	}
	var err error
	d.Apps, d.Total, err = h.policyApps.ListApplications(r.Context(), a, policy.ApplicationFilter{PolicyID: policyID, Status: status,
		Limit: appsPageSize, Offset: (d.Page - 1) * appsPageSize})
	if err != nil {
		return nil, err
	}
	d.Policies, err = h.policies.ListPolicies(r.Context(), a, "")
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	d.Pages = (d.Total + appsPageSize - 1) / appsPageSize
	q := url.Values{}
	if policyID != "" {
		q.Set("policy_id", policyID)
	}
	if status != "" {
		q.Set("status", status)
	}
	link := func(extra string, v string) string {
		qq := url.Values{}
		for k, vs := range q {
			qq[k] = vs
		}
		qq.Set(extra, v)
		return "/console/applications?" + qq.Encode()
	}
	d.ExportHref = link("format", "xlsx")
	if d.Page > 1 {
		d.PrevHref = link("page", strconv.Itoa(d.Page-1))
	}
	if d.Page < d.Pages {
		d.NextHref = link("page", strconv.Itoa(d.Page+1))
	}
	for _, ap := range d.Apps {
		d.Payable = d.Payable || ap.Status == policy.Approved
		d.Grantable = d.Grantable || ap.Status == policy.Proposed
	}
	return &Page{Title: "政策申请审核", Nav: "policies", Data: d}, nil
}

// today is the Beijing date, the default payout date.
func (h *policyPages) today() string {
	return h.now().In(chinatime.Zone).Format(time.DateOnly)
}

func (h *policyPages) consoleApplications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("format") == "xlsx" {
		h.exportApplications(w, r)
		return
	}
	pageNo, _ := strconv.Atoi(q.Get("page"))
	page, err := h.consoleAppsPage(r, q.Get("policy_id"), q.Get("status"), pageNo)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Form = map[string]string{"paid_on": h.today()}
	if n := q.Get("paid"); n != "" {
		total, _ := strconv.ParseFloat(q.Get("total"), 64)
		page.Flash = "已记录 " + n + " 笔发放，合计 " + fmtYuan(total) + "，申请人已收到站内通知。"
	}
	h.render(w, r, http.StatusOK, "policy_console_applications", page)
}

func (h *policyPages) exportApplications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	apps, err := h.policyApps.ExportApplications(r.Context(), httpx.Actor(r), policy.ApplicationFilter{PolicyID: q.Get("policy_id"),
		Status: q.Get("status"), Limit: 5000})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(apps))
	for _, ap := range apps {
		var batch, paidOn string
		if ap.Payout != nil {
			batch, paidOn = ap.Payout.Batch, ap.Payout.PaidOn.Format(time.DateOnly)
		}
		rows = append(rows, []any{ap.ID, ap.PolicyName, ap.Version, helpers{}.Beneficiary(ap.SubjectType), ap.SubjectName,
			ap.Status.Label(), ap.AmountYuan, datetimeCN(ap.CreatedAt), datetimeCN(ap.DecidedAt), ap.DecisionReason, batch, paidOn})
	}
	h.writeSheet(w, "政策申请", []string{"申请编号", "政策", "政策版本", "主体类型", "申请主体", "状态", "金额（元）", "提交时间",
		"审核时间", "审核意见", "发放批次", "发放日期"}, rows)
}

func (h *policyPages) consoleApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.applicationPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Form = map[string]string{"amount_yuan": strconv.FormatFloat(page.Data.(*applicationData).A.AmountYuan, 'f', -1, 64)}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "审核结果已保存，申请人已收到站内通知。"
	}
	h.render(w, r, http.StatusOK, "policy_application", page)
}

// parseYuan reads an amount typed as "1500", "1,500" or "¥1500"; anything
// else is -1, which the decision rules reject with their own message.
func parseYuan(s string) float64 {
	s = strings.NewReplacer(",", "", "，", "", "¥", "", "￥", "", "元", "", " ", "").Replace(s)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return v
}

func (h *policyPages) decideApplication(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := formValues(r, "action", "amount_yuan", "reason")
	d := policy.Decision{Action: form["action"], Reason: form["reason"]}
	if d.Action == "approve" {
		d.AmountYuan = parseYuan(form["amount_yuan"])
	}
	if _, err := h.policyApps.Decide(r.Context(), httpx.Actor(r), id, d); err != nil {
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		page, perr := h.applicationPage(r, id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = form
		h.formFail(w, r, "policy_application", page, err)
		return
	}
	http.Redirect(w, r, "/console/applications/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
}

func (h *policyPages) payouts(w http.ResponseWriter, r *http.Request) {
	h.payBatch(w, r, h.policyApps.Pay)
}

func (h *policyPages) grants(w http.ResponseWriter, r *http.Request) {
	h.payBatch(w, r, h.policyApps.ConfirmGrants)
}

// payBatch records a payout batch (or confirms 免申即享 proposals and pays
// them) for the ticked applications; errors re-render the queue.
func (h *policyPages) payBatch(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, a app.Actor, in app.PayInput) (int, float64, error)) {
	r.ParseForm()
	form := formValues(r, "batch", "paid_on", "policy_id", "status")
	in := app.PayInput{Batch: form["batch"], PaidOn: form["paid_on"]}
	for _, s := range r.PostForm["ids"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			in.IDs = append(in.IDs, id)
		}
	}
	n, total, err := do(r.Context(), httpx.Actor(r), in)
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		page, perr := h.consoleAppsPage(r, form["policy_id"], form["status"], 1)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Form = form
		h.formFail(w, r, "policy_console_applications", page, err)
		return
	}
	q := url.Values{"status": {string(policy.Paid)}, "paid": {strconv.Itoa(n)}, "total": {strconv.FormatFloat(total, 'f', 2, 64)}}
	if form["policy_id"] != "" {
		q.Set("policy_id", form["policy_id"])
	}
	http.Redirect(w, r, "/console/applications?"+q.Encode(), http.StatusSeeOther)
}
