package web

// 就业政策通, the public side: the policy list and the policy page with the
// personal verdict and the apply form. The calculator is in policy_calc.go,
// "my policies" in policy_my.go, applications and 公示 in policy_apps.go,
// authoring in policy_author.go and the staff console in policy_console.go.

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

// policyPages are 就业政策通: the catalog, the calculator, a person's and an
// enterprise's policies and applications, authoring and the staff console.
type policyPages struct {
	*site
	policies   *app.Policies
	policyApps *app.PolicyApps
	console    *app.Console // the statistics page's monthly trend
}

// helpers are formatting methods the policy pages' data embed, so templates
// can write {{$.Yuan .AmountYuan}} without new template functions.
type helpers struct{}

// Yuan formats an amount as "¥1,500" (two decimals only when needed).
func (helpers) Yuan(v float64) string { return fmtYuan(v) }

// Beneficiary is 个人 or 企业.
func (helpers) Beneficiary(kind string) string {
	if kind == policy.KindEnterprise {
		return "企业"
	}
	return "个人"
}

// Day is a time's date in Beijing.
func (helpers) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinatime.Zone).Format(time.DateOnly)
}

// Size formats a file size.
func (helpers) Size(n int64) string {
	if n < 1024*1024 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
}

func fmtYuan(v float64) string { return policy.FormatYuan(v) }

// validityText says when a policy applies, in words.
func validityText(v policy.Validity) string {
	var span string
	switch {
	case v.From != "" && v.To != "":
		span = v.From + " 至 " + v.To
	case v.From != "":
		span = "自 " + v.From + " 起"
	case v.To != "":
		span = "至 " + v.To
	}
	switch v.Status {
	case "expired":
		if span == "" {
			return "已失效"
		}
		return span + "（已失效）"
	case "unknown":
		if span == "" {
			return "有效期待核实"
		}
		return span + "（待核实）"
	}
	if span == "" {
		return "长期有效"
	}
	return span
}

// ---------------------------------------------------------------- list

type policyCard struct {
	ID, Name, Category, Beneficiary, AmountText, Validity string
	NoApply, Active                                       bool
}

type chip struct {
	Label, Href string
	Count       int
	On          bool
}

type policyListData struct {
	helpers
	Cards     []policyCard
	Chips     []chip
	ForChips  []chip
	CheckHref string
	Empty     bool // no catalog at all
}

func (h *policyPages) policyList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cat, forKind := q.Get("category"), q.Get("for")
	a := httpx.Actor(r)
	rows, err := h.policies.ListPolicies(r.Context(), a, "")
	if err != nil && !apperr.Is(err, apperr.NotFound) { // NotFound: no catalog imported yet
		h.fail(w, r, err)
		return
	}
	var set *app.PolicySet
	if err == nil {
		if set, err = h.policies.Catalog(r.Context()); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d := policyListData{CheckHref: "/policies/check", Empty: len(rows) == 0}
	if account.CanClaimPolicies(a.User) {
		d.CheckHref = "/me/policies"
	}
	counts := map[string]int{}
	for _, row := range rows {
		if row.Doc.Status != policy.Published {
			continue
		}
		if forKind != "" && row.Doc.Beneficiary != forKind {
			continue
		}
		counts[row.Doc.Category]++
		if cat != "" && row.Doc.Category != cat {
			continue
		}
		c := policyCard{ID: row.Doc.ID, Name: row.Doc.Name, Category: row.Doc.Category, Beneficiary: d.Beneficiary(row.Doc.Beneficiary),
			NoApply: row.Doc.NoApply, Active: row.Active}
		if p, ok := set.Cat.Policy(row.Doc.ID); ok {
			c.AmountText, c.Validity = policy.PublicText(p.Benefit.AmountText), validityText(p.Validity)
		}
		d.Cards = append(d.Cards, c)
	}
	slices.SortStableFunc(d.Cards, func(x, y policyCard) int { // in force first, then by category
		if x.Active != y.Active {
			if x.Active {
				return -1
			}
			return 1
		}
		return categoryRank(x.Category) - categoryRank(y.Category)
	})
	link := func(c, f string) string {
		v := url.Values{}
		if c != "" {
			v.Set("category", c)
		}
		if f != "" {
			v.Set("for", f)
		}
		if len(v) == 0 {
			return "/policies"
		}
		return "/policies?" + v.Encode()
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	d.Chips = append(d.Chips, chip{Label: "全部", Href: link("", forKind), Count: total, On: cat == ""})
	for _, c := range app.Categories {
		if counts[c] > 0 || c == cat {
			d.Chips = append(d.Chips, chip{Label: c, Href: link(c, forKind), Count: counts[c], On: c == cat})
		}
	}
	d.ForChips = []chip{{Label: "全部对象", Href: link(cat, ""), On: forKind == ""},
		{Label: "面向个人", Href: link(cat, policy.KindPerson), On: forKind == policy.KindPerson},
		{Label: "面向企业", Href: link(cat, policy.KindEnterprise), On: forKind == policy.KindEnterprise}}
	h.render(w, r, http.StatusOK, "policy_list", &Page{Title: "就业政策通", Nav: "policy", Data: d})
}

// categoryRank orders categories as app.Categories lists them.
func categoryRank(c string) int {
	if i := slices.Index(app.Categories, c); i >= 0 {
		return i
	}
	return len(app.Categories)
}

// ---------------------------------------------------------------- detail and apply

type policyDetailData struct {
	helpers
	D         *app.PolicyDetail
	P         *policy.Policy
	Validity  string
	Staff     bool
	Subject   bool // a person or employer is logged in
	ForKind   bool // the policy is for the user's kind of subject
	Eligible  *eligibleCard
	Near      *ineligibleCard
	Far       *ineligibleCard
	Unmatched bool // not auto-matched for the user (manual review or out of validity)
	App       *policy.Application
	CanApply  bool
	LoginHref string
	MaxFiles  int
}

func (h *policyPages) policyDetailPage(r *http.Request, id string) (*Page, error) {
	a := httpx.Actor(r)
	d, err := h.policies.PolicyDetail(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	v := &policyDetailData{D: d, P: d.Policy, Staff: account.CanUseConsole(a.User), Subject: account.CanClaimPolicies(a.User), MaxFiles: app.MaxUploadFiles,
		LoginHref: "/login?next=" + url.QueryEscape("/policies/"+id)}
	if v.P != nil {
		v.Validity = validityText(v.P.Validity)
	}
	if v.Subject {
		kind := policy.KindPerson
		if account.IsEmployer(a.User) {
			kind = policy.KindEnterprise
		}
		v.ForKind = d.Doc.Beneficiary == kind
		if v.ForKind {
			mp, err := h.policies.MyPolicies(r.Context(), a)
			if err != nil {
				return nil, err
			}
			v.App = mp.Applications[id]
			for _, e := range mp.Result.Eligible {
				if e.PolicyID == id {
					v.Eligible = &eligibleCard{Eligible: e, NoApply: d.Doc.NoApply, App: v.App}
				}
			}
			for _, in := range mp.Near {
				if in.PolicyID == id {
					v.Near = &ineligibleCard{Ineligible: in, App: v.App}
				}
			}
			for _, in := range mp.Far {
				if in.PolicyID == id {
					v.Far = &ineligibleCard{Ineligible: in, App: v.App}
				}
			}
			v.Unmatched = v.Eligible == nil && v.Near == nil && v.Far == nil
			v.CanApply = v.Eligible != nil && v.App == nil && !d.Doc.NoApply && d.Doc.Status == policy.Published
		}
	}
	return &Page{Title: d.Doc.Name, Nav: "policy", Data: v}, nil
}

func (h *policyPages) policyDetail(w http.ResponseWriter, r *http.Request) {
	page, err := h.policyDetailPage(r, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "policy_detail", page)
}

// readMaterials reads a multipart form's note and "materials" files; a plain
// form (no files) is accepted too. done releases the temporary files.
