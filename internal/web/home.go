package web

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/httpx"
)

// entrance is one of the portal's doors to a seed system.
type entrance struct {
	Name, Desc, Href, Icon string
	Ready                  bool // false: shown as 即将上线, never as a broken link
}

// entrances lists the seed's systems in the order the portal shows them.
func entrances() []entrance {
	return []entrance{
		{Name: "网谷智聘", Desc: "找工作 · 岗位搜索 · 企业招聘", Href: "/jobs", Icon: "聘", Ready: true},
		{Name: "零工经纪人", Desc: "附近零工 · 按班次报名 · 防收费筛查", Href: "/gigs", Icon: "零", Ready: true},
		{Name: "就业政策通", Desc: "一键测算可申请的补贴", Href: "/policies", Icon: "策", Ready: true},
		{Name: "职业指导", Desc: "填写简历 · 简历诊断 · 咨询指导", Href: "/guidance", Icon: "导", Ready: true},
		{Name: "技能培训", Desc: "找培训班 · 定点培训机构 · 培训补贴", Href: "/training/classes", Icon: "训", Ready: true},
		{Name: "创业扶持", Desc: "青创贷 · 创业项目资助 · 青创园", Href: "/startup", Icon: "创", Ready: true},
		{Name: "青年夜校", Desc: "夜校课程 · 招聘会 · 职业启蒙 · 导师坐诊", Href: "/night-school", Icon: "夜", Ready: true},
		{Name: "信息公开", Desc: "就业数据 · 行业动态 · 政策解读", Icon: "讯"},
	}
}

func (h *accountPages) home(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "home", &Page{Title: "就业服务", Nav: "home", Data: entrances()})
}

// guidance is 职业指导: what the platform offers today (the resume and its
// diagnosis) with links a person can follow, and where to ask a person.
func (h *accountPages) guidance(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "guidance", &Page{Title: "职业指导", Nav: "home"})
}

// largeCookie holds a browser's 大字模式 choice: "1" large, "0" standard.
const largeCookie = "jiuye_large"

// largeText reports whether a page is drawn in 大字模式: the account's
// choice once the user has made one (it follows them to every device),
// else the browser's cookie, which is all a logged-out visitor has.
func largeText(r *http.Request) bool {
	if u := httpx.User(r.Context()); u != nil && u.LargeText != nil {
		return *u.LargeText
	}
	c, err := r.Cookie(largeCookie)
	return err == nil && c.Value == "1"
}

// toggleLarge switches 大字模式 and returns to the page it was pressed on;
// it works without JavaScript. A logged-in user's choice is kept on the
// account; the cookie is set as well, so the browser keeps it after logout.
func (h *accountPages) toggleLarge(w http.ResponseWriter, r *http.Request) {
	on := !largeText(r)
	if u := httpx.User(r.Context()); u != nil {
		if err := h.accounts.SetLargeText(r.Context(), httpx.Actor(r), on); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	v := "0"
	if on {
		v = "1"
	}
	http.SetCookie(w, &http.Cookie{Name: largeCookie, Value: v, Path: "/", MaxAge: 365 * 86400,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.secure})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}
