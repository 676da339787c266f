package api

import (
	"log/slog"
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/training"
)

// Handler serves /api/v1. It composes one handler type per module (accountAPI,
// registryAPI, jobsAPI, policyAPI, ...), each holding only the app module it
// uses; New wires them and registers every route in one table.
type Handler struct {
	log    *slog.Logger
	router *httpx.Router
}

// New builds the API with every route registered in one place.
func New(a *app.App, log *slog.Logger, authLimiter, verifyLimiter *httpx.Limiter) *Handler {
	h := &Handler{log: log}
	b := base{log: log}
	accounts := &accountAPI{base: b, accounts: a.Accounts, limiter: authLimiter}
	admin := &adminAPI{base: b, accounts: a.Accounts}
	registry := &registryAPI{base: b, registry: a.Registry, limiter: authLimiter}
	inbox := &inboxAPI{base: b, messages: a.Inbox}
	codeTables := &codesAPI{codes: a.Codes}
	jobs := &jobsAPI{base: b, jobs: a.Jobs, saved: a.SavedJobs, reports: a.JobReports, occupations: a.Codes.Occupations, now: a.Now}
	jobApps := &jobAppsAPI{base: b, apps: a.JobApps}
	jobImports := &jobImportsAPI{base: b, imports: a.JobImports}
	savedSearches := &savedSearchAPI{base: b, searches: a.SavedSearches}
	resumes := &resumeAPI{base: b, resumes: a.Resumes}
	policies := &policyAPI{base: b, policies: a.Policies}
	policyApps := &policyAppsAPI{base: b, apps: a.PolicyApps}
	gigsH := &gigsAPI{base: b, gigs: a.Gigs, work: a.GigWork}
	console := &consoleAPI{base: b, console: a.Console}
	cases := &caseworkAPI{base: b, cases: a.Casework}
	startupH := &startupAPI{base: b, startup: a.Startup}
	fundingH := &fundingAPI{base: b, funding: a.Funding}
	trainingH := &trainingAPI{base: b, training: a.Training}
	activities := &activityAPI{base: b, activities: a.Activities}
	counselH := &counselAPI{base: b, counsel: a.Counselling}
	enrolH := &trainingEnrolAPI{trainingAPI: trainingH, enrol: a.TrainingEnrolments}
	trainingOut := &trainingOutcomesAPI{trainingAPI: trainingH, outcomes: a.TrainingOutcomes}
	certs := &certificateAPI{base: b, certs: a.Certificates, limiter: verifyLimiter}
	claimsH := &trainingClaimsAPI{base: b, claims: a.TrainingClaims}
	fairs := &fairAPI{base: b, fairs: a.Fairs}
	stations := &stationAPI{base: b, stations: a.Stations}
	visits := &schoolVisitAPI{base: b, visits: a.SchoolVisits}
	interns := &internshipAPI{base: b, internships: a.Internships}
	outcomes := &outcomesAPI{base: b, outcomes: a.Outcomes}
	rt := &httpx.Router{Mux: http.NewServeMux(), Deny: h.deny}
	h.router = rt
	P, L, B, A := httpx.Public, httpx.LoggedIn, httpx.Bureau, httpx.Admin
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/auth/register", Summary: "注册个人或企业账号（须 sms_code：purpose=register 的短信验证码；consent_version：所同意的 GET /api/v1/terms 版本）", Access: P, Body: app.RegisterInput{}}, accounts.register)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/auth/sms-code", Summary: "发送短信验证码（purpose=register|reset；任何手机号回答相同；同一手机号 60 秒一次、每天 10 次，按 IP 限频）", Access: P, Body: smsCodeInput{}}, accounts.sendSMSCode)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/auth/reset", Summary: "用短信验证码重设密码（验证码 10 分钟内有效、一次有效，错 5 次作废）", Access: P, Body: app.ResetInput{}}, accounts.resetPassword)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/terms", Summary: "现行用户协议与隐私政策（注册时以 version 作为 consent_version）", Access: P}, accounts.terms)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/auth/login", Summary: "登录，返回 Bearer 令牌", Access: P, Body: loginInput{}}, accounts.login)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/auth/logout", Summary: "注销当前令牌", Access: L}, accounts.logout)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me", Summary: "当前用户及其个人/企业档案（本人身份证号、手机号脱敏）", Access: L}, registry.me)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/reveal", Summary: "查看本人完整身份证号和手机号：提交登录密码，登录 5 分钟内可不提交（按 IP 限频，记审计）", Access: httpx.Person, Body: revealInput{}}, registry.revealMe)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/person", Summary: "修改本人档案", Access: httpx.Person, Body: app.PersonInput{}}, registry.updateMyPerson)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/enterprise", Summary: "修改本企业档案", Access: httpx.Employer, Body: app.EnterpriseInput{}}, registry.updateMyEnterprise)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/password", Summary: "修改密码", Access: L, Body: passwordInput{}}, accounts.changePassword)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/inbox", Summary: "站内消息", Access: L}, inbox.inbox)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/inbox/{id}/read", Summary: "标记消息已读", Access: L}, inbox.markRead)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/persons", Summary: "经办人员检索人员（脱敏）", Access: B}, registry.searchPersons)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/persons/{id}", Summary: "查看人员档案（经办人员看完整信息，记审计；本人看脱敏信息，完整信息见 POST /api/v1/me/reveal）", Access: L}, registry.getPerson)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/persons/{id}", Summary: "修改人员档案（本人或代办）", Access: L, Body: app.PersonInput{}}, registry.updatePerson)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/enterprises", Summary: "经办人员检索企业", Access: B}, registry.searchEnterprises)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/enterprises/{id}", Summary: "查看企业档案", Access: L}, registry.getEnterprise)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/enterprises/{id}", Summary: "修改企业档案", Access: L, Body: app.EnterpriseInput{}}, registry.updateEnterprise)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/enterprises/{id}/verify", Summary: "经办人员核验企业", Access: B, Body: verifyInput{}}, registry.verifyEnterprise)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/users", Summary: "用户列表（管理员）", Access: A}, admin.listUsers)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/users", Summary: "新建工作人员账号（管理员）", Access: A, Body: app.NewUserInput{}}, admin.createUser)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/users/{id}/disabled", Summary: "停用或启用账号（管理员）", Access: A, Body: disableInput{}}, admin.setDisabled)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/console/todo", Summary: "经办工作台待办数量（按角色：待审核岗位、待审核零工、待核验企业、待审核申请、免申即享待确认、待发放、退回待补材料），各带筛选好的队列链接", Access: B}, console.todo)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/console/policy-trend", Summary: "近 12 个月每月政策申请、通过、发放笔数（北京时间自然月）", Access: B}, console.policyTrend)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/outcomes/cohorts", Summary: "跟踪评估队列报告（?kind=callcentre|referral|training&from=&to=YYYY-MM-DD&group_by=month|topic|agent|provider）：3/6/12 个月就业率（仅计已满期限的人数）、95% 置信区间、就业天数中位数、常见工资区间，样本少于 30 人标注", Access: httpx.Casework}, outcomes.cohorts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/outcomes/insurance", Summary: "导入社保缴费记录：multipart（字段 file）或请求体即文件（?filename=）；列：身份证号、单位统一社会信用代码、首次缴费月份、最后缴费月份；201 返回写入条数和逐行错误", Access: httpx.Casework}, outcomes.importInsurance)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/outcomes/insurance-imports/{id}", Summary: "社保缴费记录导入结果与逐行错误", Access: httpx.Casework}, outcomes.insuranceImport)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/outcomes/persons/{id}", Summary: "人员就业跟踪：服务记录、就业情况（含来源）、3/6/12 个月回访（记审计）", Access: httpx.Casework}, outcomes.personOutcomes)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/outcomes/persons/{id}", Summary: "登记就业情况（来源 agent 话务员回访、self 本人答复、employer 用人单位确认）", Access: httpx.Casework, Body: app.OutcomeInput{}}, outcomes.recordOutcome)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/audit", Summary: "审计日志（管理员；?action=&object_type=&object_id=&actor=&from=&to=（北京时间日期，含起止日）&before=&page_size=；含操作人姓名）", Access: A}, admin.listAudit)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/persons/{id}/password-reset", Summary: "代为重置人员密码（经办核对身份证件后；返回一次性显示的临时密码，下次登录须修改，记审计）", Access: B, Body: resetForInput{}}, admin.resetPasswordFor(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/users/{id}/password-reset", Summary: "代为重置账号密码（管理员；同上）", Access: A, Body: resetForInput{}}, admin.resetPasswordFor(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/policies", Summary: "政策列表（?category=）", Access: P}, policies.listPolicies)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/policies/match", Summary: "政策测算：逐条说明符合/不符合及差一点的条件", Access: P, Body: app.MatchInput{}}, policies.matchPolicies)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/policies/{id}", Summary: "政策详情", Access: P}, policies.getPolicy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/policies/{id}/publicity", Summary: "公示名单（姓名脱敏）", Access: P}, policyApps.publicity)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/policies/{id}/applications", Summary: "申请政策（JSON 或 multipart，materials 为附件）", Access: httpx.PolicySubject}, policyApps.applyPolicy)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/policies/{id}", Summary: "经办人员保存政策新版本", Access: httpx.PolicyAuthor, Body: app.PolicyDraft{}}, policies.savePolicy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/policies/{id}/preview", Summary: "用测试画像预览政策草稿", Access: httpx.PolicyAuthor, Body: app.PolicyDraft{}}, policies.previewPolicy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/policy-suggestions", Summary: "根据政策原文建议分类与条件", Access: B, Body: suggestInput{}}, policies.suggestPolicy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/policies", Summary: "我的政策红包：可申请/差一点/不符合", Access: httpx.PolicySubject}, policies.myPolicies)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/policy-answers", Summary: "填写政策问卷（补充档案以外的条件）", Access: httpx.PolicySubject}, policies.savePolicyAnswers)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/applications", Summary: "我的政策申请", Access: httpx.PolicySubject}, policyApps.myApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/applications", Summary: "申请审核列表（经办）", Access: B}, policyApps.listApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/applications/{id}", Summary: "申请详情（申请人或经办）", Access: L}, policyApps.getApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/applications/{id}/decision", Summary: "审核：通过（核定金额）/不通过/退回补充材料", Access: httpx.PolicyReviewer, Body: decisionInput{}}, policyApps.decideApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/payouts", Summary: "批量登记发放", Access: httpx.PolicyReviewer, Body: app.PayInput{}}, policyApps.pay)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/grants", Summary: "确认免申即享发放建议并发放", Access: httpx.PolicyReviewer, Body: app.PayInput{}}, policyApps.confirmGrants)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/uploads/{id}", Summary: "下载申请材料", Access: L}, policyApps.download)
	// 网谷智聘: search and post pages are public; employers post (verified
	// enterprises only, checked by the app); edits and status changes are
	// for the post's enterprise and staff acting for it; reviews for
	// reviewers and admins (both checked by the app).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/jobs", Summary: "岗位搜索（?q=&region=&occupation=&education=&experience=&salary_min=&posted_within=&near=LAT,LNG&radius_km=&sort=&page=&page_size=&internship=1（只看就业见习岗位）；登录后 &format=xlsx 导出前 2000 条）", Access: P}, jobs.searchJobs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/jobs/suggest", Summary: "搜索联想（?q=）", Access: P}, jobs.suggestJobs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/jobs/{id}", Summary: "岗位详情（企业和经办人员另见浏览量）", Access: P}, jobs.getJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs", Summary: "发布岗位（已核验企业，提交后待审核）", Access: httpx.Employer, Body: app.PostInput{}}, jobs.createJob)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/jobs/{id}", Summary: "修改岗位（重新审核）", Access: L, Body: app.PostInput{}}, jobs.updateJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs/{id}/status", Summary: "暂停、恢复招聘或关闭岗位", Access: L, Body: jobStatusInput{}}, jobs.setJobStatus)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs/{id}/review", Summary: "审核岗位：通过或不通过（需写明原因）", Access: httpx.PostReviewer, Body: app.ReviewInput{}}, jobs.reviewJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/jobs", Summary: "本企业的岗位（含状态与浏览量）", Access: httpx.Employer}, jobs.myJobs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/saved-jobs", Summary: "我的收藏（已停止招聘或过期的 open=false）", Access: httpx.Person}, jobs.mySavedJobs)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/saved-jobs/{post_id}", Summary: "收藏岗位（重复收藏不变；最多 200 个）", Access: httpx.Person}, jobs.saveJob)
	rt.Handle(httpx.Route{Method: "DELETE", Pattern: "/api/v1/me/saved-jobs/{post_id}", Summary: "取消收藏", Access: httpx.Person}, jobs.unsaveJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs/{id}/reports", Summary: "举报岗位（reason 取自固定列表，note 选填；每人每岗一次，重复 409）", Access: httpx.LoggedIn, Body: app.ReportInput{}}, jobs.reportJob)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/job-imports", Summary: "批量导入岗位：multipart 上传 .xlsx/.csv（字段 file；表头用模板列名或招聘网站常用列名，如职位名称、薪资、工作地点），202 返回导入记录，后台逐行检查；mapping_step=1 时非模板表头答 409 needs_mapping（页面的列核对步骤）", Access: httpx.Employer}, jobImports.startJobImport)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/job-imports", Summary: "本企业最近的导入记录（?limit=，保留 30 天）", Access: httpx.Employer}, jobImports.myJobImports)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/job-imports/{id}", Summary: "导入进度与结果：status running/done/failed，checked/total，saved，failed", Access: httpx.Employer}, jobImports.getJobImport)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/job-imports/{id}/errors.xlsx", Summary: "下载导入错误报告（行号、列、原因）", Access: httpx.Employer}, jobImports.jobImportErrors)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/job-reviews", Summary: "待审核岗位（先到先审）", Access: httpx.PostReviewer}, jobs.reviewQueue)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/occupations/classify", Summary: "根据岗位名称推荐职业分类（前 5 个）", Access: P, Body: app.ClassifyInput{}}, jobs.classifyOccupation)
	// 网谷智聘 applications: persons apply, follow and withdraw their own;
	// the post's employer lists applicants and works the pipeline (only its
	// own enterprise's, checked and audited by the app).
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs/{id}/applications", Summary: "申请岗位（可附 500 字以内留言；重复申请 409）", Access: httpx.Person, Body: applyJobInput{}}, jobApps.applyJob)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/jobs/{id}/applicants", Summary: "岗位的求职申请（本企业；手机号明文、身份证号脱敏；?status=&page=&page_size=，最多 100；含各状态数量）", Access: httpx.Employer}, jobApps.jobApplicants)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/job-applications", Summary: "我的求职申请及进度（?status=&page=&page_size=）", Access: httpx.Person}, jobApps.myJobApplications)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/job-applications/{id}", Summary: "我的一份求职申请：岗位、状态说明、处理记录（本人）", Access: httpx.Person}, jobApps.myJobApplication)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/job-applications/{id}", Summary: "求职申请详情（申请人或招聘企业；企业打开即标记已查看）", Access: L}, jobApps.getJobApplication)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/job-applications/{id}/status", Summary: "处理求职申请：viewed/interview/hired/rejected，可附备注", Access: httpx.Employer, Body: app.JobAppStatusInput{}}, jobApps.setJobApplicationStatus)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/job-applications/{id}/withdraw", Summary: "撤回求职申请（本人）", Access: httpx.Person}, jobApps.withdrawJobApplication)
	// 网谷智聘 resumes: /me/resume* for the person; by person id for the
	// person themself and bureau personnel, edits for staff and admins
	// acting for the person (代办) — ownership and roles checked by the app.
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/resume", Summary: "我的简历", Access: httpx.Person}, resumes.getMyResume)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/resume", Summary: "保存我的简历（整份替换）", Access: httpx.Person, Body: resume.Resume{}}, resumes.putMyResume)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/resume/diagnosis", Summary: "简历诊断：评分与逐条修改建议", Access: httpx.Person}, resumes.myResumeDiagnosis)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/persons/{id}/resume", Summary: "查看人员简历（本人或经办，记审计）", Access: L}, resumes.getPersonResume)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/persons/{id}/resume", Summary: "保存人员简历（本人或代办，记审计）", Access: L, Body: resume.Resume{}}, resumes.putPersonResume)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/persons/{id}/resume/diagnosis", Summary: "人员简历诊断（本人或经办，记审计）", Access: L}, resumes.personResumeDiagnosis)
	// 网谷智聘 recommendations: for the person from their resume; for a
	// post, discoverable persons (the post's employer, staff, admin — checked by the app).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/recommendations", Summary: "为我推荐岗位（?limit=，最多 50）", Access: httpx.Person}, jobs.myRecommendations)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/jobs/{id}/candidates", Summary: "岗位推荐人才（公开简历，脱敏；?limit=）", Access: L}, jobs.jobCandidates)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/jobs/{id}/candidates/{person_id}/invite", Summary: "邀请推荐人才投递（本企业已发布岗位、公开简历者；站内消息附岗位链接；重复 409，每企业每天 50 次，超出 429）", Access: httpx.Employer}, jobs.inviteCandidate)
	// 网谷智聘 saved searches with alerts: persons only; a search is its
	// owner's (another person's delete is refused and audited by the app).
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/saved-searches", Summary: "我保存的搜索（新岗位提醒）", Access: httpx.Person}, savedSearches.mySavedSearches)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/saved-searches", Summary: "保存搜索并订阅新岗位（query 为 /jobs 的查询串；最多 20 个）", Access: httpx.Person, Body: app.SavedSearchInput{}}, savedSearches.saveSearch)
	rt.Handle(httpx.Route{Method: "DELETE", Pattern: "/api/v1/me/saved-searches/{id}", Summary: "删除保存的搜索", Access: httpx.Person}, savedSearches.deleteSavedSearch)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/regions", Summary: "行政区划代码（?parent=4201）", Access: P}, codeTables.regions)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gigs", Summary: "附近的零工（?near=LAT,LNG&radius_km=&region=&date=&skill=&pay_min=&sort=distance|start|pay&page=&page_size=）", Access: P}, gigsH.searchGigs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gigs/{id}", Summary: "零工详情（雇主和经办人员另见筛查结果）", Access: P}, gigsH.getGig)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gigs", Summary: "发布零工（已核验企业或已核验的个人用工；先经筛查，提交后待审核）", Access: httpx.GigPoster, Body: app.GigInput{}}, gigsH.createGig)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gigs/screen", Summary: "筛查零工内容（违规收费、扣证、私下联系、刷单、低于最低工资等），不保存", Access: P, Body: app.GigInput{}}, gigsH.screenGig)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/gigs/{id}", Summary: "修改零工（重新筛查、重新审核；有人报名后不能改班次、人数、报酬和地点）", Access: L, Body: app.GigInput{}}, gigsH.updateGig)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gigs/{id}/status", Summary: "关闭零工（action=close）", Access: L, Body: gigStatusInput{}}, gigsH.setGigStatus)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gigs/{id}/review", Summary: "审核零工：通过（有拦截项时须写明越过理由）或不通过（须写明原因）", Access: httpx.PostReviewer, Body: app.GigReview{}}, gigsH.reviewGig)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gig-reviews", Summary: "待审核零工（先到先审，含筛查结果）", Access: httpx.PostReviewer}, gigsH.reviewQueue)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/gigs", Summary: "本企业（或个人用工）发布的零工", Access: httpx.GigPoster}, gigsH.myGigs)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/gig-employer", Summary: "我的个人用工申请（status 为 none 表示未申请）", Access: httpx.Person}, gigsH.myEmployer)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/gig-employer", Summary: "申请个人用工：对工人显示的称呼和用工说明，待经办人员核验", Access: httpx.Person, Body: app.GigEmployerInput{}}, gigsH.applyEmployer)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gig-employers", Summary: "待核验的个人用工申请", Access: httpx.GigStation}, gigsH.pendingEmployers)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-employers/{id}/decision", Summary: "核验个人用工（verify；不通过须写 reason；记审计）", Access: httpx.GigStation, Body: app.EmployerDecision{}}, gigsH.decideEmployer)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gigs/{id}/signups", Summary: "报名零工：一个班次（shift_id）或全部（all）；即时录用、待确认或候补；重复或时间冲突 409；驿站经办人员代报名须给 person_id", Access: L, Body: app.SignupInput{}}, gigsH.signUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gigs/{id}/signups", Summary: "零工的报名名单（本企业或经办人员）", Access: L}, gigsH.gigSignups)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/cancel", Summary: "取消报名（截止时间后记为逾期取消；空出的名额给第一位候补）", Access: L}, gigsH.cancelSignup)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/decision", Summary: "雇主录用或拒绝报名（accept）", Access: L, Body: decideInput{}}, gigsH.decideSignup)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gig-shifts/{id}/checkin-code", Summary: "班次的签到码（雇主在现场出示，二维码同此码）", Access: L}, gigsH.checkinCode)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-checkins", Summary: "签到或签退（code 为 6 位签到码；可附 lat/lng，距工作地点 500 米外只提醒不拒绝）", Access: httpx.Person, Body: app.CheckinInput{}}, gigsH.checkIn)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/complete", Summary: "雇主确认完工并登记实付金额（paid_amount 元；计件填 pieces）", Access: L, Body: app.CompleteInput{}}, gigsH.complete)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/no-show", Summary: "雇主登记未到岗", Access: L}, gigsH.noShow)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/receipt", Summary: "求职者确认实收金额，或提出异议（dispute + statement）", Access: httpx.Person, Body: app.ReceiptInput{}}, gigsH.receipt)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/statement", Summary: "雇主对报酬争议的说明", Access: L, Body: statementInput{}}, gigsH.statement)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/resolution", Summary: "经办人员裁定报酬争议（记审计）", Access: httpx.GigStation, Body: app.ResolveInput{}}, gigsH.resolve)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/gig-signups/{id}/rating", Summary: "完工后双方互评（1–5 星）", Access: L, Body: app.RateInput{}}, gigsH.rate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/gig-disputes", Summary: "待处理的零工报酬争议", Access: httpx.GigStation}, gigsH.disputes)
	// 话务中心
	CW, CS := httpx.Casework, httpx.CaseSupervisor
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/lookup", Summary: "按手机号或身份证号（?q=）查找来电人员（盲索引精确匹配，脱敏）", Access: CW}, cases.lookup)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/persons/{id}/overview", Summary: "话务工作台一屏：通话要点、简历诊断、推荐岗位、可申领未申请的政策、申请、联系与跟进（记审计）", Access: CW}, cases.overview)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/persons/{id}/reveal", Summary: "查看完整身份证号和手机号（须 reason，记审计）", Access: CW, Body: caseRevealInput{}}, cases.reveal)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/persons/{id}/referrals", Summary: "推荐就业：代为投递（consent 记录本人同意；岗位已关闭为 409）", Access: CW, Body: app.ReferInput{}}, cases.refer)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/persons/{id}/policy-messages", Summary: "把政策详情发到求职者站内消息", Access: CW, Body: sendPolicyInput{}}, cases.sendPolicy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/contacts", Summary: "记录联系（person_id 或 enterprise_id；可完成一项跟进、安排下次跟进）", Access: CW, Body: app.ContactInput{}}, cases.logContact)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/followups", Summary: "安排跟进（due 不能早于今天）", Access: CW, Body: app.FollowUpInput{}}, cases.scheduleFollowUp)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/followups/{id}/close", Summary: "完成（done）或取消（cancelled）跟进", Access: CW, Body: closeInput{}}, cases.closeFollowUp)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/followups/{id}/reassign", Summary: "班组长转交跟进", Access: CS, Body: reassignInput{}}, cases.reassignFollowUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/queue", Summary: "我的待跟进（已逾期、今天、本周、以后）", Access: CW}, cases.myQueue)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/team", Summary: "班组队列与话务员工作量（班组长、管理员）", Access: CS}, cases.team)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/enterprises", Summary: "按企业名称或统一社会信用代码（?q=）查找企业", Access: CW}, cases.findEnterprises)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/enterprises/{id}/history", Summary: "企业服务记录：联系、采集的岗位及其发布情况、推荐就业与录用", Access: CW}, cases.enterpriseHistory)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/vacancies", Summary: "采集企业岗位（草稿，待企业确认；occupation_code 为空时按岗位名称自动识别）", Access: CW, Body: app.VacancyInput{}}, cases.collectVacancy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/vacancies/{id}", Summary: "采集的岗位", Access: CW}, cases.vacancy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/vacancies/{id}/publish", Summary: "经企业同意代为发布采集的岗位（consent 必填；post 可修改岗位内容；发布后待审核）", Access: CW, Body: app.PublishInput{}}, cases.publishVacancy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/vacancies/{id}/withdraw", Summary: "撤回采集的岗位草稿", Access: CW}, cases.withdrawVacancy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/casework/reviews", Summary: "质检：本人联系记录的评分；班组长另见本周（?week=）抽样", Access: CW}, cases.reviews)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/reviews/sample", Summary: "随机抽取一周的联系记录质检（week 为该周任一天，默认上周；per_agent 每人条数）", Access: CS, Body: app.SampleInput{}}, cases.sampleReviews)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/casework/reviews/{id}", Summary: "质检评分（1–5 分）与评语", Access: CS, Body: app.ScoreInput{}}, cases.scoreReview)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/employment", Summary: "就业情况回访：待回访的事项和我上次的答复", Access: httpx.Person}, outcomes.myEmployment)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/employment", Summary: "答复就业情况回访（status employed|self_employed|training|unemployed；since 默认今天）", Access: httpx.Person, Body: app.SelfAnswer{}}, outcomes.answerEmployment)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/vacancy-drafts", Summary: "就业服务中心为本企业整理、待确认的岗位", Access: httpx.Employer}, cases.myDrafts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/vacancy-drafts/{id}/confirm", Summary: "确认发布整理的岗位（post 可修改内容；提交后待审核）", Access: httpx.Employer, Body: app.PublishInput{}}, cases.publishVacancy)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/me/vacancy-drafts/{id}/decline", Summary: "不需要发布整理的岗位（可说明原因）", Access: httpx.Employer, Body: declineInput{}}, cases.declineVacancy)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/contacts", Summary: "我的服务记录（不含工作人员备注）", Access: httpx.Person}, cases.myContacts)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/gig-signups", Summary: "我的零工报名", Access: httpx.Person}, gigsH.mySignups)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/gig-profile", Summary: "我的零工资料（技能、空闲时间、常驻位置、愿意前往的距离）", Access: httpx.Person}, gigsH.getProfile)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/me/gig-profile", Summary: "保存我的零工资料（位置按约 1 公里取整保存）", Access: httpx.Person, Body: app.ProfileInput{}}, gigsH.saveProfile)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/loans/schedule", Summary: "青创贷还款计划与财政贴息（金额单位：分；annual_rate、subsidy_rate_cap 为百分数如 3.45；subsidy_share 为小数如 0.5；borrower_rate 借款人自担利率（如 LPR−150BP）；method equal_installment|equal_principal|interest_monthly_principal_at_end）", Access: P, Body: app.ScheduleInput{}}, startupH.schedule)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/loans", Summary: "申请青创贷（amount 单位分；个人、小微企业的额度和期限上限取自政策目录）", Access: httpx.LoanApplicant, Body: app.LoanInput{}}, startupH.applyLoan)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/loans", Summary: "我的青创贷申请", Access: httpx.LoanApplicant}, startupH.myLoans)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/loans/{id}", Summary: "青创贷申请详情：政策匹配结论与原因；获批后的还款计划和贴息", Access: L}, startupH.loan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/loans/{id}/withdraw", Summary: "撤回青创贷申请（银行决定前）", Access: httpx.LoanApplicant}, startupH.withdrawLoan)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/loans", Summary: "青创贷申请队列（?status=submitted|referred|approved|declined|rejected|withdrawn；合作银行人员只看到推荐至本机构的）", Access: httpx.LoanWorker}, startupH.queue)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/loans/{id}/actions", Summary: "处理青创贷申请：refer 推荐至银行（bank_id）、reject 不通过（reason），经办人员；登记（经办人员按来函，或该银行人员） approve（approved_amount 分、annual_rate、lpr 百分数、term_months、method、start_date）或 decline（reason）", Access: httpx.LoanWorker, Body: app.LoanActionInput{}}, startupH.handleLoan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/loans/{id}/repayments", Summary: "按银行报送登记一期还款（period、paid_on、amount 分）；同一期只能登记一次（409）", Access: httpx.LoanWorker, Body: app.RepaymentInput{}}, startupH.recordRepayment)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/repayments/import", Summary: "导入银行还款报送（.xlsx/.csv，列：贷款编号、期次、还款日期、还款金额（元））；逐行错误，好的行一并登记", Access: httpx.LoanWorker}, startupH.importRepayments)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/subsidies", Summary: "核定一个已结束季度（quarter 如 2026Q1）的青创贷贴息：每笔贷款一条审核通过的发放申请（period、ref 指向贷款），再经 /api/v1/payouts 登记发放；重复核定不重复生成（total 单位分）", Access: httpx.LoanHandler, Body: quarterInput{}}, startupH.claimSubsidies)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/funding", Summary: "创业项目资助申报批次（公开）", Access: P}, fundingH.calls)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/funding", Summary: "开设申报批次：日期、预算（分）、资助档次（分，默认 5/10/20/50 万）、评分细则（默认 5 项加权）、资格政策 policy_id", Access: httpx.FundingManager, Body: app.CallInput{}}, fundingH.createCall)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/funding/{id}", Summary: "申报批次详情；个人另见政策引擎对本人资格的判断和本人的申报；公示后含公示名单（姓名脱敏）", Access: P}, fundingH.call)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/funding/{id}/applications", Summary: "申报创业项目（project、plan、amount 分；multipart 时附 materials：PDF/JPG/PNG）", Access: httpx.FundingApplicant, Body: app.FundingAppInput{}}, fundingH.apply)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/funding", Summary: "我的创业项目申报", Access: httpx.FundingApplicant}, fundingH.myApps)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/funding/{id}/ranking", Summary: "评审排名：按专家标准化分排序、分歧标记、预算内拟资助档次及理由", Access: httpx.FundingManager}, fundingH.ranking)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/funding/{id}/assignments", Summary: "分配评审：所选项目各分给所选专家（已分配的跳过）", Access: httpx.FundingManager, Body: app.AssignInput{}}, fundingH.assign)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/funding/{id}/decision", Summary: "登记评审会决定并公示：每个项目的资助金额（档次之一或 0，分）和理由，合计不超预算", Access: httpx.FundingManager, Body: awardsInput{}}, fundingH.decide)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/grants/{id}", Summary: "获资助项目（申报人本人或经办）：拨付节点（40/30/30%，按报告拨付，经发放批次）与 12、24 个月回访", Access: L}, fundingH.grant)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/grants/{id}/milestones/{n}/report", Summary: "申报人报告拨付节点（report 20–2000 字、jobs 带动就业人数）；须按顺序", Access: httpx.FundingApplicant, Body: app.MilestoneReport{}}, fundingH.reportMilestone)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/grants/{id}/milestones/{n}/review", Summary: "经办审核拨付节点：approve 通过（生成一条审核通过的发放申请，period M1…，经 /api/v1/payouts 拨付）或退回（note 必填）", Access: httpx.FundingManager, Body: app.MilestoneReview{}}, fundingH.reviewMilestone)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/grants/{id}/followups", Summary: "12 或 24 个月回访：仍在经营与否、带动就业人数（申报人本人或经办；同一期再报为更正）", Access: L, Body: app.GrantFollowUpInput{}}, fundingH.followUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/expert/reviews", Summary: "评审专家：分配给我的项目（已声明利益冲突的不显示）", Access: httpx.Expert}, fundingH.myReviews)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/expert/reviews/{id}", Summary: "评审专家：项目详情、评分细则、我的评分；提交后可见其他专家的评分", Access: httpx.Expert}, fundingH.review)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/expert/reviews/{id}/conflict", Summary: "评审专家：声明利益冲突（note 说明关系），此后不再显示该项目", Access: httpx.Expert, Body: conflictInput{}}, fundingH.conflict)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/expert/reviews/{id}/score", Summary: "评审专家：逐项评分（criteria：细则键→分数，0 到满分，可一位小数）和评语；只能提交一次；声明利益冲突后 403", Access: httpx.Expert, Body: app.ExpertScoreInput{}}, fundingH.score)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/banks", Summary: "合作银行和担保机构", Access: httpx.LoanHandler}, startupH.banks)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/banks", Summary: "添加合作银行或担保机构（管理员）", Access: httpx.Admin, Body: bankInput{}}, startupH.addBank)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/parks", Summary: "青创园列表，有空余场地的在前：公众看已认定的；园区管理人员看全部（?status=applying|recognised）", Access: P}, startupH.parks)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/parks/{id}", Summary: "青创园详情：园区、在园企业、近期活动、在园企业的在招岗位；园区管理人员另见全部入驻记录和活动、历年考核、今年以来的数据（facts）；申报中的园区仅管理人员可见", Access: P}, startupH.park)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/parks", Summary: "登记青创园（level province|city|district；region_code 行政区划代码；space_unit m2|desk，total_space、open_space 按此计；services 取自固定列表；status applying|recognised；同名 422）", Access: httpx.ParkManager, Body: app.ParkInput{}}, startupH.createPark)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/startup/parks/{id}", Summary: "修改青创园信息（整体替换；总量不能少于在园企业已用的空间）", Access: httpx.ParkManager, Body: app.ParkInput{}}, startupH.updatePark)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/parks/{id}/tenants", Summary: "登记入驻企业：enterprise_id，或 enterprise_name（企业名称或统一社会信用代码，须只对应一家企业）；move_in、space_used（园区计量单位）、jobs_created；已在园 409，超出园区剩余空间 422", Access: httpx.ParkManager, Body: app.TenantInput{}}, startupH.addParkTenant)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/startup/park-tenants/{id}", Summary: "修改入驻记录（整体替换；status in|graduated|left，后两者须填 left_on；企业不可更改）", Access: httpx.ParkManager, Body: app.TenantInput{}}, startupH.updateParkTenant)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/parks/{id}/events", Summary: "登记园区举办的活动（date 不晚于今天；kind roadshow|training|mentor|salon|other；attendees ≥ 1）", Access: httpx.ParkManager, Body: app.EventInput{}}, startupH.addParkEvent)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/startup/park-events/{id}", Summary: "修改园区活动（整体替换）", Access: httpx.ParkManager, Body: app.EventInput{}}, startupH.updateParkEvent)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/startup/parks/{id}/assessments", Summary: "青创园某年度（?year=，默认上一年）：按当前记录计算的数据（在园企业、新入驻、毕业、带动就业、活动、入驻率）、该年度已登记的考核、历年考核", Access: httpx.ParkManager}, startupH.parkYear)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/startup/parks/{id}/assessments", Summary: "登记年度考核（year；score 0–100；grade excellent|good|pass|fail，60 分以下为 fail；comment），连同按当前记录计算的数据；该年度已有考核 409", Access: httpx.ParkManager, Body: app.AssessmentInput{}}, startupH.assessPark(false))
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/startup/parks/{id}/assessments", Summary: "修改 body 中 year 年度的考核（该年度没有考核 404），数据按当前记录重算", Access: httpx.ParkManager, Body: app.AssessmentInput{}}, startupH.assessPark(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/providers", Summary: "培训和评价机构：公众看已认定的（?kind=）；工作人员看全部（?status=applying|designated|suspended）", Access: P}, trainingH.providers)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/providers/{id}", Summary: "机构及其培训班：公众看已认定的机构和已备案的班；工作人员和本机构的企业账号看全部", Access: P}, trainingH.provider)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers", Summary: "申请认定（企业账号，为本企业；status applying）或登记机构（工作人员，登记即认定，可填 enterprise_id）：kind institution|enterprise|evaluator；scope 为职业（occupation_code 或 occupation 名称）和等级 level 5–1；同名 422", Access: httpx.TrainingApplier, Body: app.ProviderInput{}}, trainingH.applyProvider)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/training/providers", Summary: "本企业的培训（评价）机构（全部状态）", Access: httpx.Employer}, trainingH.myProviders)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers/{id}/designate", Summary: "认定申请中的机构（其他状态 409；记审计）", Access: httpx.TrainingManager, Body: app.StatusInput{}}, trainingH.providerStatus(designateOp))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers/{id}/suspend", Summary: "暂停已认定的机构，reason 必填；暂停期间不能开班（记审计）", Access: httpx.TrainingManager, Body: app.StatusInput{}}, trainingH.providerStatus(suspendOp))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers/{id}/reinstate", Summary: "恢复已暂停的机构（记审计）", Access: httpx.TrainingManager, Body: app.StatusInput{}}, trainingH.providerStatus(reinstateOp))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers/{id}/classes", Summary: "开设培训班（本机构的企业账号；机构须已认定，职业和等级在认定范围内；type employment|upgrade|startup；sessions 至少一次，日期晚于今天；补贴标准按类型、等级和开班日期查定）", Access: httpx.Employer, Body: app.ClassInput{}}, trainingH.openClass)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/classes", Summary: "找培训：已备案、开班日期不早于 from（默认今天）的培训班；?occupation=（职业名称或代码）&type=&region=（区或街道代码）&free=1&subsidised=1&page=；工作人员可加 ?status=pending|approved|returned|all", Access: P}, trainingH.searchClasses)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/classes/{id}", Summary: "培训班详情和上课安排（未备案的仅本机构和工作人员可见，其他人 404）", Access: P}, trainingH.class)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/training/classes/{id}", Summary: "修改待备案或已退回的培训班（整体替换），改后重新待备案；已备案的 409", Access: httpx.Employer, Body: app.ClassInput{}}, trainingH.updateClass)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/approve", Summary: "开班备案：同意（须在开班前，否则 409；补贴标准按开班日期重新查定；记审计）", Access: httpx.TrainingManager, Body: app.StatusInput{}}, trainingH.reviewClass(true))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/return", Summary: "退回开班申请，reason 必填（记审计）", Access: httpx.TrainingManager, Body: app.StatusInput{}}, trainingH.reviewClass(false))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/standards", Summary: "职业培训补贴标准：?type=&level=&date=（开班日期）适用的每人补贴标准、依据和有效期", Access: P}, trainingH.standard)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/outcomes", Summary: "培训效果（工作人员）：?from=&to=（结业日期，默认近三年）&provider=；每个机构和培训班的结业人数、结业后 3/6/12 个月就业率（含 95% 区间，只计已满期限的学员）、取证率、已拨付补贴、每就业一人的补贴", Access: httpx.TrainingManager}, trainingOut.report)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/providers/{id}/results", Summary: "已认定培训机构近三年的培训效果（公开；学员不足 5 人时只给班数）", Access: P}, trainingOut.providerResults)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/internship/bases", Summary: "就业见习基地：公众看已认定的基地及留用率；工作人员看全部（?status=applying|designated|suspended|returned）", Access: P}, interns.bases)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/internship/bases/{id}", Summary: "见习基地页：基本情况、留用率（留用人数/期满人数）、招聘中的见习岗位；本基地的企业账号和工作人员另见见习人员和补贴台账", Access: P}, interns.basePage)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internship/bases", Summary: "申请认定就业见习基地（企业账号，为本企业；occupations 为职业代码或名称；已有申请 409，被退回的可重新申请；记审计）", Access: httpx.Employer, Body: app.BaseInput{}}, interns.apply)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/internship", Summary: "本企业的见习基地：状态、见习人员、可开始见习的已录用申请人、补贴台账（未申请时 base 为 null）", Access: httpx.Employer}, interns.myBase)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internship/bases/{id}/designate", Summary: "认定申请中或已暂停的基地（其他状态 409；记审计）", Access: httpx.InternshipManager, Body: app.MoveInput{}}, interns.move(internship.MoveDesignate))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internship/bases/{id}/suspend", Summary: "暂停已认定的基地，reason 必填；暂停期间不能发布见习岗位、接收新见习人员（记审计）", Access: httpx.InternshipManager, Body: app.MoveInput{}}, interns.move(internship.MoveSuspend))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internship/bases/{id}/return", Summary: "退回申请中的基地，reason 必填；企业可修改后重新申请（记审计）", Access: httpx.InternshipManager, Body: app.MoveInput{}}, interns.move(internship.MoveReturn))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internships", Summary: "开始见习：本基地见习岗位上已录用的申请人（application_id），start_on YYYY-MM-DD，planned_months 不超过补贴规则的最长月数；见习开始时须符合见习人员条件（记审计）", Access: httpx.Employer, Body: app.StartInput{}}, interns.start)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/internships/{id}", Summary: "见习记录和每个见习月（本基地的企业账号和工作人员；其他人 404）", Access: httpx.LoggedIn}, interns.intern)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internships/{id}/months", Summary: "记录第 n 个见习月是否完成见习（该月结束后；已申领补贴的月份 409；记审计）", Access: httpx.Employer, Body: app.MonthInput{}}, interns.month)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internships/{id}/finish", Summary: "见习结束：ended_on（默认今天）和是否留用 kept，计入基地留用率（记审计）", Access: httpx.Employer, Body: app.FinishInput{}}, interns.finish)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/internship/claims", Summary: "申领一个月份（month YYYY-MM）的就业见习补贴：该月开始的已完成见习月 × 0.7×月最低工资，留用率达标时加留用奖补；生成待审核的政策申请，经审核、发放；同一月份重复申领 409", Access: httpx.Employer, Body: app.ClaimInput{}}, interns.claim)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/activities", Summary: "活动日历：进行中和即将开始的活动（?kind=course|lecture|workshop|fair|labour|enlight|mentor&region=&series=&free_seats=1&from=YYYY-MM-DD&page=；工作人员 ?all=1 看全部）", Access: P}, activities.search)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/activities/{id}", Summary: "活动详情：场次、名额、报名条件、报名时间、分配方式（抽签的种子哈希、抽签后的种子和名单哈希）；登录的个人另有 my_signup", Access: P}, activities.get)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activities", Summary: "发布活动（工作人员）：sessions 的 date YYYY-MM-DD、start/end HH:MM（北京时间）；opens_at/closes_at YYYY-MM-DD HH:MM；allocation first_come|lottery；no_show_limit：近一年缺席达到次数者抽签排后", Access: httpx.ActivityManager, Body: app.ActivityInput{}}, activities.publish)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/activities/{id}", Summary: "修改活动（整体替换）：名额不能少于已获名额人数；有人报名后分配方式不能改", Access: httpx.ActivityManager, Body: app.ActivityInput{}}, activities.update)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activities/{id}/cancel", Summary: "取消活动，reason 必填；所有报名随之取消并通知（记审计）", Access: httpx.ActivityManager, Body: app.CancelInput{}}, activities.cancel)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activities/{id}/draw", Summary: "报名截止后立即抽签（通常由系统在截止后一分钟内自动进行；已抽过的不再抽）", Access: httpx.ActivityManager}, activities.draw)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/activities/{id}/lottery", Summary: "抽签公示：种子、种子哈希（报名前公布）、名单哈希、按抽签顺序的名单（姓名打码）和复算规则", Access: P}, activities.lottery)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/activities/{id}/roster", Summary: "报名名单（工作人员）：已获名额、待确认、抽签登记、候补（按顺序）及其余", Access: httpx.ActivityManager}, activities.roster)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activities/{id}/signups", Summary: "报名 → 201 {status: confirmed | registered（等待抽签）| waitlisted}；重复报名或与已报名活动时间冲突 409；不符合报名条件 403；不在报名时间 409", Access: httpx.Person}, activities.signUp)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/activities", Summary: "我报名的活动", Access: httpx.Person}, activities.mine)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activity-signups/{id}/cancel", Summary: "取消报名（本人，或工作人员代取消并记审计）；空出的名额按候补顺序留给下一位，限时确认", Access: L}, activities.signupOp(cancelSignupOp))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activity-signups/{id}/confirm", Summary: "确认候补到位的名额（须在 offer_expires 之前）", Access: httpx.Person}, activities.signupOp(confirmSignupOp))
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activity-signups/{id}/feedback", Summary: "活动后评价：rating 1–5，comment 最多 500 字（签到参加后才能评价）", Access: httpx.Person, Body: app.FeedbackInput{}}, activities.feedback)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activity-signups/{id}/attendance", Summary: "工作人员在名单上代签到 session_id（记审计）", Access: httpx.ActivityManager, Body: attendanceInput{}}, activities.markAttendance)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/activities/checkin", Summary: "签到：session_id（二维码带的场次）和 6 位签到码；开始前 1 小时至结束前有效，须已获名额", Access: httpx.Person, Body: app.ActivityCheckin{}}, activities.checkin)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/activity-sessions/{id}/code", Summary: "场次的签到码和二维码链接（工作人员在现场出示）", Access: httpx.ActivityManager}, activities.sessionCode)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/counselling/slots", Summary: "心理咨询可预约的时段和心理援助热线（crisis_hotline）", Access: P}, counselH.slots)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/counselling/slots/{id}/bookings", Summary: "预约时段 → 201；concern 选填（最多 500 字，加密，只有咨询师能看到）；已被约 409", Access: httpx.Person, Body: app.BookInput{}}, counselH.book)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/counselling", Summary: "我的预约：时间、方式、地点、状态（从不含咨询记录）", Access: httpx.Person}, counselH.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/counselling/bookings/{id}", Summary: "一条预约：咨询师本人见 concern 和 notes（记审计）；来访者本人只见时间和状态；其他人 404 并记审计", Access: L}, counselH.booking)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/counselling/bookings/{id}/cancel", Summary: "取消预约（来访者本人或该咨询师；开始前）", Access: L}, counselH.cancel)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/counsel/desk", Summary: "咨询师的时段和预约", Access: httpx.Counsellor}, counselH.desk)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/counsel/slots", Summary: "开放时段：date、start/end（北京时间）、mode in_person|online|phone、place（面谈必填）、weeks 1–8", Access: httpx.Counsellor, Body: app.SlotInput{}}, counselH.addSlots)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/counsel/slots/{id}/cancel", Summary: "撤回未被预约的时段", Access: httpx.Counsellor}, counselH.withdraw)
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/counselling/bookings/{id}/notes", Summary: "咨询师保存记录（加密，最多 5000 字）和 outcome done|no_show（开始后）", Access: httpx.Counsellor, Body: app.NotesInput{}}, counselH.notes)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/counselling/counts", Summary: "每位咨询师的时段和预约数（不含人和内容）", Access: httpx.CounselSupervisor}, counselH.counts)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/counselling/bookings/{id}/break-glass", Summary: "管理员紧急查看一条咨询记录：reason 10–200 字，记审计并通知咨询师", Access: httpx.Admin, Body: app.BreakGlassInput{}}, counselH.breakGlass)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/enrolments", Summary: "报名已备案的培训班（求职者本人；201；已报名 409；名额已满 409；与已报名的班上课时间冲突 422，fields.class_id 说明冲突的班和时间；已开课 409；记审计）", Access: httpx.Person}, enrolH.enrolClass)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/withdraw", Summary: "取消报名（开课前；未报名 409；记审计）", Access: httpx.Person}, enrolH.withdraw)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/training", Summary: "我的培训：报名的培训班、每次课的出勤（present|absent|not_signed|not_begun）和出勤率，及补贴所需的出勤率 attendance_threshold", Access: httpx.Person}, enrolH.myTraining)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/checkin", Summary: "培训签到：code 为 6 位签到码，session_id 可选（扫码时带上）；仅上课当天、仅已报名的班；已签到时 already=true（记审计）", Access: httpx.Person, Body: app.TrainingCheckinInput{}}, enrolH.checkIn)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/classes/{id}/roster", Summary: "学员名单、每次课的考勤和出勤率（本机构的企业账号和工作人员；其他人 404 并记审计；查看记审计）", Access: httpx.TrainingRoster}, enrolH.roster)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/trainees", Summary: "导入学员名单（multipart，字段 file：.xlsx 或 .csv，列 身份证号、姓名、手机号）：学员须已实名注册且姓名一致；正确的行报名，errors 列出其余行的行号、列和原因；文件无法读取 422 且不导入任何学员（记审计）", Access: httpx.TrainingRoster}, enrolH.importTrainees)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/sessions/{id}/code", Summary: "一次课的签到码（6 位数字）和签到链接 path（本机构的企业账号和工作人员）", Access: httpx.TrainingRoster}, enrolH.sessionCode)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/sessions/{id}/attendance", Summary: "更正考勤：person_id、present、reason（必填）；须已开课；学员不在名单中 422（记审计）", Access: httpx.TrainingRoster, Body: app.AttendanceInput{}}, enrolH.correctAttendance)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/certificates/verify", Summary: "证书核验：?number=&name= 相符且有效时 200，返回职业名称、等级、发证机构、发证日期（不含身份证号和人员 id）；编号不存在与姓名不符同为 404；按 IP 限频 429", Access: P}, certs.verify)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/certificates", Summary: "我的证书（含已撤销的）", Access: httpx.Person}, certs.myCertificates)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/certificates/{id}", Summary: "一本证书，含完整身份证号（持证人本人和工作人员；工作人员查看记审计；其他人 404）", Access: L}, certs.certificate)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/certificates", Summary: "职业技能等级证书（工作人员）：?occupation=（名称或代码）&level=&provider_id=&from=&to=（发证日期）&page=，每页 50，身份证号脱敏", Access: httpx.TrainingManager}, certs.listCertificates)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/providers/{id}/sittings", Summary: "安排技能评价（本企业已认定的评价机构；occupation_code 或 occupation 名称、level 5–1 须在认定范围内，否则 422 说明原因；held_on 今天至一年内；capacity 1–500；记审计）", Access: httpx.Employer, Body: app.SittingInput{}}, certs.scheduleSitting)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/sittings", Summary: "本企业评价机构的评价场次", Access: httpx.Employer}, certs.mySittings)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/sittings/{id}", Summary: "评价场次和考生（姓名、脱敏身份证号、结果、成绩、证书编号；本机构的企业账号，其他人 404；记审计）", Access: httpx.Employer}, certs.sitting)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/sittings/{id}/candidates", Summary: "登记考生：class_id（同职业同等级已备案培训班的在册学员）或 id_number 与 name；已是考生的跳过（already）；超过人数上限 409 且不登记任何人；评价日后 409", Access: httpx.Employer, Body: app.CandidateInput{}}, certs.addCandidates)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/sittings/{id}/results", Summary: "登记成绩：items[{person_id, result pass|fail|absent, score}]；非本场考生 422（items.N.person_id）；合格须 ≥60 分；评价日前 409；全部登记或全不登记（记审计）", Access: httpx.Employer, Body: app.ResultsInput{}}, certs.recordResults)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/sittings/{id}/results/import", Summary: "导入成绩（multipart，字段 file：.xlsx 或 .csv，列 身份证号、姓名、结果、成绩）：正确的行登记，errors 列出其余行的行号、列和原因", Access: httpx.Employer}, certs.importResults)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/sittings/{id}/certificates", Summary: "发放证书：issued_on（默认今天）、items[{person_id, number 可留空自动生成}]（省略则发给全部待发证的合格考生）；编号已被使用 422（items.N.number）；全部发放或全不发放；发站内消息、记审计", Access: httpx.Employer, Body: app.IssueInput{}}, certs.issue)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/classes/{id}/claim-check", Summary: "培训补贴核查：已结课班级的每位学员按五项条件（enrolled 开班前报名、attendance 出勤率达到要求、certificate 取证或考核合格、eligible 属于政策补贴对象、once 同一职业同一等级未享受过）给出 ok 和文字理由，及符合人数、合计金额、能否提交 can_submit 和不能提交的原因 blocked（本机构的企业账号和人社局；其他机构 404；记审计）", Access: httpx.ClaimReader}, claimsH.check)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/classes/{id}/claims", Summary: "提交培训补贴申领（本机构的企业账号；201，items 为每位学员的核查结果，不符合的不计金额并写明理由；未结课或无补贴标准 409；该班已有申领 409；已退回的申领按新核查结果重新提交；记审计，发站内消息）", Access: httpx.Employer}, claimsH.submit)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/me/training/claims", Summary: "本企业培训机构的补贴申领", Access: httpx.Employer}, claimsH.mine)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/claims", Summary: "培训补贴申领列表（人社局；?status=submitted|returned|approved|paid&page=）", Access: httpx.Bureau}, claimsH.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/claims/{id}", Summary: "补贴申领及每位学员的核查结果（本机构的企业账号和人社局；其他机构 404；记审计）", Access: httpx.ClaimReader}, claimsH.claim)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/claims/{id}/resubmit", Summary: "重新提交已退回的补贴申领（重新核查每位学员；其他状态 409；记审计）", Access: httpx.Employer}, claimsH.resubmit)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/claims/{id}/decision", Summary: "审核补贴申领：action approve（通过）或 return（退回，reason 必填）；非待审核 409（记审计，发站内消息）", Access: httpx.PolicyReviewer, Body: training.ClaimDecision{}}, claimsH.decide)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/training/claim-payouts", Summary: "登记补贴发放批次：ids 为审核通过的申领，batch、paid_on 必填；有一份不是审核通过的则整批不登记 409（记审计，发站内消息）", Access: httpx.PolicyReviewer, Body: app.PayInput{}}, claimsH.pay)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/training/subsidy-ledger", Summary: "培训补贴台账：按机构和发放月份汇总已发放的申领数、人数和金额（?from=&to=YYYY-MM，默认近 12 个月）", Access: httpx.Bureau}, claimsH.ledger)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/fairs/{id}", Summary: "招聘会（kind fair|labour 的活动）展位：已通过的展位（展位号、企业、在招岗位、扫码链接）、grid 行列数；企业另有 my_booth；工作人员另见待审核展位和 totals（展位、预约、现场投递、意向、录用）", Access: P}, fairs.get)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/fairs/{id}/booths", Summary: "企业申请展位 → 201；企业未核验 403；重复申请或招聘会已开始 409", Access: httpx.Employer}, fairs.apply)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/fairs/{id}/booths/{booth}/decision", Summary: "审核展位：action approve（row 1–20 即 A–T 排，col 1–20）或 reject（reason 必填）；展位号已分配 409", Access: httpx.ActivityManager, Body: app.BoothDecisionInput{}}, fairs.decide)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/fairs/{id}/booths/{booth}/scan", Summary: "扫码投递：post_id 为该展位企业的在招岗位 → 201 求职申请（fair_id 标记招聘会）；须有简历；招聘会期间有效；同一岗位重复投递 409", Access: httpx.Person, Body: app.ScanInput{}}, fairs.scan)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/fairs/{id}/booths/{booth}/results", Summary: "企业登记本展位达成意向（intentions）和录用（hires）人数；招聘会开始后；录用不多于意向；他人展位 404", Access: httpx.Employer, Body: app.BoothResultsInput{}}, fairs.results)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/stations", Summary: "劳务工作站与高校联络站", Access: P}, stations.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/stations/{id}", Summary: "工作站：联系人、活动（主办单位名称与站名相同）、报名人次、现场投递与录用、企业登记的意向与录用", Access: P}, stations.get)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/stations", Summary: "登记工作站：kind station（劳务工作站）| university（高校联络站），name、region、contact_name、contact_phone（记审计）", Access: httpx.ActivityManager, Body: app.StationInput{}}, stations.create)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/school-visits/rooms", Summary: "职业启蒙：职业学校的实训室（容纳人数、每周开放时段 weekday 0=周日）；工作人员 ?all=1 含暂停预约的", Access: P}, visits.rooms)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/school-visits/rooms", Summary: "添加实训室（工作人员）：name、capacity、description、slots（每行一个，如“周三 09:00-11:00”）、active", Access: httpx.VisitManager, Body: app.RoomInput{}}, visits.saveRoom(false))
	rt.Handle(httpx.Route{Method: "PUT", Pattern: "/api/v1/school-visits/rooms/{id}", Summary: "修改实训室（整体替换；已有预约不受时段修改影响）", Access: httpx.VisitManager, Body: app.RoomInput{}}, visits.saveRoom(true))
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/school-visits/calendar", Summary: "实训室日历：?from=YYYY-MM-DD 起 14 天（明天至 90 天内）每个时段是否空闲（?room= 只看一间）；本校或工作人员另见预约", Access: P}, visits.calendar)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/school-visits/bookings", Summary: "预约参观（学校用户）：room_id、date、slot（时段开始 HH:MM）、grade 1–9、class_name、head_count、teacher_name、teacher_phone → 201；时段已被预约 409；人数超过容纳、日期不在明天至 90 天内、该日没有该时段 422", Access: httpx.SchoolBooker, Body: app.BookingInput{}}, visits.book)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/school-visits/bookings", Summary: "参观预约：学校用户看本校的，工作人员看全部（?status=booked|cancelled&room=&from=&to=&page=；老师手机号脱敏）", Access: httpx.SchoolVisits}, visits.list)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/school-visits/bookings/{id}", Summary: "一条预约（本校用户或工作人员；工作人员查看记审计；他校的预约 404）", Access: httpx.SchoolVisits}, visits.get)
	rt.Handle(httpx.Route{Method: "POST", Pattern: "/api/v1/school-visits/bookings/{id}/cancel", Summary: "取消预约，释放时段：本校用户（reason 选填），工作人员 reason 必填并通知学校；开始后不能取消 409", Access: httpx.SchoolVisits, Body: app.CancelVisitInput{}}, visits.cancel)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/occupations", Summary: "职业分类大典 2022（?q=焊工 或 ?parent=）", Access: P}, codeTables.occupations)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/industries", Summary: "国民经济行业分类（?parent=C）", Access: P}, codeTables.industries)
	rt.Handle(httpx.Route{Method: "GET", Pattern: "/api/v1/openapi.json", Summary: "本 API 的 OpenAPI 3 文档", Access: P}, h.openapi)
	rt.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, h.log, apperr.New(apperr.NotFound, "接口不存在"))
	})
	return h
}

// ServeHTTP dispatches to the registered routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.mustChangePassword(w, r) {
		return
	}
	h.router.Mux.ServeHTTP(w, r)
}

// Routes lists every API route (for the OpenAPI document and access tests).
func (h *Handler) Routes() []httpx.Route { return h.router.Routes }

// deny answers a request the route's access level refuses: 401 to a
// visitor, 403 to a user logged in.
func (h *Handler) deny(w http.ResponseWriter, r *http.Request, loggedIn bool) {
	if !loggedIn {
		writeError(w, r, h.log, apperr.New(apperr.Unauthorized, "请先登录"))
		return
	}
	writeError(w, r, h.log, apperr.New(apperr.Forbidden, "您没有权限访问该接口"))
}
