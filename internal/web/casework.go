package web

// 话务中心 pages: the call-centre home (lookup by phone or ID number, the
// next person of the agent's queue, the queue itself), the agent's one
// screen about a person with the call's agenda and every form an agent uses
// on a call, the supervisors' team view, call scripts, and the person's own
// contact history on /me.

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
)

// caseworkPages are the call centre's pages.
type caseworkPages struct {
	*site
	cases *app.Casework
	jobs  *app.Jobs // suggests the occupation of a vacancy heard on a call
}

type caseHomeData struct {
	Q      string
	Hits   []app.LookupHit
	Looked bool
	EQ     string                 // an enterprise's name or credit code
	EHits  []*registry.Enterprise // enterprises found
	Queue  *app.Queue
	Super  bool
}

// home is the call centre's start page: lookup, next in queue, my queue.
func (h *caseworkPages) home(w http.ResponseWriter, r *http.Request) {
	a := httpx.Actor(r)
	d := caseHomeData{Q: strings.TrimSpace(r.URL.Query().Get("q")), Super: account.CanSuperviseCasework(a.User)}
	page := &Page{Title: "话务工作台", Nav: "casework", Form: map[string]string{"q": d.Q}, Data: &d}
	q, err := h.cases.MyQueue(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Queue = q
	if d.Q != "" {
		d.Looked = true
		d.Hits, err = h.cases.Lookup(r.Context(), a, d.Q)
		if err != nil {
			h.formFail(w, r, "casework_home", page, err)
			return
		}
		if len(d.Hits) == 1 && !d.Hits[0].OtherTeam {
			http.Redirect(w, r, personPath(d.Hits[0].PersonID), http.StatusSeeOther)
			return
		}
	}
	if d.EQ = strings.TrimSpace(r.URL.Query().Get("eq")); d.EQ != "" {
		page.Form["eq"] = d.EQ
		d.EHits, err = h.cases.FindEnterprises(r.Context(), a, d.EQ)
		if err != nil {
			h.formFail(w, r, "casework_home", page, err)
			return
		}
		if len(d.EHits) == 1 {
			http.Redirect(w, r, enterprisePath(d.EHits[0].ID), http.StatusSeeOther)
			return
		}
	}
	switch r.URL.Query().Get("done") {
	case "clear":
		page.Flash = "今天的跟进都已完成，可以按号码查找来电人员。"
	}
	h.render(w, r, http.StatusOK, "casework_home", page)
}

func personPath(id int64) string { return "/console/casework/persons/" + strconv.FormatInt(id, 10) }

// next opens the agent screen of the most urgent person in the agent's queue.
func (h *caseworkPages) next(w http.ResponseWriter, r *http.Request) {
	id, err := h.cases.NextInQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if id == 0 {
		http.Redirect(w, r, "/console/casework?done=clear", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, personPath(id), http.StatusSeeOther)
}

type caseOverviewData struct {
	O        *app.Overview
	Full     *registry.Person // set after an explicit, audited reveal
	Channels []casework.Channel
	Dirs     []casework.Direction
	Topics   []casework.Topic
	Results  []casework.Result
	Super    bool
	Agents   []app.Agent // supervisors: who a case can go to
	Place    func(string) string
	Occ      func(string) string
}

// overviewPage builds the agent screen of person id.
func (h *caseworkPages) overviewPage(r *http.Request, id int64) (*Page, error) {
	a := httpx.Actor(r)
	ov, err := h.cases.Overview(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	d := &caseOverviewData{O: ov, Channels: casework.Channels, Dirs: casework.Directions, Topics: casework.Topics,
		Results: casework.Results, Super: account.CanSuperviseCasework(a.User), Place: h.placeLabel, Occ: h.occupationName}
	if d.Super && ov.Case != nil {
		if d.Agents, err = h.cases.Agents(r.Context(), a); err != nil {
			return nil, err
		}
	}
	form := map[string]string{"channel": string(casework.Phone), "direction": string(casework.Outbound), "outcome": string(casework.Reached)}
	if len(ov.FollowUps) > 0 {
		form["followup_id"] = strconv.FormatInt(ov.FollowUps[0].ID, 10)
	}
	return &Page{Title: "话务工作台 · " + ov.Person.Name, Nav: "casework", Form: form, Data: d}, nil
}

// overview is the agent's one screen about a person.
func (h *caseworkPages) overview(w http.ResponseWriter, r *http.Request) {
	id, ok := h.personID(w, r)
	if !ok {
		return
	}
	page, err := h.overviewPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = caseFlash[r.URL.Query().Get("done")]
	h.render(w, r, http.StatusOK, "casework_person", page)
}

var caseFlash = map[string]string{
	"contact":  "联系记录已保存。",
	"refer":    "已推荐，企业和求职者都已收到站内消息。",
	"policy":   "政策详情已发送到求职者的站内消息。",
	"followup": "跟进已安排，到期当天会提醒。",
	"closed":   "跟进已更新。",
	"reassign": "已转交。",
}

func (h *caseworkPages) personID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	return h.pathID(w, r, "人员不存在")
}

// reveal shows the person's full ID number and phone after the agent gave
// a reason (audited).
func (h *caseworkPages) reveal(w http.ResponseWriter, r *http.Request) {
	id, ok := h.personID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "reason")
	full, err := h.cases.Reveal(r.Context(), httpx.Actor(r), id, form["reason"])
	if err != nil {
		h.failOnPage(w, r, "casework_person", err, form, func() (*Page, error) { return h.overviewPage(r, id) })
		return
	}
	page, err := h.overviewPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*caseOverviewData).Full = full
	page.Flash = "已显示完整身份证号和手机号（已记入审计日志）。"
	h.render(w, r, http.StatusOK, "casework_person", page)
}

var contactFields = []string{"person_id", "enterprise_id", "channel", "direction", "notes", "duration_min", "outcome",
	"followup_id", "next_due", "next_purpose"}

// logContact records a contact from the agent screen (a person) or an
// enterprise's history page.
func (h *caseworkPages) logContact(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, contactFields...)
	in := app.ContactInput{Channel: form["channel"], Direction: form["direction"], Notes: r.PostFormValue("notes"),
		Outcome: form["outcome"], NextDue: form["next_due"], NextPurpose: form["next_purpose"], Topics: r.PostForm["topics"]}
	in.PersonID, _ = strconv.ParseInt(form["person_id"], 10, 64)
	in.EnterpriseID, _ = strconv.ParseInt(form["enterprise_id"], 10, 64)
	in.FollowUpID, _ = strconv.ParseInt(form["followup_id"], 10, 64)
	if m := form["duration_min"]; m != "" {
		f, err := strconv.ParseFloat(m, 64)
		if err != nil || f < 0 {
			in.DurationS = -1
		} else {
			in.DurationS = int(f*60 + 0.5)
		}
	}
	for _, t := range in.Topics {
		form["topic_"+t] = "true"
	}
	_, err := h.cases.LogContact(r.Context(), httpx.Actor(r), in)
	back := personPath(in.PersonID)
	if in.EnterpriseID != 0 {
		back = "/console/casework/enterprises/" + strconv.FormatInt(in.EnterpriseID, 10)
	}
	if err != nil {
		if e := asFields(err); e != nil {
			if msg, ok := e["duration_s"]; ok {
				e["duration_min"] = msg
			}
		}
		if in.PersonID == 0 && in.EnterpriseID != 0 {
			h.failOnPage(w, r, "casework_enterprise", err, form, func() (*Page, error) { return h.enterprisePage(r, in.EnterpriseID, form) })
			return
		}
		if in.PersonID == 0 {
			h.fail(w, r, err)
			return
		}
		h.failOnPage(w, r, "casework_person", err, form, func() (*Page, error) { return h.overviewPage(r, in.PersonID) })
		return
	}
	http.Redirect(w, r, back+"?done=contact", http.StatusSeeOther)
}

// refer files a referral to a post with the person's spoken consent.
func (h *caseworkPages) refer(w http.ResponseWriter, r *http.Request) {
	id, ok := h.personID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "post_id", "consent", "note")
	in := app.ReferInput{Consent: form["consent"], Note: form["note"]}
	in.PostID, _ = strconv.ParseInt(form["post_id"], 10, 64)
	if _, err := h.cases.Refer(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.failOnPage(w, r, "casework_person", err, form, func() (*Page, error) { return h.overviewPage(r, id) })
		return
	}
	http.Redirect(w, r, personPath(id)+"?done=refer", http.StatusSeeOther)
}

// sendPolicy puts a policy's details in the person's inbox.
func (h *caseworkPages) sendPolicy(w http.ResponseWriter, r *http.Request) {
	id, ok := h.personID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.cases.SendPolicy(r.Context(), httpx.Actor(r), id, r.PostFormValue("policy_id")); err != nil {
		h.failOnPage(w, r, "casework_person", err, nil, func() (*Page, error) { return h.overviewPage(r, id) })
		return
	}
	http.Redirect(w, r, personPath(id)+"?done=policy", http.StatusSeeOther)
}

// reassignCase hands the person's case to another agent (supervisors).
func (h *caseworkPages) reassignCase(w http.ResponseWriter, r *http.Request) {
	id, ok := h.personID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	owner, _ := strconv.ParseInt(r.PostFormValue("owner_id"), 10, 64)
	if err := h.cases.ReassignCase(r.Context(), httpx.Actor(r), id, owner); err != nil {
		h.failOnPage(w, r, "casework_person", err, nil, func() (*Page, error) { return h.overviewPage(r, id) })
		return
	}
	http.Redirect(w, r, personPath(id)+"?done=reassign", http.StatusSeeOther)
}

// scheduleFollowUp schedules a follow-up from the agent screen or an
// enterprise's history page.
func (h *caseworkPages) scheduleFollowUp(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "person_id", "enterprise_id", "due", "purpose", "note", "owner_id")
	in := app.FollowUpInput{Due: form["due"], Purpose: form["purpose"], Note: form["note"]}
	in.PersonID, _ = strconv.ParseInt(form["person_id"], 10, 64)
	in.EnterpriseID, _ = strconv.ParseInt(form["enterprise_id"], 10, 64)
	in.OwnerID, _ = strconv.ParseInt(form["owner_id"], 10, 64)
	if _, err := h.cases.ScheduleFollowUp(r.Context(), httpx.Actor(r), in); err != nil {
		if in.PersonID == 0 && in.EnterpriseID != 0 {
			h.failOnPage(w, r, "casework_enterprise", err, nil, func() (*Page, error) {
				page, err := h.enterprisePage(r, in.EnterpriseID, nil)
				if err == nil {
					page.Form["due"], page.Form["purpose"] = form["due"], form["purpose"]
				}
				return page, err
			})
			return
		}
		if in.PersonID == 0 {
			h.fail(w, r, err)
			return
		}
		h.failOnPage(w, r, "casework_person", err, form, func() (*Page, error) { return h.overviewPage(r, in.PersonID) })
		return
	}
	if in.EnterpriseID != 0 {
		http.Redirect(w, r, "/console/casework/enterprises/"+form["enterprise_id"]+"?done=followup", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, personPath(in.PersonID)+"?done=followup", http.StatusSeeOther)
}

// closeFollowUp marks a follow-up done or cancelled, back to where the
// button was (the queue or the agent screen).
func (h *caseworkPages) closeFollowUp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "跟进不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.cases.CloseFollowUp(r.Context(), httpx.Actor(r), id, r.PostFormValue("status")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, withDone(safeNext(r.PostFormValue("next")), "closed"), http.StatusSeeOther)
}

// reassignFollowUp gives a follow-up to another agent (supervisors).
func (h *caseworkPages) reassignFollowUp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "跟进不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	owner, _ := strconv.ParseInt(r.PostFormValue("owner_id"), 10, 64)
	if _, err := h.cases.ReassignFollowUp(r.Context(), httpx.Actor(r), id, owner); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/casework/team?done=reassign", http.StatusSeeOther)
}

func withDone(path, done string) string {
	if strings.Contains(path, "?") {
		return path + "&done=" + done
	}
	return path + "?done=" + done
}

type caseTeamData struct {
	T       *app.TeamQueues
	IsAdmin bool
}

// team is the supervisors' view: each agent's load and queue.
func (h *caseworkPages) team(w http.ResponseWriter, r *http.Request) {
	a := httpx.Actor(r)
	t, err := h.cases.TeamQueues(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "班组跟进队列", Nav: "casework", Data: &caseTeamData{T: t, IsAdmin: account.CanAdmin(a.User)}}
	page.Flash = caseFlash[r.URL.Query().Get("done")]
	if r.URL.Query().Get("done") == "agent" {
		page.Flash = "话务员的班组已更新。"
	}
	h.render(w, r, http.StatusOK, "casework_team", page)
}

// setAgent puts a staff member in a team (admins).
func (h *caseworkPages) setAgent(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "用户不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.cases.SetAgentTeam(r.Context(), httpx.Actor(r), id, r.PostFormValue("team"), r.PostFormValue("supervisor") == "true"); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/casework/team?done=agent", http.StatusSeeOther)
}

type caseScriptsData struct {
	Topics  []casework.Topic
	Scripts map[casework.Topic]string
	CanEdit bool
}

// scripts lists the call scripts; supervisors edit them.
func (h *caseworkPages) scripts(w http.ResponseWriter, r *http.Request) {
	a := httpx.Actor(r)
	s, err := h.cases.Scripts(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{}
	for t, b := range s {
		form["script_"+string(t)] = b
	}
	page := &Page{Title: "话术", Nav: "casework", Form: form, Data: &caseScriptsData{Topics: casework.Topics, Scripts: s, CanEdit: account.CanSuperviseCasework(a.User)}}
	if r.URL.Query().Get("done") == "saved" {
		page.Flash = "话术已保存。"
	}
	h.render(w, r, http.StatusOK, "casework_scripts", page)
}

// saveScript replaces one topic's script.
func (h *caseworkPages) saveScript(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	topic := r.PostFormValue("topic")
	body := r.PostFormValue("body")
	if err := h.cases.SaveScript(r.Context(), httpx.Actor(r), topic, body); err != nil {
		s, serr := h.cases.Scripts(r.Context(), httpx.Actor(r))
		if serr != nil {
			h.fail(w, r, serr)
			return
		}
		form := map[string]string{}
		for t, b := range s {
			form["script_"+string(t)] = b
		}
		form["script_"+topic] = body
		page := &Page{Title: "话术", Nav: "casework", Form: form, Data: &caseScriptsData{Topics: casework.Topics, Scripts: s, CanEdit: true}}
		if e := asFields(err); e != nil {
			if msg, ok := e["body"]; ok {
				e["script_"+topic] = msg
			}
		}
		h.formFail(w, r, "casework_scripts", page, err)
		return
	}
	http.Redirect(w, r, "/console/casework/scripts?done=saved", http.StatusSeeOther)
}

// myContacts is the person's own contact history (no agents' notes).
func (h *caseworkPages) myContacts(w http.ResponseWriter, r *http.Request) {
	list, err := h.cases.MyContacts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "casework_mine", &Page{Title: "我的服务记录", Nav: "me", Data: list})
}

// asFields returns an Invalid error's field map (to rename a field the
// form shows under another name), or nil.
func asFields(err error) map[string]string {
	if e := apperr.As(err); e.Code == apperr.Invalid {
		return e.Fields
	}
	return nil
}
