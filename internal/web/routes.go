// Package web is the HTML face of the platform: server-rendered pages from
// embedded templates, mobile first, no inline script. Every HTML route is
// registered in this file.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"runtime"
	"strings"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/jobs/classify"
)

// Handler serves the pages.
type Handler struct {
	*site
	router *httpx.Router
}

// New parses the templates and registers every page route.
func New(a *app.App, log *slog.Logger, authLimiter, verifyLimiter *httpx.Limiter, secureCookies bool) (*Handler, error) {
	t, err := loadTemplates(templateFuncs())
	if err != nil {
		return nil, err
	}
	s := &site{tmpl: t, log: log, codes: a.Codes, pickers: newPickers(a.Codes), jobsUI: newJobsUI(a.Codes), now: a.Now, secure: secureCookies}
	s.classify = func(title string) []classify.Candidate {
		out, _ := a.Jobs.Classify(app.ClassifyInput{Title: title})
		return out
	}
	h := &Handler{site: s}
	acc := &accountPages{site: s, accounts: a.Accounts, startup: a.Startup, limiter: authLimiter}
	inbox := &inboxPages{site: s, messages: a.Inbox}
	reg := &registryPages{site: s, registry: a.Registry, todo: a.Console, limiter: authLimiter}
	jp := &jobPages{site: s, jobs: a.Jobs, apps: a.JobApps, registry: a.Registry, cases: a.Casework, saved: a.SavedJobs, reports: a.JobReports, imports: a.JobImports,
		jobsPages: newPageCache(), searchSlots: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	imp := &jobImportPages{site: s, imports: a.JobImports, jobPages: jp}
	cls := &classifierPages{site: s, jobs: a.Jobs}
	ja := &jobAppPages{site: s, apps: a.JobApps, jobPages: jp}
	ss := &savedSearchPages{site: s, saved: a.SavedSearches}
	res := &resumePages{site: s, resumes: a.Resumes}
	pol := &policyPages{site: s, policies: a.Policies, policyApps: a.PolicyApps, console: a.Console}
	gp := &gigPages{site: s, gigs: a.Gigs, work: a.GigWork, jobPages: jp, slots: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	gop := &gigOfficePages{site: s, gigs: a.Gigs, work: a.GigWork, pub: gp}
	cw := &caseworkPages{site: s, cases: a.Casework, jobs: a.Jobs}
	op := &outcomePages{site: s, outcomes: a.Outcomes}
	sp := &startupPages{site: s, startup: a.Startup, funding: a.Funding, training: a.Training, activities: a.Activities}
	pk := &parkPages{site: s, startup: a.Startup}
	fp := &fundingPages{site: s, funding: a.Funding}
	ac := &activityPages{site: s, activities: a.Activities}
	cp := &counselPages{site: s, counsel: a.Counselling}
	tr := &trainingPages{site: s, training: a.Training, enrol: a.TrainingEnrolments, outcomes: a.TrainingOutcomes}
	ce := &certificatePages{site: s, certs: a.Certificates, limiter: verifyLimiter}
	cl := &claimPages{site: s, claims: a.TrainingClaims}
	ip := &internshipPages{site: s, internships: a.Internships}
	fa := &fairPages{site: s, fairs: a.Fairs}
	st := &stationPages{site: s, stations: a.Stations}
	sv := &schoolVisitPages{site: s, visits: a.SchoolVisits}
	rt := &httpx.Router{Mux: http.NewServeMux(), Deny: h.deny}
	h.router = rt
	P, L := httpx.Public, httpx.LoggedIn
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/{$}", Summary: "门户首页", Access: P}, acc.home)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/register", Summary: "注册", Access: P}, acc.registerForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/register", Summary: "提交注册", Access: P}, acc.register)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/login", Summary: "登录", Access: P}, acc.loginForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/login", Summary: "提交登录", Access: P}, acc.login)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/logout", Summary: "退出登录", Access: L}, acc.logout)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/password/forgot", Summary: "忘记密码：输入手机号获取验证码", Access: P}, acc.forgotForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/password/forgot", Summary: "发送找回密码验证码（对任何手机号回答相同，按手机号和 IP 限频）", Access: P}, acc.forgot)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/password/reset", Summary: "用短信验证码设置新密码", Access: P}, acc.reset)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/terms", Summary: "用户协议（?v= 查看历史版本）", Access: P}, acc.termsPage("user"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/privacy", Summary: "隐私政策（?v= 查看历史版本）", Access: P}, acc.termsPage("privacy"))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/settings/large", Summary: "切换大字模式", Access: P}, acc.toggleLarge)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/guidance", Summary: "职业指导（简历、简历诊断的说明和入口）", Access: P}, acc.guidance)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me", Summary: "我的（身份证号、手机号脱敏）", Access: L}, reg.me)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/reveal", Summary: "显示完整身份证号和手机号（验证登录密码，按 IP 限频，记审计）", Access: httpx.Person}, reg.revealMe)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/edit", Summary: "编辑个人档案", Access: httpx.Person}, reg.editMeForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/edit", Summary: "保存个人档案", Access: httpx.Person}, reg.editMe)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/password", Summary: "修改密码", Access: L}, acc.passwordForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/password", Summary: "保存新密码", Access: L}, acc.changePassword)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/inbox", Summary: "消息", Access: L}, inbox.inbox)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/inbox/{id}/read", Summary: "阅读消息", Access: L}, inbox.openMessage)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise", Summary: "企业档案", Access: httpx.Employer}, reg.myEnterprise)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/edit", Summary: "编辑企业档案", Access: httpx.Employer}, reg.editEnterpriseForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/edit", Summary: "保存企业档案", Access: httpx.Employer}, reg.editEnterprise)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console", Summary: "经办工作台", Access: httpx.Bureau}, reg.console)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}", Summary: "人员档案（明文，记审计）", Access: httpx.Bureau}, reg.consolePerson)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}/edit", Summary: "代办：编辑人员档案", Access: httpx.Bureau}, reg.consolePersonEditForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/persons/{id}/edit", Summary: "代办：保存人员档案", Access: httpx.Bureau}, reg.consolePersonEdit)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/enterprises/{id}", Summary: "企业档案（经办）", Access: httpx.Bureau}, reg.consoleEnterprise)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/enterprises/{id}/verify", Summary: "核验企业", Access: httpx.Bureau}, reg.verifyEnterprise)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}/password-reset", Summary: "代为重置人员密码（核对身份）", Access: httpx.Bureau}, acc.resetFor(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/persons/{id}/password-reset", Summary: "代为重置人员密码：生成临时密码，下次登录须修改（记审计）", Access: httpx.Bureau}, acc.resetFor(true))
	// 就业政策通: /me/policies* and /me/applications* are for persons and
	// employers; authoring for staff and admins; decisions and payouts for
	// reviewers and admins (the app checks the same account functions).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/policies", Summary: "政策列表", Access: P}, pol.policyList)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/policies/check", Summary: "政策计算器", Access: P}, pol.policyCheckForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/policies/check", Summary: "政策测算结果", Access: P}, pol.policyCheck)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/policies/{id}", Summary: "政策详情与我是否符合", Access: P}, pol.policyDetail)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/policies/{id}/apply", Summary: "申请政策（附材料）", Access: httpx.PolicySubject}, pol.applyPolicy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/policies/{id}/publicity", Summary: "公示名单（?format=xlsx 导出）", Access: P}, pol.publicity)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/policies", Summary: "我的政策红包", Access: httpx.PolicySubject}, pol.myPolicies)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/policies/answers", Summary: "保存政策问卷", Access: httpx.PolicySubject}, pol.savePolicyAnswers)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/applications", Summary: "我的申请", Access: httpx.PolicySubject}, pol.myApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/applications/{id}", Summary: "申请进度", Access: httpx.PolicySubject}, pol.myApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/applications/{id}/resubmit", Summary: "补充材料重新提交", Access: httpx.PolicySubject}, pol.resubmitApplication)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/uploads/{id}", Summary: "下载申请材料（申请人或经办）", Access: L}, pol.download)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/policies", Summary: "政策与发放统计", Access: httpx.Bureau}, pol.consolePolicies)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/policies/new", Summary: "新建政策", Access: httpx.PolicyAuthor}, pol.newPolicyForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/policies/new", Summary: "保存新政策或预览", Access: httpx.PolicyAuthor}, pol.savePolicyForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/policies/suggest", Summary: "粘贴原文智能识别", Access: httpx.Bureau}, pol.suggestPolicyForm)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/policies/{id}/edit", Summary: "编辑政策（条件构建器）", Access: httpx.PolicyAuthor}, pol.editPolicyForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/policies/{id}/edit", Summary: "保存政策新版本或预览", Access: httpx.PolicyAuthor}, pol.savePolicyForm)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/applications", Summary: "政策申请审核列表（?format=xlsx 导出）", Access: httpx.Bureau}, pol.consoleApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/applications/{id}", Summary: "政策申请详情", Access: httpx.Bureau}, pol.consoleApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/applications/{id}/decide", Summary: "审核政策申请", Access: httpx.PolicyReviewer}, pol.decideApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/payouts", Summary: "登记发放批次", Access: httpx.PolicyReviewer}, pol.payouts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/grants", Summary: "确认免申即享并发放", Access: httpx.PolicyReviewer}, pol.grants)
	// 零工经纪人: finding gigs is public; signing up and /me/gig* are the
	// worker's; /gig-posts*, /gig-shifts* and the employer's /gig-signups*
	// actions are the employer's, an enterprise's or a person's hiring for
	// themselves (个人用工; ownership and verification checked by the
	// app); the review queue is for reviewers and admins.
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gigs", Summary: "附近的零工", Access: P}, gp.gigsPage)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gigs/{id}", Summary: "零工详情与报名", Access: P}, gp.gigDetail)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gigs/{id}/signup", Summary: "报名零工（一个班次或全部）", Access: httpx.Person}, gp.signUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/gigs", Summary: "我的零工报名", Access: httpx.Person}, gp.myGigs)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/gig-signups/{id}/cancel", Summary: "取消零工报名", Access: httpx.Person}, gp.cancelSignup)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/gig-profile", Summary: "我的零工资料", Access: httpx.Person}, gp.profileForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/gig-profile", Summary: "保存零工资料", Access: httpx.Person}, gp.saveProfile)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gig-posts", Summary: "零工管理：本企业（或个人用工）的零工；个人在此申请个人用工", Access: httpx.GigPoster}, gop.enterpriseGigs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gig-posts/new", Summary: "发布零工", Access: httpx.GigPoster}, gop.newGigForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-posts/new", Summary: "提交零工、推荐工种或检查内容", Access: httpx.GigPoster}, gop.newGig)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gig-posts/{id}/edit", Summary: "修改零工", Access: httpx.GigPoster}, gop.editGigForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-posts/{id}/edit", Summary: "提交零工修改、推荐工种或检查内容", Access: httpx.GigPoster}, gop.editGig)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-posts/{id}/status", Summary: "关闭零工", Access: httpx.GigPoster}, gop.gigStatus)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gig-posts/{id}/signups", Summary: "零工报名名单（?format=xlsx 导出报名与报酬记录）", Access: httpx.GigPoster}, gop.gigSignups)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-signups/{id}/decision", Summary: "录用或拒绝零工报名", Access: httpx.GigPoster}, gop.decideSignup)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gigs/checkin", Summary: "零工签到/签退（扫码或输入签到码）", Access: httpx.Person}, gp.checkinForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gigs/checkin", Summary: "提交签到/签退", Access: httpx.Person}, gp.checkIn)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/gig-signups/{id}/receipt", Summary: "确认实收报酬或提出异议", Access: httpx.Person}, gp.receipt)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-signups/{id}/rating", Summary: "完工后评价对方", Access: L}, gp.rateSignup)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/gig-shifts/{id}/checkin", Summary: "出示班次签到码（二维码和 6 位数字）", Access: httpx.GigPoster}, gop.checkinCodePage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-signups/{id}/complete", Summary: "确认完工并登记实付", Access: httpx.GigPoster}, gop.completeSignup)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-signups/{id}/no-show", Summary: "登记未到岗", Access: httpx.GigPoster}, gop.noShowSignup)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gig-signups/{id}/statement", Summary: "对报酬争议的说明", Access: httpx.GigPoster}, gop.statementSignup)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/gigs/{id}/signup-for", Summary: "零工驿站代为报名（按手机号或身份证号，记审计）", Access: httpx.GigStation}, gop.signUpFor)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/gigs/station", Summary: "零工驿站当日班次表（可打印，?format=xlsx 导出）", Access: httpx.GigStation}, gop.stationDay)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/outcomes", Summary: "跟踪评估：按服务月份、服务内容、话务员、培训机构统计 3/6/12 个月就业率（?format=xlsx 导出），导入社保缴费记录", Access: httpx.Casework}, op.report)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/outcomes/insurance", Summary: "导入社保缴费记录（.xlsx/.csv，逐行错误报告）", Access: httpx.Casework}, op.importInsurance)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/outcomes/insurance-template.xlsx", Summary: "下载社保缴费记录导入模板", Access: httpx.Casework}, op.insuranceTemplate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/outcomes/imports/{id}/errors.xlsx", Summary: "下载社保缴费记录导入错误报告", Access: httpx.Casework}, op.insuranceErrors)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/persons/{id}/outcomes", Summary: "人员就业跟踪：服务记录、回访、就业记录（记审计）", Access: httpx.Casework}, op.personOutcomes)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/persons/{id}/outcomes", Summary: "登记就业情况", Access: httpx.Casework}, op.recordOutcome)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/gig-employer", Summary: "申请个人用工（个人发布零工须经核验）", Access: httpx.Person}, gop.applyEmployer)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/gigs/employers", Summary: "个人用工核验", Access: httpx.GigStation}, gop.employersPage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/gig-employers/{id}/decision", Summary: "核验个人用工：通过/不通过（记审计）", Access: httpx.GigStation}, gop.decideEmployer)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/gigs/disputes", Summary: "零工报酬争议", Access: httpx.GigStation}, gop.disputesPage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/gig-signups/{id}/resolve", Summary: "裁定零工报酬争议", Access: httpx.GigStation}, gop.resolveDispute)
	// 话务中心: the agent's screen, contacts, referrals, follow-ups, queues, scripts.
	CW, CS := httpx.Casework, httpx.CaseSupervisor
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework", Summary: "话务工作台：按手机号或身份证号查找来电人员、我的待跟进", Access: CW}, cw.home)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/next", Summary: "接下一位：打开我最紧急的待跟进人员", Access: CW}, cw.next)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/persons/{id}", Summary: "话务工作台：人员一屏（通话要点、简历诊断、推荐岗位、可申领政策、申请、联系与跟进；记审计）", Access: CW}, cw.overview)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/persons/{id}/reveal", Summary: "显示人员完整身份证号和手机号（须说明原因，记审计）", Access: CW}, cw.reveal)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/persons/{id}/refer", Summary: "推荐就业：代为投递岗位（记录本人同意，记审计）", Access: CW}, cw.refer)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/persons/{id}/send-policy", Summary: "把政策详情发到求职者站内消息", Access: CW}, cw.sendPolicy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/persons/{id}/reassign", Summary: "班组长转交人员案件", Access: CS}, cw.reassignCase)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/contacts", Summary: "记录联系（电话、走访、微信、来访；个人或企业）", Access: CW}, cw.logContact)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/followups", Summary: "安排跟进", Access: CW}, cw.scheduleFollowUp)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/followups/{id}/close", Summary: "完成或取消跟进", Access: CW}, cw.closeFollowUp)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/followups/{id}/reassign", Summary: "班组长转交跟进", Access: CS}, cw.reassignFollowUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/team", Summary: "班组跟进队列与话务员工作量", Access: CS}, cw.team)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/agents/{id}", Summary: "设置话务员班组与班组长（管理员）", Access: httpx.Admin}, cw.setAgent)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/enterprises/{id}", Summary: "企业服务记录：联系、采集的岗位、推荐就业与录用；记录联系、采集岗位、安排跟进", Access: CW}, cw.enterprise)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/vacancies", Summary: "采集企业岗位为草稿（或识别职业），通知企业确认", Access: CW}, cw.collectVacancy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/vacancies/{id}/publish", Summary: "经企业同意代为发布采集的岗位（记录同意，记审计）", Access: CW}, cw.publishVacancy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/vacancies/{id}/withdraw", Summary: "撤回采集的岗位草稿", Access: CW}, cw.withdrawVacancy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/reviews", Summary: "联系记录质检：本人的评分；班组长抽样并评分（?week=）", Access: CW}, cw.reviews)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/reviews/sample", Summary: "随机抽取一周的联系记录质检", Access: CS}, cw.sampleReviews)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/reviews/{id}", Summary: "质检评分与评语", Access: CS}, cw.scoreReview)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/loans/new", Summary: "申请青创贷", Access: httpx.LoanApplicant}, sp.newLoan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/startup/loans", Summary: "提交青创贷申请", Access: httpx.LoanApplicant}, sp.applyLoan)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/loans", Summary: "我的青创贷", Access: httpx.LoanApplicant}, sp.myLoans)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/loans/{id}", Summary: "青创贷申请：状态、政策匹配、获批后的还款计划和贴息；经办人员的处理", Access: httpx.LoggedIn}, sp.loan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/startup/loans/{id}/withdraw", Summary: "撤回青创贷申请", Access: httpx.LoanApplicant}, sp.withdrawLoan)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup", Summary: "我想创业：可享受的创业政策、青创贷每月实际负担、有空余场地的青创园、正在申报的项目资助（?amount=元&term_months=）", Access: P}, sp.journey)
	// 创业项目资助: calls and 公示 for everyone, applications for persons,
	// the call console for staff, the review pages for experts.
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/funding", Summary: "创业项目资助：申报批次和公示", Access: P}, fp.calls)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/funding/{id}", Summary: "申报批次：条件（本人是否符合）、评分细则、申报表、公示名单", Access: P}, fp.call)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/startup/funding/{id}/apply", Summary: "申报创业项目（附材料）", Access: httpx.FundingApplicant}, fp.apply)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/funding", Summary: "我的创业项目申报", Access: httpx.FundingApplicant}, fp.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/funding", Summary: "创业项目资助批次与开设", Access: httpx.FundingManager}, fp.console)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/funding", Summary: "开设申报批次", Access: httpx.FundingManager}, fp.createCall)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/funding/{id}", Summary: "批次评审：排名（标准化分、分歧标记、拟资助）、分配评审、评审会决定", Access: httpx.FundingManager}, fp.admin)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/funding/{id}/assign", Summary: "分配评审专家", Access: httpx.FundingManager}, fp.assign)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/funding/{id}/decide", Summary: "登记评审会决定并公示", Access: httpx.FundingManager}, fp.decide)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/funding/{id}/scores.xlsx", Summary: "导出专家评分（记审计）", Access: httpx.FundingManager}, fp.scores)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/funding/{id}", Summary: "我的获资助项目：按节点报告、拨付、回访", Access: httpx.FundingApplicant}, fp.grant)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/funding/{id}/milestones/{n}", Summary: "报告拨付节点", Access: httpx.FundingApplicant}, fp.reportMilestone)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/funding/{id}/followups", Summary: "报告 12、24 个月回访", Access: httpx.FundingApplicant}, fp.followUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/grants/{id}", Summary: "获资助项目：审核拨付节点、回访", Access: httpx.FundingManager}, fp.grant)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/grants/{id}/milestones/{n}", Summary: "审核拨付节点：通过并转入发放批次，或退回", Access: httpx.FundingManager}, fp.reviewMilestone)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/grants/{id}/followups", Summary: "记录回访（走访后）", Access: httpx.FundingManager}, fp.followUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/expert/reviews", Summary: "评审专家：我的评审任务", Access: httpx.Expert}, fp.reviews)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/expert/reviews/{id}", Summary: "评审专家：项目、材料、评分表；提交后看其他专家评分", Access: httpx.Expert}, fp.review)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/expert/reviews/{id}/conflict", Summary: "评审专家：声明利益冲突并回避", Access: httpx.Expert}, fp.conflict)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/expert/reviews/{id}/score", Summary: "评审专家：提交评分（只能一次）", Access: httpx.Expert}, fp.score)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/bank/loans", Summary: "合作银行：推荐至本机构的青创贷（登记审批结果和还款）", Access: httpx.LoanWorker}, sp.bankLoans)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/loans", Summary: "青创贷申请队列与合作机构（?format=xlsx&status=all 导出台账，记审计）", Access: httpx.LoanHandler}, sp.loanQueue)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/loans/{id}/actions", Summary: "处理青创贷申请：推荐、不通过、登记银行决定", Access: httpx.LoanWorker}, sp.handleLoan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/loans/{id}/repayments", Summary: "按银行报送登记还款", Access: httpx.LoanWorker}, sp.recordRepayment)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/repayments/import", Summary: "导入银行还款报送（逐行错误）", Access: httpx.LoanWorker}, sp.importRepayments)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/subsidies", Summary: "核定一个已结束季度的青创贷贴息，转入政策发放批次（同一贷款同一季度只核定一次）", Access: httpx.LoanHandler}, sp.claimSubsidies)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/subsidies.xlsx", Summary: "导出一个季度的青创贷贴息台账（?quarter=2026Q1，默认上一季度；记审计）", Access: httpx.LoanHandler}, sp.subsidyLedger)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/banks", Summary: "添加合作银行或担保机构（管理员）", Access: httpx.Admin}, sp.addBank)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/loan-calculator", Summary: "青创贷计算器：每月还款、按季度拨付的贴息、扣除贴息后的负担，及计算方法", Access: httpx.Public}, sp.loanCalculator)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/parks", Summary: "青创园：已认定的青年创业园，有空余场地的在前", Access: httpx.Public}, pk.parkList)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/startup/parks/{id}", Summary: "青创园详情：级别、地址、可入驻空间、服务、在园企业及其在招岗位（申报中的园区不公开）", Access: httpx.Public}, pk.parkPage)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/parks", Summary: "青创园管理：全部园区（?status=applying|recognised）", Access: httpx.ParkManager}, pk.consoleParks)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/parks/new", Summary: "登记青创园", Access: httpx.ParkManager}, pk.newParkForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/parks", Summary: "保存新登记的青创园（所在地按名称选择；记审计）", Access: httpx.ParkManager}, pk.createPark)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/parks/{id}", Summary: "青创园管理页：今年以来的数据、入驻企业、活动、历年考核；登记入驻企业和活动", Access: httpx.ParkManager}, pk.consolePark)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/parks/{id}/edit", Summary: "修改青创园信息", Access: httpx.ParkManager}, pk.editParkForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/parks/{id}/edit", Summary: "保存青创园信息（记审计）", Access: httpx.ParkManager}, pk.saveParkEdit)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/parks/{id}/tenants", Summary: "登记入驻企业（按名称从企业档案中选择，同名多家时列出供选择；记审计）", Access: httpx.ParkManager}, pk.addTenant)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/park-tenants/{id}", Summary: "修改入驻记录：使用空间、带动就业、迁出或毕业", Access: httpx.ParkManager}, pk.tenantForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/park-tenants/{id}", Summary: "保存入驻记录（记审计）", Access: httpx.ParkManager}, pk.saveTenant)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/parks/{id}/events", Summary: "登记园区举办的活动（记审计）", Access: httpx.ParkManager}, pk.addEvent)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/park-events/{id}", Summary: "修改园区活动", Access: httpx.ParkManager}, pk.eventForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/park-events/{id}", Summary: "保存园区活动（记审计）", Access: httpx.ParkManager}, pk.saveEvent)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/startup/parks/{id}/assessment", Summary: "青创园年度考核：按记录计算的在园企业、带动就业、活动、入驻率，及考核表（?year=，默认上一年）", Access: httpx.ParkManager}, pk.assessmentForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/startup/parks/{id}/assessment", Summary: "保存年度考核（每园每年一份，已有的 409；revise=1 修改；记审计）", Access: httpx.ParkManager}, pk.saveAssessment)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/internships", Summary: "就业见习基地：已认定的基地、每年见习岗位数、见习职业和留用率", Access: P}, ip.bases)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/internships/bases/{id}", Summary: "见习基地页：基本情况、留用率、招聘中的见习岗位；工作人员另见认定、暂停、退回和见习人员、补贴台账；本基地的企业账号另见全部（未认定的仅二者可见）", Access: P}, ip.base)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/internship", Summary: "就业见习：本企业的见习基地、已录用待开始见习的申请人、见习人员、补贴台账和申领", Access: httpx.Employer}, ip.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/internship/apply", Summary: "申请认定就业见习基地", Access: httpx.Employer}, ip.applyForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/internship/apply", Summary: "提交见习基地申请（见习职业按名称填写；记审计）", Access: httpx.Employer}, ip.apply)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/internship/start", Summary: "为已录用的见习岗位申请人开始见习（开始日期、见习月数不超过补贴最长月数；记审计）", Access: httpx.Employer}, ip.start)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/internship/interns/{id}", Summary: "见习记录：每个见习月是否完成见习、见习结束和留用（本基地的企业账号）", Access: httpx.Employer}, ip.intern)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/internship/interns/{id}/months", Summary: "记录一个已结束的见习月是否完成见习（已申领的月份不能修改；记审计）", Access: httpx.Employer}, ip.month)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/internship/interns/{id}/finish", Summary: "登记见习结束和是否留用（记审计）", Access: httpx.Employer}, ip.finish)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/internship/claims", Summary: "申领一个月份的就业见习补贴（同一月份只能申领一次；经人社部门审核、发放；记审计）", Access: httpx.Employer}, ip.claim)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/internship", Summary: "就业见习基地管理（?status=applying|designated|suspended|returned）", Access: httpx.InternshipManager}, ip.consoleBases)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/internship/bases/{id}/designate", Summary: "认定见习基地（申请中或已暂停的；记审计）", Access: httpx.InternshipManager}, ip.move(internship.MoveDesignate))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/internship/bases/{id}/suspend", Summary: "暂停见习基地，须填理由（记审计）", Access: httpx.InternshipManager}, ip.move(internship.MoveSuspend))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/internship/bases/{id}/return", Summary: "退回见习基地申请，须填理由（记审计）", Access: httpx.InternshipManager}, ip.move(internship.MoveReturn))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/internship/bases.xlsx", Summary: "导出就业见习基地（Excel；记审计）", Access: httpx.InternshipManager}, ip.export("bases"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/internship/interns.xlsx", Summary: "导出就业见习人员（Excel；记审计）", Access: httpx.InternshipManager}, ip.export("interns"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/internship/ledger.xlsx", Summary: "导出就业见习补贴台账：每个基地每月的见习月、可申领金额、申领和发放（Excel；记审计）", Access: httpx.InternshipManager}, ip.export("ledger"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/training/providers", Summary: "培训和评价机构：已认定的机构及其认定范围（?kind=institution|enterprise|evaluator）", Access: P}, tr.providerList)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/training/providers/{id}", Summary: "机构页：认定范围、公开的培训班；工作人员另见认定、暂停、恢复；本机构的企业账号另见全部培训班（未认定、已暂停的机构仅二者可见）", Access: P}, tr.provider)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/training/classes", Summary: "找培训：已备案的培训班，按职业名称、培训类型、地点、开班日期、免费或可申请补贴查找（分页）", Access: P}, tr.classSearch)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/training/classes/{id}", Summary: "培训班详情：上课安排、培训费、补贴标准；工作人员可备案或退回；未备案的仅本机构和工作人员可见", Access: P}, tr.class)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training", Summary: "职业培训：本企业的培训（评价）机构及其培训班", Access: httpx.Employer}, tr.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/apply", Summary: "申请认定为培训（评价）机构", Access: httpx.Employer}, tr.applyForm(false))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/apply", Summary: "提交认定申请（范围按职业名称和等级填写；记审计）", Access: httpx.Employer}, tr.apply(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/providers/{id}/classes/new", Summary: "开设培训班（机构须已认定，职业和等级须在认定范围内）", Access: httpx.Employer}, tr.classForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/providers/{id}/classes", Summary: "提交开班备案（记审计）", Access: httpx.Employer}, tr.openClass)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/providers", Summary: "培训机构管理（?status=applying|designated|suspended）", Access: httpx.TrainingManager}, tr.consoleProviders)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/providers/new", Summary: "登记培训（评价）机构（工作人员登记即认定）", Access: httpx.TrainingManager}, tr.applyForm(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/providers", Summary: "保存登记的机构（记审计）", Access: httpx.TrainingManager}, tr.apply(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/providers/{id}/designate", Summary: "认定机构（记审计）", Access: httpx.TrainingManager}, tr.providerStatus("designate"))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/providers/{id}/suspend", Summary: "暂停机构，须填理由；暂停期间不能开班（记审计）", Access: httpx.TrainingManager}, tr.providerStatus("suspend"))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/providers/{id}/reinstate", Summary: "恢复认定（记审计）", Access: httpx.TrainingManager}, tr.providerStatus("reinstate"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/classes", Summary: "开班备案：培训班列表（?status=pending|approved|returned|all，默认待备案）", Access: httpx.TrainingManager}, tr.consoleClasses)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/classes/{id}/approve", Summary: "同意开班备案（须在开班前；补贴标准按开班日期重新查定；记审计）", Access: httpx.TrainingManager}, tr.reviewClass(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/classes/{id}/return", Summary: "退回开班申请，须填理由（记审计）", Access: httpx.TrainingManager}, tr.reviewClass(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/classes.xlsx", Summary: "导出培训班（Excel；?status=；记审计）", Access: httpx.TrainingManager}, tr.exportClasses)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/outcomes", Summary: "培训效果：各机构、各培训班结业后 3/6/12 个月就业率、取证率、已拨付补贴和每就业一人的补贴（?from=&to= 结业日期）", Access: httpx.TrainingManager}, tr.outcomesReport)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/outcomes.xlsx", Summary: "导出培训效果（Excel；每班一行，另有机构合计和总计）", Access: httpx.TrainingManager}, tr.exportOutcomes)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/activities", Summary: "活动日历：青年夜校、讲座、体验活动、招聘会、劳务协作、职业启蒙、创业导师坐诊（按类型、地点、系列、日期、有无名额筛选）", Access: P}, ac.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/activities/{id}", Summary: "活动详情：场次、名额、报名条件和时间、分配方式；个人可报名、取消、确认候补名额、评价；工作人员另见管理", Access: P}, ac.show)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/activities/{id}/signup", Summary: "报名（先到先得：报名成功或候补；抽签：登记）", Access: httpx.Person}, ac.signUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/activities/{id}/lottery", Summary: "抽签公示：种子哈希、种子、名单哈希、抽签顺序（姓名打码）和复算规则", Access: P}, ac.lottery)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/activities/checkin", Summary: "活动签到（现场二维码打开此页，签到码已填好；也可手动输入）", Access: httpx.Person}, ac.checkinForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/activities/checkin", Summary: "提交签到", Access: httpx.Person}, ac.checkin)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/activity-signups/{id}/cancel", Summary: "取消报名（本人；工作人员代取消记审计）", Access: L}, ac.signupAction("cancel"))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/activity-signups/{id}/confirm", Summary: "确认候补到位的名额", Access: httpx.Person}, ac.signupAction("confirm"))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/activity-signups/{id}/feedback", Summary: "活动后评价（1–5 分和文字）", Access: httpx.Person}, ac.signupAction("feedback"))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/activities", Summary: "我的活动", Access: httpx.Person}, ac.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/activities.ics", Summary: "我的活动（iCalendar，导入手机日历）", Access: httpx.Person}, ac.ics)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities", Summary: "活动管理：全部活动（含已结束、已取消）", Access: httpx.ActivityManager}, ac.consoleList)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/calendar/{token}", Summary: "个人活动日历订阅地址（iCalendar；地址即凭据，只属于本人）", Access: P}, ac.feed)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/night-school", Summary: "青年夜校：本学期和下学期的课程（按系列）", Access: P}, ac.nightSchool)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities.xlsx", Summary: "导出全部活动（Excel；记审计）", Access: httpx.ActivityManager}, ac.exportList)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities/new", Summary: "发布活动", Access: httpx.ActivityManager}, ac.newForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/activities", Summary: "保存并发布活动（记审计）", Access: httpx.ActivityManager}, ac.save(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities/{id}/edit", Summary: "修改活动", Access: httpx.ActivityManager}, ac.editForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/activities/{id}", Summary: "保存修改（名额不少于已获名额人数；记审计）", Access: httpx.ActivityManager}, ac.save(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/activities/{id}/cancel", Summary: "取消活动（须填原因，通知所有报名的人；记审计）", Access: httpx.ActivityManager}, ac.cancel)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/activities/{id}/draw", Summary: "报名截止后立即抽签", Access: httpx.ActivityManager}, ac.draw)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities/{id}/roster", Summary: "报名名单：状态、顺序、签到、评价；代签到、代取消", Access: httpx.ActivityManager}, ac.roster)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activities/{id}/roster.xlsx", Summary: "导出报名名单（Excel；记审计）", Access: httpx.ActivityManager}, ac.rosterSheet)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/activity-signups/{id}/attendance", Summary: "在名单上代签到（记审计）", Access: httpx.ActivityManager}, ac.markAttendance)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/activity-sessions/{id}/code", Summary: "场次签到码和二维码（现场出示）", Access: httpx.ActivityManager}, ac.sessionCode)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/counselling", Summary: "心理咨询：心理援助热线、可预约的时段", Access: P}, cp.public)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/counselling/slots/{id}", Summary: "预约一个咨询时段（可写想聊什么，只有咨询师能看到）", Access: P}, cp.slot)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/counselling/slots/{id}/book", Summary: "提交预约（时段已被约 409）", Access: httpx.Person}, cp.book)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/counselling", Summary: "我的心理咨询：时间、方式、地点、状态（不含咨询记录）", Access: httpx.Person}, cp.mine)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/counselling/bookings/{id}/cancel", Summary: "取消预约（来访者本人或该咨询师；开始前）", Access: L}, cp.cancel)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/counsel", Summary: "咨询工作台：我的预约和时段（咨询师）", Access: httpx.Counsellor}, cp.desk)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/counsel/slots", Summary: "开放咨询时段（可连续几周；与已有时段重叠的拒绝）", Access: httpx.Counsellor}, cp.addSlots)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/counsel/slots/{id}/cancel", Summary: "撤回未被预约的时段", Access: httpx.Counsellor}, cp.withdrawSlot)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/counsel/bookings/{id}", Summary: "一条咨询记录（仅该咨询师；查看记审计；其他人 404 并记审计）", Access: httpx.Counsellor}, cp.record)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/counsel/bookings/{id}", Summary: "保存咨询记录（加密）和是否到场", Access: httpx.Counsellor}, cp.saveNotes)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/counselling", Summary: "心理咨询统计：每位咨询师的时段和预约数（不含人和内容）；管理员另见紧急查看", Access: httpx.CounselSupervisor}, cp.console)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/counselling.xlsx", Summary: "导出心理咨询统计（Excel；只有数字）", Access: httpx.CounselSupervisor}, cp.countsSheet)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/counselling/break-glass", Summary: "紧急查看一条咨询记录：须写理由，记审计并通知咨询师（仅管理员）", Access: httpx.Admin}, cp.breakGlass)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/training/classes/{id}/enrol", Summary: "报名已备案的培训班（开课前、名额未满、不与已报名的班时间冲突；记审计，发站内消息）", Access: httpx.Person}, tr.enrolClass)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/training/classes/{id}/withdraw", Summary: "取消报名（开课前；记审计）", Access: httpx.Person}, tr.withdrawClass)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/training", Summary: "我的培训：报名的培训班、每次课的出勤和出勤率", Access: httpx.Person}, tr.myTraining)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/training/checkin", Summary: "培训签到（扫码打开，或输入 6 位签到码）", Access: httpx.Person}, tr.checkinForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/training/checkin", Summary: "提交培训签到（仅上课当天、仅已报名的班；记审计）", Access: httpx.Person}, tr.checkIn)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/classes/{id}/roster", Summary: "学员名单和每次课的考勤（本机构的企业账号；?s= 选择一次课；记审计）", Access: httpx.Employer}, tr.roster(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/classes/{id}/roster.xlsx", Summary: "导出学员名单和考勤（Excel；记审计）", Access: httpx.Employer}, tr.exportRoster)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/sessions/{id}/code", Summary: "出示一次课的签到码（二维码和 6 位数字）", Access: httpx.Employer}, tr.sessionCode(false))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/sessions/{id}/attendance", Summary: "更正考勤：登记学员出勤或缺勤，须填理由（记审计）", Access: httpx.Employer}, tr.correctAttendance(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/classes/{id}/import", Summary: "导入学员名单（Excel/CSV：身份证号、姓名、手机号）", Access: httpx.Employer}, tr.importForm(false))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/classes/{id}/import", Summary: "上传学员名单：正确的行报名，有误的行列出行号、列和原因；文件无法读取时不导入任何学员（记审计）", Access: httpx.Employer}, tr.importTrainees(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/trainees-template.xlsx", Summary: "下载学员名单导入模板", Access: httpx.Employer}, tr.traineeTemplate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/classes/{id}", Summary: "培训班的学员名单和考勤（工作人员；?s= 选择一次课；记审计）", Access: httpx.TrainingManager}, tr.roster(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/classes/{id}/roster.xlsx", Summary: "导出学员名单和考勤（Excel；记审计）", Access: httpx.TrainingManager}, tr.exportRoster)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/sessions/{id}/attendance", Summary: "工作人员更正考勤，须填理由（记审计）", Access: httpx.TrainingManager}, tr.correctAttendance(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/classes/{id}/import", Summary: "工作人员代培训机构导入学员名单（Excel/CSV：身份证号、姓名、手机号）", Access: httpx.TrainingManager}, tr.importForm(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/classes/{id}/import", Summary: "上传学员名单：正确的行报名，有误的行列出行号、列和原因；文件无法读取时不导入任何学员（记审计）", Access: httpx.TrainingManager}, tr.importTrainees(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/trainees-template.xlsx", Summary: "下载学员名单导入模板", Access: httpx.TrainingManager}, tr.traineeTemplate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/sessions/{id}/code", Summary: "出示一次课的签到码（二维码和 6 位数字；工作人员在现场代为出示）", Access: httpx.TrainingManager}, tr.sessionCode(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/classes/{id}/edit", Summary: "修改待备案或已退回的培训班（本机构的企业账号；已备案的不能修改）", Access: httpx.Employer}, tr.editClassForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/classes/{id}/edit", Summary: "提交修改后的培训班，重新待备案（记审计）", Access: httpx.Employer}, tr.updateClass)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/certificates/verify", Summary: "证书核验：按证书编号和持证人姓名查询职业技能等级证书（只显示职业、等级、发证机构、发证日期，不显示身份证号；编号不存在与姓名不符回答相同；按 IP 限频）", Access: P}, ce.verify)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/certificates/{id}", Summary: "可打印的职业技能等级证书，附核验二维码（持证人本人和工作人员；工作人员查看记审计；其他人 404）", Access: L}, ce.certificate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/certificates", Summary: "我的证书：评价机构在本平台颁发的职业技能等级证书", Access: httpx.Person}, ce.myCertificates)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/certificates", Summary: "职业技能等级证书（按职业、等级、发证机构、发证日期查询，分页）", Access: httpx.TrainingManager}, ce.consoleCertificates)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/certificates.xlsx", Summary: "导出职业技能等级证书（Excel，身份证号脱敏；按当前筛选；记审计）", Access: httpx.TrainingManager}, ce.exportCertificates)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/certificates", Summary: "技能评价：本企业的评价机构及其评价场次", Access: httpx.Employer}, ce.sittings)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/certificates/providers/{id}/sittings/new", Summary: "安排评价（本企业已认定的评价机构；职业和等级须在认定范围内）", Access: httpx.Employer}, ce.sittingForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/certificates/providers/{id}/sittings", Summary: "保存评价安排（超出认定范围、日期早于今天等在字段旁说明；记审计）", Access: httpx.Employer}, ce.scheduleSitting)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/certificates/sittings/{id}", Summary: "评价场次：考生、成绩、发证（本机构的企业账号；其他人 404；查看考生记审计）", Access: httpx.Employer}, ce.sitting)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/certificates/sittings/{id}/candidates", Summary: "登记考生：整班登记同职业同等级已备案培训班的在册学员，或按身份证号和姓名登记一人（评价日前；记审计）", Access: httpx.Employer}, ce.addCandidates)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/certificates/sittings/{id}/results", Summary: "登记成绩（评价当天起；合格不低于 60 分，缺考不填成绩；非本场考生不能登记；记审计）", Access: httpx.Employer}, ce.recordResults)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/certificates/sittings/{id}/import", Summary: "导入成绩（Excel/CSV：身份证号、姓名、结果、成绩）：正确的行登记，有误的行列出行号、列和原因（记审计）", Access: httpx.Employer}, ce.importResults)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/certificates/results-template.xlsx", Summary: "下载成绩导入模板", Access: httpx.Employer}, ce.resultTemplate)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/certificates/sittings/{id}/issue", Summary: "向合格考生发放职业技能等级证书（编号留空自动生成，已被使用的编号不能重复；发站内消息；记审计）", Access: httpx.Employer}, ce.issue)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/classes/{id}/claim", Summary: "申领培训补贴：结课后逐一列出每位学员的五项核查（开班前报名、出勤率、取证或考核合格、补贴对象、未重复享受）及理由和金额（本机构的企业账号；记审计）", Access: httpx.Employer}, cl.check)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/classes/{id}/claim", Summary: "提交培训补贴申领（不符合条件的学员不计金额；已有申领时不能重复申领；记审计，发站内消息）", Access: httpx.Employer}, cl.submit)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/claims", Summary: "本企业培训机构的补贴申领", Access: httpx.Employer}, cl.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/training/claims/{id}", Summary: "补贴申领及每位学员的核查结果（本机构的企业账号；记审计）", Access: httpx.Employer}, cl.claim(false))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/training/claims/{id}/resubmit", Summary: "重新核查并提交已退回的补贴申领（记审计）", Access: httpx.Employer}, cl.resubmit)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/claims", Summary: "培训补贴申领（?status=submitted|returned|approved|paid）；审核人员可勾选审核通过的申领登记发放", Access: httpx.Bureau}, cl.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/claims.xlsx", Summary: "导出培训补贴申领（Excel；?status=；记审计）", Access: httpx.Bureau}, cl.export)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/claims/{id}", Summary: "补贴申领及每位学员的核查结果；审核人员可通过或退回（记审计）", Access: httpx.Bureau}, cl.claim(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/claims/{id}/decide", Summary: "审核补贴申领：通过，或退回并填写理由（记审计，发站内消息）", Access: httpx.PolicyReviewer}, cl.decide)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/training/claims/pay", Summary: "登记补贴发放批次（勾选审核通过的申领，填批次号和发放日期；整批成功或都不登记；记审计，发站内消息）", Access: httpx.PolicyReviewer}, cl.pay)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/ledger", Summary: "培训补贴台账：按机构和发放月份汇总已发放的申领、人数和金额（?from=&to=YYYY-MM）", Access: httpx.Bureau}, cl.ledger)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/training/ledger.xlsx", Summary: "导出培训补贴台账（Excel；记审计）", Access: httpx.Bureau}, cl.exportLedger)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/fairs/{id}", Summary: "招聘会（劳务协作）展位：展位图、参会企业及其在招岗位；企业申请展位；工作人员审核展位并看成效（展位、预约、现场投递、意向、录用）", Access: P}, fa.show)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/fairs/{id}/booths", Summary: "企业申请展位（企业须已核验，招聘会开始前；记审计）", Access: httpx.Employer}, fa.apply)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/fairs/{id}/booths/{booth}", Summary: "展位：企业在招岗位；本企业和工作人员另见展位二维码和招聘结果登记", Access: P}, fa.booth)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/fairs/{id}/booths/{booth}/scan", Summary: "扫码投递（展位二维码打开此页）：选择岗位，确认后发送简历", Access: P}, fa.scanForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/fairs/{id}/booths/{booth}/scan", Summary: "发送简历：成为标记招聘会的求职申请（同一岗位不能重复投递）", Access: httpx.Person}, fa.scan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/fairs/{id}/booths/{booth}/results", Summary: "企业登记招聘会上达成意向和录用人数（招聘会开始后；可更正；记审计）", Access: httpx.Employer}, fa.results)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/fairs/{id}/results.xlsx", Summary: "导出招聘会各展位的结果（扫码投递、意向、录用；Excel）", Access: httpx.ActivityManager}, fa.resultsSheet)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/fairs/{id}/booths/{booth}/decision", Summary: "审核展位：通过并分配展位号（排、列），或不通过并说明原因（通知企业，记审计）", Access: httpx.ActivityManager}, fa.decide)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/stations", Summary: "劳务工作站与高校联络站；工作人员可登记", Access: P}, st.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/stations/{id}", Summary: "工作站：联系人、组织的活动、报名人次、现场投递和录用人数", Access: P}, st.show)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/stations", Summary: "登记劳务工作站或高校联络站（联系电话加密存储；记审计）", Access: httpx.ActivityManager}, st.create)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/school-visits", Summary: "职业启蒙：职业学校实训室、每周开放时段和今后两周（?from= 翻页，至多 90 天）的空闲时段；学校用户可点选预约", Access: P}, sv.calendar)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/school-visits/book", Summary: "预约参观（学校用户）：实训室、日期、时段、年级、班级、人数、带队老师和手机号", Access: httpx.SchoolBooker}, sv.bookForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/school-visits/bookings", Summary: "提交预约（时段已被预约 409；人数超过容纳、日期不在明天至 90 天内、该日没有该时段 422；记审计）", Access: httpx.SchoolBooker}, sv.book)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/school-visits/bookings/{id}/cancel", Summary: "取消预约（本校用户；工作人员须填原因并通知学校；记审计）", Access: httpx.SchoolVisits}, sv.cancel)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/school-visits", Summary: "我校的参观预约", Access: httpx.SchoolBooker}, sv.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/school-visits.xlsx", Summary: "导出我校的参观预约（Excel；记审计）", Access: httpx.SchoolBooker}, sv.sheet)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/school-visits", Summary: "职业启蒙参观预约：全部学校的预约（按状态、实训室、日期筛选）和实训室", Access: httpx.VisitManager}, sv.console)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/school-visits.xlsx", Summary: "导出参观预约（Excel，含老师手机号；记审计）", Access: httpx.VisitManager}, sv.sheet)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/school-visits/rooms/new", Summary: "添加实训室", Access: httpx.VisitManager}, sv.newRoom)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/school-visits/rooms", Summary: "保存新实训室：名称、容纳人数、介绍、每周开放时段（记审计）", Access: httpx.VisitManager}, sv.saveRoom(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/school-visits/rooms/{id}/edit", Summary: "修改实训室", Access: httpx.VisitManager}, sv.editRoom)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/school-visits/rooms/{id}", Summary: "保存实训室（已有预约不受时段修改影响；记审计）", Access: httpx.VisitManager}, sv.saveRoom(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/employment", Summary: "就业情况回访：告诉服务中心我现在的情况", Access: httpx.Person}, op.myEmployment)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/employment", Summary: "提交就业情况回访", Access: httpx.Person}, op.answerEmployment)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/vacancy-drafts", Summary: "就业服务中心为本企业整理、待确认的岗位", Access: httpx.Employer}, cw.myDrafts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/vacancy-drafts/{id}/decline", Summary: "不需要发布整理的岗位", Access: httpx.Employer}, cw.declineDraft)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/casework/scripts", Summary: "话术", Access: CW}, cw.scripts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/casework/scripts", Summary: "修改话术（班组长、管理员）", Access: CS}, cw.saveScript)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/contacts", Summary: "我的服务记录（不含工作人员备注）", Access: httpx.Person}, cw.myContacts)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/gigs/review", Summary: "零工审核（含筛查结果）", Access: httpx.PostReviewer}, gop.reviewGigsPage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/gigs/{id}/review", Summary: "审核零工：通过/不通过", Access: httpx.PostReviewer}, gop.reviewGig)
	// 网谷智聘: search and post pages are public; /enterprise/jobs* are the
	// employer's (ownership checked by the app); the review queue is for
	// reviewers and admins (checked by the app).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/jobs", Summary: "找工作：岗位搜索", Access: P}, jp.jobsPage)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/jobs/{id}", Summary: "岗位详情", Access: P}, jp.jobDetail)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/jobs/{id}/save", Summary: "收藏或取消收藏岗位", Access: httpx.Person}, jp.toggleSavedJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/saved-jobs", Summary: "我的收藏（岗位）", Access: httpx.Person}, jp.mySavedJobs)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/jobs/{id}/report", Summary: "举报岗位（每人每岗一次，进入审核队列）", Access: httpx.LoggedIn}, jp.reportJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprises/{id}/jobs", Summary: "招聘单位的在招岗位", Access: P}, jp.enterpriseJobsPage)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs", Summary: "招聘管理：本企业岗位（?format=xlsx 导出）", Access: httpx.Employer}, jp.enterpriseJobs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/import", Summary: "批量导入岗位", Access: httpx.Employer}, imp.jobImportForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/import", Summary: "上传 .xlsx/.csv 批量导入岗位", Access: httpx.Employer}, imp.jobImport)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/classifier", Summary: "识别职业学到的对应（?format=xlsx 导出）", Access: httpx.Bureau}, cls.classifierPage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/classifier/{id}/delete", Summary: "删除一条学到的对应", Access: httpx.Bureau}, cls.removeCorrection)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/import/mapping", Summary: "导入第二步：核对各列对应的字段、预览前 5 行，然后导入", Access: httpx.Employer}, imp.jobImportMapping)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/import/template.xlsx", Summary: "下载岗位导入模板", Access: httpx.Employer}, imp.jobImportTemplate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/job-imports/{id}", Summary: "导入进度与结果（处理中自动刷新）", Access: httpx.Employer}, imp.jobImportResult)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/job-imports/{id}/errors.xlsx", Summary: "下载导入错误报告（本企业，保留 30 天）", Access: httpx.Employer}, imp.jobImportErrors)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/new", Summary: "发布岗位", Access: httpx.Employer}, jp.newJobForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/new", Summary: "提交新岗位或识别职业", Access: httpx.Employer}, jp.newJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/{id}/edit", Summary: "修改岗位", Access: httpx.Employer}, jp.editJobForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/{id}/edit", Summary: "提交岗位修改或识别职业", Access: httpx.Employer}, jp.editJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/{id}/status", Summary: "暂停、恢复招聘或关闭岗位", Access: httpx.Employer}, jp.jobStatus)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/{id}/candidates", Summary: "岗位推荐人才（公开简历，脱敏）", Access: httpx.Employer}, jp.jobCandidates)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/jobs/{id}/candidates/{person_id}/invite", Summary: "邀请求职者投递（站内消息，每岗每人一次，每企业每天限 50 次）", Access: httpx.Employer}, jp.inviteCandidate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/recommendations", Summary: "为您推荐岗位", Access: httpx.Person}, jp.myRecommendations)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/saved-searches", Summary: "我保存的搜索（新岗位提醒）", Access: httpx.Person}, ss.mySavedSearches)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/saved-searches", Summary: "保存搜索并订阅新岗位", Access: httpx.Person}, ss.saveSearch)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/saved-searches/{id}/delete", Summary: "删除保存的搜索", Access: httpx.Person}, ss.deleteSavedSearch)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/jobs/review", Summary: "岗位审核（?format=xlsx 导出）", Access: httpx.PostReviewer}, jp.reviewJobsPage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/jobs/{id}/review", Summary: "审核岗位：通过/不通过", Access: httpx.PostReviewer}, jp.reviewJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/jobs/{id}/reports", Summary: "处理岗位举报：不成立/下架", Access: httpx.PostReviewer}, jp.decideReports)
	// 网谷智聘 applications: persons apply and follow their own; the post's
	// employer reads its applicants and works the pipeline (ownership
	// checked and refusals audited by the app).
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/jobs/{id}/apply", Summary: "申请岗位", Access: httpx.Person}, ja.applyJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/job-applications", Summary: "我的求职（?status=&page=，每页 20 条）", Access: httpx.Person}, ja.myJobApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/job-applications/{id}", Summary: "我的一份求职申请：岗位、状态说明、处理记录、撤回", Access: httpx.Person}, ja.myJobApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/job-applications/{id}/withdraw", Summary: "撤回求职申请", Access: httpx.Person}, ja.withdrawJobApplication)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/jobs/{id}/applicants", Summary: "岗位的求职申请（?status=&page=；?format=xlsx 导出，记审计）", Access: httpx.Employer}, ja.jobApplicants)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/enterprise/job-applications/{id}", Summary: "求职申请详情（简历、处理、记录）", Access: httpx.Employer}, ja.jobApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/enterprise/job-applications/{id}/status", Summary: "处理求职申请", Access: httpx.Employer}, ja.jobApplicationStatus)
	// 网谷智聘 resumes: /me/resume* for the person; the console's copies for
	// bureau personnel (saving is for staff and admins acting for the
	// person, 代办; checked and audited by the app).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/resume", Summary: "我的简历", Access: httpx.Person}, res.myResumeForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/me/resume", Summary: "保存简历或添加一行", Access: httpx.Person}, res.myResumeSave)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/resume/diagnosis", Summary: "简历诊断", Access: httpx.Person}, res.myResumeDiagnosis)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/me/resume/print", Summary: "打印简历", Access: httpx.Person}, res.myResumePrint)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}/resume", Summary: "人员简历（查看记审计；代办编辑）", Access: httpx.Bureau}, res.consoleResumeForm)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/console/persons/{id}/resume", Summary: "代办：保存人员简历", Access: httpx.Bureau}, res.consoleResumeSave)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}/resume/diagnosis", Summary: "人员简历诊断", Access: httpx.Bureau}, res.consoleResumeDiagnosis)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/console/persons/{id}/resume/print", Summary: "打印人员简历", Access: httpx.Bureau}, res.consoleResumePrint)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/admin/users", Summary: "用户管理", Access: httpx.Admin}, acc.adminUsers)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/admin/users", Summary: "新建工作人员账号", Access: httpx.Admin}, acc.adminCreateUser)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/admin/users/{id}/disabled", Summary: "停用/启用账号", Access: httpx.Admin}, acc.adminSetDisabled)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/admin/audit", Summary: "审计日志", Access: httpx.Admin}, acc.adminAudit)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/admin/users/{id}/password-reset", Summary: "代为重置账号密码（核对身份）", Access: httpx.Admin}, acc.resetFor(false))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/admin/users/{id}/password-reset", Summary: "代为重置账号密码：生成临时密码，下次登录须修改（记审计）", Access: httpx.Admin}, acc.resetFor(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/admin/terms", Summary: "用户协议与隐私政策：版本与修改", Access: httpx.Admin}, acc.adminTerms)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/admin/terms", Summary: "发布用户协议与隐私政策新版本（记审计）", Access: httpx.Admin}, acc.adminPublishTerms)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/admin/sms", Summary: "内置短信发件箱（无短信网关时转告验证码，查看记审计）", Access: httpx.Admin}, acc.adminSMS)
	static, _ := fs.Sub(staticFS, "static")
	rt.Mux.Handle("GET /static/", http.StripPrefix("/static/", filesOnly(static, h.notFound, embeddedStatic)))
	rt.Mux.HandleFunc("/", h.notFound)
	return h, nil
}

// ServeHTTP dispatches to the registered routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if mustChangePassword(w, r) {
		return
	}
	h.router.Mux.ServeHTTP(w, r)
}

// Routes lists every page route (for the route×role test).
func (h *Handler) Routes() []httpx.Route { return h.router.Routes }

func (h *Handler) deny(w http.ResponseWriter, r *http.Request, loggedIn bool) {
	if !loggedIn {
		loginFirst(w, r)
		return
	}
	h.render(w, r, http.StatusForbidden, "error", &Page{Title: "无权访问", Message: "您的账号没有访问该页面的权限。", Data: 403})
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusNotFound, "error", &Page{Title: "页面不存在", Message: "您访问的页面不存在。", Data: 404})
}

// filesOnly passes requests for files in fsys to next and answers
// notFound for a directory, so the static files are served but never
// listed.
func filesOnly(fsys fs.FS, notFound http.HandlerFunc, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			notFound(w, r)
			return
		}
		if st, err := fs.Stat(fsys, path.Clean(name)); err == nil && st.IsDir() {
			notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
