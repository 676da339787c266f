// Package app holds the platform's use cases: the operations that both the
// HTML pages (package web) and the JSON API (package api) perform. Every
// access check and every audit entry for a use case happens here, once, so
// the two faces cannot disagree about who may do what.
//
// Each module has its own use-case type (Accounts, Registry, Jobs, JobApps,
// JobImports, SavedSearches, Resumes, Policies, PolicyApps, Inbox) holding
// only what it needs; New composes them in one place. None of them hands
// the database to the faces.
package app

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/sms"
	"github.com/jiuye/jiuye/internal/store"
)

// App composes the modules' use cases. It is the one place that knows how
// they depend on each other.
type App struct {
	Codes         *codes.Tables
	Accounts      *Accounts      // sign-up, login, sessions, passwords, users, audit log
	Inbox         *Inbox         // in-site messages
	Registry      *Registry      // persons and enterprises
	Jobs          *Jobs          // 网谷智聘: posts, review, search, recommendations, candidates
	JobApps       *JobApps       // 网谷智聘: applications to posts
	JobImports    *JobImports    // 网谷智聘: bulk post imports
	SavedSearches *SavedSearches // 网谷智聘: saved searches and new-post alerts
	SavedJobs     *SavedJobs     // 网谷智聘: 收藏
	JobReports    *JobReports    // 网谷智聘: 举报 and the reviewers' decisions
	Resumes       *Resumes       // 网谷智聘: resumes and their diagnosis
	Policies      *Policies      // 就业政策通: catalog, matching, push, authoring
	PolicyApps    *PolicyApps    // 就业政策通: applications, review, payouts, uploads
	Gigs          *Gigs          // 零工经纪人: gigs, screening, review, nearest-first search, push, 个人用工
	GigWork       *GigWork       // 零工经纪人: sign-ups, profiles, check-in, pay records, disputes, ratings, 零工驿站
	Casework      *Casework      // 话务中心: lookup, agent screen and agenda, contacts, referrals, follow-ups, queues
	Console       *Console       // the staff console: to-do counts, policy trend
	Outcomes      *Outcomes      // 跟踪评估: insurance import, outcomes, checks due, cohort reports
	Startup       *Startup       // 创业扶持: 青创贷 applications, schedules, repayments and the quarterly subsidy
	Funding       *Funding       // 创业扶持: project funding calls, expert review, ranking and the panel's decision
	Training      *Training      // 技能培训: providers and their designation, classes and 开班备案
	// Internships is 就业见习: bases, their 见习 posts, interns, months and subsidy claims.
	Internships *Internships
	// TrainingEnrolments is 技能培训's enrolment, sign-in, rosters and attendance.
	TrainingEnrolments *TrainingEnrolments
	// TrainingOutcomes is 技能培训's results per provider and class.
	TrainingOutcomes *TrainingOutcomes
	Activities       *Activities   // 青年夜校 and other activities: calendar, sign-up, lottery, waitlist, sign-in, feedback
	Counselling      *Counselling  // 心理咨询: counsellors' slots, bookings, sealed notes, supervisors' counts, break-glass
	Fairs            *Fairs        // job fairs: booths, the booth map, resumes sent at booths, results
	Stations         *Stations     // labour and university liaison stations, their events and hires
	SchoolVisits     *SchoolVisits // 职业启蒙: the vocational school's rooms and schools' class visits
	core             *core
	// Certificates is 技能评价: sittings, results, 职业技能等级证书 and their public check.
	Certificates *Certificates
	// TrainingClaims is 技能培训's subsidy claims: per-trainee checks, review, payout, the ledger.
	TrainingClaims *TrainingClaims
}

// Options are the settings of the use cases that are not in the store.
type Options struct {
	DataDir    string             // uploads live under DataDir/uploads
	HashParams account.HashParams // zero: account.DefaultHashParams
	SMS        sms.Sender         // verification codes; nil: the built-in outbox (/admin/sms)
	// SMSPerIP is how many codes one IP may ask for in an hour: 0 for
	// account.SMSPerIPPerHour, negative for no limit (--auth-rate 0, where
	// the clients cannot be told apart, e.g. behind an untrusted proxy).
	SMSPerIP int
	// CrisisHotline is the number every counselling page shows; "" for
	// DefaultCrisisHotline.
	CrisisHotline string
}

// core is what every module shares: the store, the code tables, the logger.
type core struct {
	db    *store.DB
	codes *codes.Tables
	log   *slog.Logger
}

// New returns an App with every module wired to its dependencies.
func New(db *store.DB, tables *codes.Tables, log *slog.Logger, opt Options) *App {
	c := &core{db: db, codes: tables, log: log}
	x := &App{Codes: tables, core: c}
	x.Accounts = newAccounts(c, opt.HashParams, opt.SMS, opt.SMSPerIP)
	x.Inbox = &Inbox{core: c}
	x.Registry = &Registry{core: c, accounts: x.Accounts}
	x.Jobs = newJobs(c)
	x.JobApps = &JobApps{core: c}
	x.Jobs.apps = x.JobApps
	x.JobImports = &JobImports{core: c, jobs: x.Jobs}
	x.SavedSearches = &SavedSearches{core: c, jobs: x.Jobs}
	x.SavedJobs = &SavedJobs{core: c, jobs: x.Jobs}
	x.JobReports = &JobReports{core: c, jobs: x.Jobs}
	x.Resumes = &Resumes{core: c, jobs: x.Jobs}
	x.Policies = &Policies{core: c}
	x.PolicyApps = &PolicyApps{core: c, policies: x.Policies, dataDir: opt.DataDir, files: db.Box().Files("uploads")}
	x.Gigs = newGigs(c, x.Jobs, x.Policies)
	x.GigWork = newGigWork(c, x.Gigs)
	x.Casework = &Casework{core: c, jobs: x.Jobs, resumes: x.Resumes, policies: x.Policies}
	x.Console = &Console{core: c}
	x.Outcomes = &Outcomes{core: c}
	x.Startup = &Startup{core: c, policies: x.Policies}
	x.Funding = &Funding{core: c, policies: x.Policies, uploads: x.PolicyApps}
	x.Training = newTraining(c)
	x.Internships = newInternships(c, x.Policies)
	x.Activities = newActivities(c)
	x.Counselling = newCounselling(c, opt.CrisisHotline)
	x.TrainingEnrolments = newTrainingEnrolments(c, x.Training)
	x.TrainingOutcomes = &TrainingOutcomes{core: c}
	x.Certificates = &Certificates{core: c, training: x.Training}
	x.TrainingClaims = &TrainingClaims{core: c, training: x.Training, policies: x.Policies}
	x.Fairs = &Fairs{core: c}
	x.Stations = &Stations{core: c}
	x.SchoolVisits = &SchoolVisits{core: c}
	x.PolicyApps.owners = map[string]func(context.Context, *account.User, int64) (bool, error){ // materials sharing the uploads
		"funding_application": x.Funding.mayReadMaterials,
		"startup_loan":        x.Startup.mayReadLoanMaterials,
	}
	x.Startup.uploads = x.PolicyApps
	return x
}

// SMSOutbox is the built-in SMS sender's outbox, or nil when a gateway
// sends the messages. Tests and browser journeys read codes from it in
// place of the person's phone.
func (x *App) SMSOutbox() *sms.Outbox { return x.Accounts.outbox }

// Now is the store's clock, so tests that move it move the pages too.
func (x *App) Now() time.Time { return x.core.now() }

// Ping checks that the store answers (for /readyz).
// While serve rebuilds the job index in the background (no usable
// snapshot), the instance is not ready either.
func (x *App) Ping(ctx context.Context) error {
	if !x.Jobs.JobIndexReady() {
		return errors.New("app.Ping: the job index is being built")
	}
	return x.core.db.Ping(ctx)
}

// Actor is the user performing an operation and where they came from.
// A nil User is an anonymous visitor.
type Actor struct {
	User *account.User
	IP   string
}

func (a Actor) store() store.Actor {
	if a.User == nil {
		return store.Actor{IP: a.IP}
	}
	return store.Actor{UserID: a.User.ID, Role: string(a.User.Role), IP: a.IP}
}

// now is the store's clock, so tests that move it move everything.
func (c *core) now() time.Time { return c.db.Now() }

// deny audits a refused access and returns the Forbidden error. It is for
// refusals that do not depend on which object is asked for (a role that
// may never do this) or of an object the caller may already see; an object
// the caller may not see is refused with conceal.
func (c *core) deny(ctx context.Context, a Actor, objType string, objID int64) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	if err := c.db.Audit(ctx, a.store(), audit.AccessDenied, objType, objID, "", audit.ResultDenied); err != nil {
		c.log.Error("audit denied access", "err", err)
	}
	return apperr.New(apperr.Forbidden, "您没有权限访问该信息")
}

// conceal refuses an object by id that the caller may not see: audited as a
// denied access like deny, but answered exactly as an id with no object
// (store.Missing), so nobody can probe ids to learn which objects exist or
// count other people's applications, uploads, imports or saved searches.
func (c *core) conceal(ctx context.Context, a Actor, objType string, objID int64) error {
	if err := c.deny(ctx, a, objType, objID); a.User == nil {
		return err
	}
	return store.Missing(objType)
}

// refuse refuses an object by id: with deny when the caller may see that
// it exists (a reviewer who may read a record but not change it, the
// applicant on the employer's side of their own application), else with
// conceal.
func (c *core) refuse(ctx context.Context, a Actor, objType string, objID int64, visible bool) error {
	if visible {
		return c.deny(ctx, a, objType, objID)
	}
	return c.conceal(ctx, a, objType, objID)
}

// hasher bounds concurrent argon2id work (memory and CPU): a burst of
// logins queues instead of exhausting memory.
type hasher struct {
	params    account.HashParams
	slots     chan struct{}
	dummyHash string // checked for unknown phones so they cost the same time
}

func newHasher(p account.HashParams) *hasher {
	if p == (account.HashParams{}) {
		p = account.DefaultHashParams
	}
	h, _ := account.HashPassword("dummy-password-1", p)
	return &hasher{params: p, slots: make(chan struct{}, runtime.GOMAXPROCS(0)), dummyHash: h}
}

func (h *hasher) hash(pw string) (string, error) {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	return account.HashPassword(pw, h.params)
}

func (h *hasher) check(pw, encoded string) bool {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	return account.CheckPassword(pw, encoded)
}
