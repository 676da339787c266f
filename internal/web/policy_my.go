package web

// 就业政策通's "my policies" (the red packet) with its questionnaire, for a
// person or an enterprise.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
)

// ---------------------------------------------------------------- my policies

func subjectQuestions(kind string) []question {
	if kind == policy.KindEnterprise {
		return enterpriseQuestions()
	}
	return personQuestions()
}

func (h *policyPages) myPoliciesPage(r *http.Request, form map[string]string, errs map[string]string) (*matchView, *app.MyPolicies, error) {
	a := httpx.Actor(r)
	mp, err := h.policies.MyPolicies(r.Context(), a)
	if err != nil {
		return nil, nil, err
	}
	set, err := h.policies.Catalog(r.Context())
	if err != nil {
		return nil, nil, err
	}
	qs := subjectQuestions(mp.Kind)
	if form == nil {
		form = answersForm(mp.Answers, qs)
	}
	v := &matchView{Mine: true, Kind: mp.Kind, Action: "/me/policies/answers", EditHref: "/me/edit"}
	if mp.Kind == policy.KindEnterprise {
		v.EditHref = "/enterprise/edit"
	}
	h.fillResult(v, set, mp.Result, mp.Near, mp.Far, mp.Applications)
	v.Groups = questionViews(qs, fieldLabels(set, mp.Kind), form, errs)
	return v, mp, nil
}

func (h *policyPages) myPolicies(w http.ResponseWriter, r *http.Request) {
	v, _, err := h.myPoliciesPage(r, nil, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "我的政策红包", Nav: "policy", Data: v}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "已保存，测算结果已按您的回答更新。"
	}
	h.render(w, r, http.StatusOK, "policy_match", page)
}

func (h *policyPages) savePolicyAnswers(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	_, mp, err := h.myPoliciesPage(r, map[string]string{}, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	qs := subjectQuestions(mp.Kind)
	set, unset, form, errs := readQuestions(r, qs)
	err = errs.Err()
	if err == nil {
		// Keep answers given elsewhere (the API), replace the ones this form asks.
		ans := map[string]any{}
		for k, v := range mp.Answers {
			ans[k] = v
		}
		for _, k := range unset {
			delete(ans, k)
		}
		for k, v := range set {
			ans[k] = v
		}
		err = attrErrors(h.policies.SaveAnswers(r.Context(), httpx.Actor(r), ans))
	}
	if err != nil && !formError(err) {
		h.fail(w, r, err)
		return
	}
	if err != nil {
		v, _, perr := h.myPoliciesPage(r, form, apperr.As(err).Fields)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		h.formFail(w, r, "policy_match", &Page{Title: "我的政策红包", Nav: "policy", Form: form, Data: v}, err)
		return
	}
	http.Redirect(w, r, "/me/policies?saved=1#result", http.StatusSeeOther)
}
