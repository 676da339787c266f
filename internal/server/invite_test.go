package server_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

// inviteMessages counts the person's inbox messages inviting them to post.
func inviteMessages(t *testing.T, f *fixture, token string, postID int64) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range decode(t, f.do("GET", "/api/v1/me/inbox", token, nil))["items"].([]any) {
		m := m.(map[string]any)
		if m["link"] == "/jobs/"+strconv.FormatInt(postID, 10) && strings.Contains(m["title"].(string), "邀请您投递") {
			out = append(out, m)
		}
	}
	return out
}

// TestInviteCandidates (issue 12 item 7): 邀请投递 from a post's candidate
// list. Only the post's own employer, only a published post, only a
// discoverable person; once per post and person; at most 50 a day per
// enterprise; audited; the person's inbox links to the post; the list then
// says 已邀请 and, once they apply, 已申请.
func TestInviteCandidates(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		ctx := context.Background()
		person, person2, employer := f.token("person"), f.token("person2"), f.token("employer")
		marketPosts(t, f, 25)
		f.catchUp()
		posts, _, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID, Limit: 100})
		if err != nil || len(posts) != 25 {
			t.Fatalf("posts: %d %v", len(posts), err)
		}
		if rec := f.do("PUT", "/api/v1/me/resume", person, warehouseResume(true)); rec.Code != 200 {
			t.Fatalf("save resume: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", "/api/v1/me/resume", person2, warehouseResume(false)); rec.Code != 200 {
			t.Fatalf("save resume 2: %d %s", rec.Code, rec.Body)
		}
		pid := f.users["person"].User.PersonID
		pid2 := f.users["person2"].User.PersonID
		post := posts[0].ID
		invite := func(post, person int64) string {
			return "/api/v1/jobs/" + strconv.FormatInt(post, 10) + "/candidates/" + strconv.FormatInt(person, 10) + "/invite"
		}
		candidates := "/api/v1/jobs/" + strconv.FormatInt(post, 10) + "/candidates"

		items := decode(t, f.do("GET", candidates, employer, nil))
		if items["can_invite"] != true || len(items["items"].([]any)) != 1 || items["items"].([]any)[0].(map[string]any)["invited"] != false {
			t.Fatalf("candidates before: %v", items)
		}
		// Not the employer's post, not an employer (refused at the route), not
		// a discoverable person (answered as missing): refused, audited by the app.
		denied := auditCount(t, db, audit.AccessDenied, "")
		for _, role := range []string{"employer2", "staff", "admin"} {
			if rec := f.do("POST", invite(post, pid), f.token(role), nil); rec.Code != 403 {
				t.Errorf("%s invites: %d %s", role, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", invite(post, pid), person, nil); rec.Code != 403 {
			t.Errorf("a person invites: %d", rec.Code)
		}
		if rec := f.do("POST", invite(post, pid2), employer, nil); rec.Code != 404 {
			t.Errorf("not discoverable: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", invite(post, 99999999), employer, nil); rec.Code != 404 {
			t.Errorf("no such person: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", invite(99999999, pid), employer, nil); rec.Code != 404 {
			t.Errorf("no such post: %d %s", rec.Code, rec.Body)
		}
		if after := auditCount(t, db, audit.AccessDenied, ""); after < denied+3 {
			t.Errorf("refusals audited: %d → %d", denied, after)
		}
		if n := len(inviteMessages(t, f, person2, post)); n != 0 {
			t.Errorf("a person who did not opt in was told: %d", n)
		}
		// A post waiting for review cannot be invited to.
		pending := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", invite(pending, pid), employer, nil); rec.Code != 422 {
			t.Errorf("pending post: %d %s", rec.Code, rec.Body)
		}

		// The invitation: 201, audited, one inbox message linking to the post.
		rec := f.do("POST", invite(post, pid), employer, nil)
		if rec.Code != 201 || int64(decode(t, rec)["person_id"].(float64)) != pid {
			t.Fatalf("invite: %d %s", rec.Code, rec.Body)
		}
		if n := auditCount(t, db, "jobinvite.send", "ok"); n != 1 {
			t.Errorf("invitations audited: %d", n)
		}
		msgs := inviteMessages(t, f, person, post)
		if len(msgs) != 1 || !strings.Contains(msgs[0]["title"].(string), posts[0].Title) || !strings.Contains(msgs[0]["body"].(string), "由您决定") {
			t.Fatalf("inbox: %v", msgs)
		}
		// Once only: 409, no second message; the web form says 已邀请过 calmly.
		if rec := f.do("POST", invite(post, pid), employer, nil); rec.Code != 409 {
			t.Errorf("repeat: %d %s", rec.Code, rec.Body)
		}
		page := "/enterprise/jobs/" + strconv.FormatInt(post, 10) + "/candidates"
		if rec := f.form(page+"/"+strconv.FormatInt(pid, 10)+"/invite", employer, url.Values{}); rec.Code != 303 ||
			!strings.Contains(rec.Header().Get("Location"), "invited=again") {
			t.Errorf("repeat from the page: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if n := len(inviteMessages(t, f, person, post)); n != 1 {
			t.Errorf("messages after repeats: %d", n)
		}
		body := f.page(page+"?invited=again", employer).Body.String()
		if !strings.Contains(body, "已邀请过") || !strings.Contains(body, ">已邀请<") || strings.Contains(body, "/invite\"") {
			t.Errorf("candidates page after the invitation:\n%s", body)
		}
		// The person applies: the list says 已申请.
		if rec := f.do("POST", "/api/v1/jobs/"+strconv.FormatInt(post, 10)+"/applications", person, map[string]any{}); rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		c := decode(t, f.do("GET", candidates, employer, nil))["items"].([]any)[0].(map[string]any)
		if c["invited"] != true || c["applied"] != true {
			t.Errorf("candidate after applying: %v", c)
		}
		if body := f.page(page, employer).Body.String(); !strings.Contains(body, "已申请") {
			t.Errorf("candidates page after applying shows no 已申请")
		}

		// The daily limit: 50 invitations a day per enterprise, over all its
		// posts; the 51st is 429 (the page says so), the next day is fine.
		person3 := f.registerPerson("赵六")
		f.users["person3"] = person3
		tok3 := f.token("person3")
		if rec := f.do("PUT", "/api/v1/me/resume", tok3, warehouseResume(true)); rec.Code != 200 {
			t.Fatalf("save resume 3: %d %s", rec.Code, rec.Body)
		}
		pid3 := person3.User.PersonID
		sent := 1
		for _, p := range posts {
			for _, who := range []int64{pid, pid3} {
				if sent == jobs.MaxInvitationsPerDay || (p.ID == post && who == pid) {
					continue
				}
				if rec := f.do("POST", invite(p.ID, who), employer, nil); rec.Code != 201 {
					t.Fatalf("invitation %d: %d %s", sent+1, rec.Code, rec.Body)
				}
				sent++
			}
		}
		last := posts[len(posts)-1].ID
		if rec := f.do("POST", invite(last, pid3), employer, nil); rec.Code != 409 {
			t.Fatalf("last pair was not sent? %d", rec.Code)
		}
		extra := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", "/api/v1/jobs/"+strconv.FormatInt(extra, 10)+"/review", f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", invite(extra, pid), employer, nil); rec.Code != 429 {
			t.Errorf("51st invitation: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form("/enterprise/jobs/"+strconv.FormatInt(extra, 10)+"/candidates/"+strconv.FormatInt(pid, 10)+"/invite", employer, url.Values{}); rec.Code != 303 ||
			!strings.Contains(rec.Header().Get("Location"), "limit=day") {
			t.Errorf("51st from the page: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		db.SetClock(func() time.Time { return jobsDay.Add(24 * time.Hour) })
		employer = f.token("employer") // the session of yesterday has ended
		if rec := f.do("POST", invite(extra, pid), employer, nil); rec.Code != 201 {
			t.Errorf("the next day: %d %s", rec.Code, rec.Body)
		}
		if n := auditCount(t, db, "jobinvite.send", "ok"); n != jobs.MaxInvitationsPerDay+1 {
			t.Errorf("invitations audited: %d, want %d", n, jobs.MaxInvitationsPerDay+1)
		}
	})
}
