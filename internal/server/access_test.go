package server_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/store"
)

// roles are the callers every route is tried with. "person" owns the person
// in {id} routes and "employer" owns the enterprise; person2 and employer2
// are other people's accounts of the same role; "bank" works for a partner
// bank (青创贷); "expert" is a review expert (创业项目资助); "counsellor" a
// counsellor (心理咨询); "school" books 职业启蒙 visits for a school.
var roles = []string{"anon", "person", "person2", "employer", "employer2", "staff", "reviewer", "admin", "bank", "expert", "counsellor", "school"}

// who may use each route; the test fails for a route missing here, so a new
// route cannot ship without a decision about its access.
var access = map[string]string{
	"GET /{$}":              "*",
	"GET /register":         "*",
	"POST /register":        "*",
	"GET /login":            "*",
	"POST /login":           "*",
	"POST /logout":          "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /settings/large":  "*",
	"GET /password/forgot":  "*",
	"POST /password/forgot": "*",
	"POST /password/reset":  "*",
	"GET /terms":            "*",
	"GET /privacy":          "*",
	"GET /console/persons/{id}/password-reset":  "staff admin",
	"POST /console/persons/{id}/password-reset": "staff admin",
	"GET /admin/users/{id}/password-reset":      "admin",
	"POST /admin/users/{id}/password-reset":     "admin",
	"GET /admin/terms":                          "admin",
	"POST /admin/terms":                         "admin",
	"GET /admin/sms":                            "admin",
	"GET /me":                                   "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /me/reveal":                           "person person2",
	"GET /me/edit":                              "person person2",
	"POST /me/edit":                             "person person2",
	"GET /me/password":                          "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /me/password":                         "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /inbox":                                "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /inbox/{id}/read":                     "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /enterprise":                           "employer employer2",
	"GET /enterprise/edit":                      "employer employer2",
	"POST /enterprise/edit":                     "employer employer2",
	"GET /console":                              "staff reviewer admin",
	"GET /console/persons/{id}":                 "staff reviewer admin",
	"GET /console/persons/{id}/edit":            "staff admin",
	"POST /console/persons/{id}/edit":           "staff admin",
	"GET /console/enterprises/{id}":             "staff reviewer admin",
	"POST /console/enterprises/{id}/verify":     "staff reviewer admin",
	"GET /console/policies/new":                 "staff admin",
	"POST /console/policies/new":                "staff admin",
	"POST /console/policies/suggest":            "staff reviewer admin",
	"GET /console/policies/{id}/edit":           "staff admin",
	"POST /console/policies/{id}/edit":          "staff admin",
	"GET /admin/users":                          "admin",
	"POST /admin/users":                         "admin",
	"POST /admin/users/{id}/disabled":           "admin",
	"GET /admin/audit":                          "admin",
	"GET /guidance":                             "*",

	"GET /policies":                          "*",
	"GET /policies/check":                    "*",
	"POST /policies/check":                   "*",
	"GET /policies/{id}":                     "*",
	"POST /policies/{id}/apply":              "person person2 employer employer2",
	"GET /policies/{id}/publicity":           "*",
	"GET /me/policies":                       "person person2 employer employer2",
	"POST /me/policies/answers":              "person person2 employer employer2",
	"GET /me/applications":                   "person person2 employer employer2",
	"GET /me/applications/{id}":              "person person2 employer employer2",
	"POST /me/applications/{id}/resubmit":    "person person2 employer employer2",
	"GET /uploads/{id}":                      "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /console/policies":                  "staff reviewer admin",
	"GET /console/applications":              "staff reviewer admin",
	"GET /console/applications/{id}":         "staff reviewer admin",
	"POST /console/applications/{id}/decide": "reviewer admin",
	"POST /console/payouts":                  "reviewer admin",
	"POST /console/grants":                   "reviewer admin",

	"GET /jobs":                                    "*",
	"GET /jobs/{id}":                               "*",
	"GET /enterprise/jobs":                         "employer employer2",
	"GET /enterprise/jobs/new":                     "employer employer2",
	"GET /enterprise/jobs/import":                  "employer employer2",
	"POST /enterprise/jobs/import":                 "employer employer2",
	"GET /enterprise/jobs/import/template.xlsx":    "employer employer2",
	"POST /enterprise/jobs/import/mapping":         "employer employer2",
	"GET /console/classifier":                      "staff reviewer admin",
	"POST /console/classifier/{id}/delete":         "staff reviewer admin",
	"GET /enterprise/job-imports/{id}":             "employer",
	"GET /enterprise/job-imports/{id}/errors.xlsx": "employer",
	"POST /enterprise/jobs/new":                    "employer employer2",
	"GET /enterprise/jobs/{id}/edit":               "employer",
	"POST /enterprise/jobs/{id}/edit":              "employer",
	"POST /enterprise/jobs/{id}/status":            "employer",
	"GET /console/jobs/review":                     "reviewer admin",
	"GET /enterprise/jobs/{id}/candidates":         "employer",
	"GET /me/recommendations":                      "person person2",
	"POST /console/jobs/{id}/review":               "reviewer admin",
	"GET /api/v1/jobs":                             "*",
	"GET /api/v1/jobs/suggest":                     "*",
	"GET /api/v1/jobs/{id}":                        "*",
	"POST /api/v1/jobs":                            "employer employer2",
	"PUT /api/v1/jobs/{id}":                        "employer staff admin",
	"POST /api/v1/jobs/{id}/status":                "employer staff admin",
	"POST /api/v1/jobs/{id}/review":                "reviewer admin",
	"GET /api/v1/me/jobs":                          "employer employer2",
	"POST /api/v1/me/job-imports":                  "employer employer2",
	"GET /api/v1/me/job-imports":                   "employer employer2",
	"GET /api/v1/me/job-imports/{id}":              "employer",
	"GET /api/v1/me/job-imports/{id}/errors.xlsx":  "employer",
	"GET /api/v1/job-reviews":                      "reviewer admin",
	"POST /api/v1/occupations/classify":            "*",
	"GET /api/v1/me/recommendations":               "person person2",
	"GET /api/v1/jobs/{id}/candidates":             "employer staff admin",

	"POST /jobs/{id}/apply":                         "person person2",
	"GET /me/job-applications":                      "person person2",
	"GET /me/job-applications/{id}":                 "person",
	"POST /me/job-applications/{id}/withdraw":       "person",
	"GET /enterprise/jobs/{id}/applicants":          "employer",
	"GET /enterprise/job-applications/{id}":         "employer",
	"POST /enterprise/job-applications/{id}/status": "employer",
	"POST /api/v1/jobs/{id}/applications":           "person person2",
	"GET /api/v1/jobs/{id}/applicants":              "employer",
	"GET /api/v1/me/job-applications":               "person person2",
	"GET /api/v1/me/job-applications/{id}":          "person",
	"GET /api/v1/job-applications/{id}":             "person employer",
	"POST /api/v1/job-applications/{id}/status":     "employer",
	"POST /api/v1/job-applications/{id}/withdraw":   "person",

	"GET /me/saved-searches":                     "person person2",
	"POST /me/saved-searches":                    "person person2",
	"POST /me/saved-searches/{id}/delete":        "person person2",
	"GET /api/v1/me/saved-searches":              "person person2",
	"POST /api/v1/me/saved-searches":             "person person2",
	"DELETE /api/v1/me/saved-searches/{id}":      "person person2",
	"GET /me/resume":                             "person person2",
	"POST /me/resume":                            "person person2",
	"GET /me/resume/diagnosis":                   "person person2",
	"GET /me/resume/print":                       "person person2",
	"GET /console/persons/{id}/resume":           "staff reviewer admin",
	"POST /console/persons/{id}/resume":          "staff admin",
	"GET /console/persons/{id}/resume/diagnosis": "staff reviewer admin",
	"GET /console/persons/{id}/resume/print":     "staff reviewer admin",
	"GET /api/v1/me/resume":                      "person person2",
	"PUT /api/v1/me/resume":                      "person person2",
	"GET /api/v1/me/resume/diagnosis":            "person person2",
	"GET /api/v1/persons/{id}/resume":            "person staff reviewer admin",
	"PUT /api/v1/persons/{id}/resume":            "person staff admin",
	"GET /api/v1/persons/{id}/resume/diagnosis":  "person staff reviewer admin",

	"POST /api/v1/auth/register":                         "*",
	"POST /api/v1/auth/login":                            "*",
	"POST /api/v1/auth/logout":                           "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /api/v1/me":                                     "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /api/v1/me/reveal":                             "person person2",
	"PUT /api/v1/me/person":                              "person person2",
	"PUT /api/v1/me/enterprise":                          "employer employer2",
	"POST /api/v1/me/password":                           "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /api/v1/me/inbox":                               "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /api/v1/me/inbox/{id}/read":                    "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /api/v1/persons":                                "staff reviewer admin",
	"GET /api/v1/persons/{id}":                           "person staff reviewer admin",
	"PUT /api/v1/persons/{id}":                           "person staff admin",
	"GET /api/v1/enterprises":                            "staff reviewer admin",
	"GET /api/v1/enterprises/{id}":                       "employer staff reviewer admin",
	"PUT /api/v1/enterprises/{id}":                       "employer staff admin",
	"POST /api/v1/enterprises/{id}/verify":               "staff reviewer admin",
	"GET /api/v1/users":                                  "admin",
	"POST /api/v1/users":                                 "admin",
	"POST /api/v1/users/{id}/disabled":                   "admin",
	"GET /api/v1/audit":                                  "admin",
	"GET /api/v1/policies":                               "*",
	"POST /api/v1/policies/match":                        "*",
	"GET /api/v1/policies/{id}":                          "*",
	"GET /api/v1/policies/{id}/publicity":                "*",
	"POST /api/v1/policies/{id}/applications":            "person person2 employer employer2",
	"PUT /api/v1/policies/{id}":                          "staff admin",
	"POST /api/v1/policies/{id}/preview":                 "staff admin",
	"POST /api/v1/policy-suggestions":                    "staff reviewer admin",
	"GET /api/v1/me/policies":                            "person person2 employer employer2",
	"PUT /api/v1/me/policy-answers":                      "person person2 employer employer2",
	"GET /api/v1/me/applications":                        "person person2 employer employer2",
	"GET /api/v1/applications":                           "staff reviewer admin",
	"GET /api/v1/applications/{id}":                      "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /api/v1/applications/{id}/decision":            "reviewer admin",
	"POST /api/v1/payouts":                               "reviewer admin",
	"POST /api/v1/grants":                                "reviewer admin",
	"GET /api/v1/uploads/{id}":                           "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /gigs":                                          "*",
	"GET /gigs/{id}":                                     "*",
	"POST /gigs/{id}/signup":                             "person person2",
	"GET /me/gigs":                                       "person person2",
	"POST /me/gig-signups/{id}/cancel":                   "person",
	"GET /me/gig-profile":                                "person person2",
	"POST /me/gig-profile":                               "person person2",
	"GET /gig-posts":                                     "employer employer2 person person2",
	"GET /gig-posts/new":                                 "employer employer2 person person2",
	"POST /gig-posts/new":                                "employer employer2 person person2",
	"GET /gig-posts/{id}/edit":                           "employer",
	"POST /gig-posts/{id}/edit":                          "employer",
	"POST /gig-posts/{id}/status":                        "employer",
	"GET /gig-posts/{id}/signups":                        "employer",
	"POST /gig-signups/{id}/decision":                    "employer",
	"GET /gigs/checkin":                                  "person person2",
	"POST /gigs/checkin":                                 "person person2",
	"POST /me/gig-signups/{id}/receipt":                  "person",
	"POST /gig-signups/{id}/rating":                      "person employer",
	"GET /gig-shifts/{id}/checkin":                       "employer",
	"POST /gig-signups/{id}/complete":                    "employer",
	"POST /gig-signups/{id}/no-show":                     "employer",
	"POST /gig-signups/{id}/statement":                   "employer",
	"POST /gigs/{id}/signup-for":                         "staff admin",
	"GET /console/gigs/station":                          "staff admin",
	"GET /console/casework":                              "staff admin",
	"POST /console/casework/next":                        "staff admin",
	"GET /console/casework/persons/{id}":                 "staff admin",
	"POST /console/casework/persons/{id}/reveal":         "staff admin",
	"POST /console/casework/persons/{id}/refer":          "staff admin",
	"POST /console/casework/persons/{id}/send-policy":    "staff admin",
	"POST /console/casework/persons/{id}/reassign":       "admin",
	"POST /console/casework/contacts":                    "staff admin",
	"POST /console/casework/followups":                   "staff admin",
	"POST /console/casework/followups/{id}/close":        "staff admin",
	"POST /console/casework/followups/{id}/reassign":     "admin",
	"GET /console/casework/team":                         "admin",
	"POST /console/casework/agents/{id}":                 "admin",
	"GET /console/casework/scripts":                      "staff admin",
	"POST /console/casework/scripts":                     "admin",
	"GET /me/contacts":                                   "person person2",
	"GET /api/v1/casework/lookup":                        "staff admin",
	"GET /api/v1/casework/persons/{id}/overview":         "staff admin",
	"POST /api/v1/casework/persons/{id}/reveal":          "staff admin",
	"POST /api/v1/casework/persons/{id}/referrals":       "staff admin",
	"POST /api/v1/casework/persons/{id}/policy-messages": "staff admin",
	"POST /api/v1/casework/contacts":                     "staff admin",
	"POST /api/v1/casework/followups":                    "staff admin",
	"POST /api/v1/casework/followups/{id}/close":         "staff admin",
	"POST /api/v1/casework/followups/{id}/reassign":      "admin",
	"GET /api/v1/casework/queue":                         "staff admin",
	"GET /api/v1/casework/team":                          "admin",
	"GET /api/v1/me/contacts":                            "person person2",
	"POST /me/gig-employer":                              "person person2",
	"GET /console/gigs/employers":                        "staff admin",
	"POST /console/gig-employers/{id}/decision":          "staff admin",
	"GET /console/gigs/disputes":                         "staff admin",
	"POST /console/gig-signups/{id}/resolve":             "staff admin",
	"GET /console/gigs/review":                           "reviewer admin",
	"POST /console/gigs/{id}/review":                     "reviewer admin",
	"GET /api/v1/gigs":                                   "*",
	"GET /api/v1/gigs/{id}":                              "*",
	"POST /api/v1/gigs":                                  "employer employer2 person person2",
	"POST /api/v1/gigs/screen":                           "*",
	"PUT /api/v1/gigs/{id}":                              "employer staff admin",
	"POST /api/v1/gigs/{id}/status":                      "employer staff admin",
	"POST /api/v1/gigs/{id}/review":                      "reviewer admin",
	"GET /api/v1/gig-reviews":                            "reviewer admin",
	"GET /api/v1/me/gigs":                                "employer employer2 person person2",
	"POST /api/v1/gigs/{id}/signups":                     "person person2 staff admin",
	"GET /api/v1/gigs/{id}/signups":                      "employer staff reviewer admin",
	"POST /api/v1/gig-signups/{id}/cancel":               "person staff admin",
	"POST /api/v1/gig-signups/{id}/decision":             "employer staff admin",
	"GET /api/v1/gig-shifts/{id}/checkin-code":           "employer staff admin",
	"POST /api/v1/gig-checkins":                          "person person2",
	"POST /api/v1/gig-signups/{id}/complete":             "employer staff admin",
	"POST /api/v1/gig-signups/{id}/no-show":              "employer staff admin",
	"POST /api/v1/gig-signups/{id}/receipt":              "person",
	"POST /api/v1/gig-signups/{id}/statement":            "employer staff admin",
	"POST /api/v1/gig-signups/{id}/resolution":           "staff admin",
	"POST /api/v1/gig-signups/{id}/rating":               "person employer",
	"GET /api/v1/me/gig-employer":                        "person person2",
	"PUT /api/v1/me/gig-employer":                        "person person2",
	"GET /api/v1/gig-employers":                          "staff admin",
	"POST /api/v1/gig-employers/{id}/decision":           "staff admin",
	"GET /api/v1/gig-disputes":                           "staff admin",
	"GET /api/v1/me/gig-signups":                         "person person2",
	"GET /api/v1/me/gig-profile":                         "person person2",
	"PUT /api/v1/me/gig-profile":                         "person person2",
	"GET /api/v1/regions":                                "*",
	"GET /api/v1/occupations":                            "*",
	"GET /api/v1/industries":                             "*",
	"GET /api/v1/openapi.json":                           "*",
	"POST /api/v1/auth/sms-code":                         "*",
	"POST /api/v1/auth/reset":                            "*",
	"GET /api/v1/terms":                                  "*",
	"POST /api/v1/persons/{id}/password-reset":           "staff admin",
	"POST /api/v1/users/{id}/password-reset":             "admin",

	// 邀请投递 and the staff console's numbers (issue 12 items 7 and 8).
	"POST /enterprise/jobs/{id}/candidates/{person_id}/invite": "employer",
	"POST /api/v1/jobs/{id}/candidates/{person_id}/invite":     "employer",
	"GET /api/v1/console/todo":                                 "staff reviewer admin",
	"GET /api/v1/console/policy-trend":                         "staff reviewer admin",

	// 收藏, 举报 and the enterprise page (issue 12 item 5).
	"POST /jobs/{id}/save":                   "person person2",
	"GET /me/saved-jobs":                     "person person2",
	"POST /jobs/{id}/report":                 "person person2 employer employer2",
	"GET /enterprises/{id}/jobs":             "*",
	"POST /console/jobs/{id}/reports":        "reviewer admin",
	"GET /api/v1/me/saved-jobs":              "person person2",
	"POST /api/v1/me/saved-jobs/{post_id}":   "person person2",
	"DELETE /api/v1/me/saved-jobs/{post_id}": "person person2",
	"POST /api/v1/jobs/{id}/reports":         "person person2 employer employer2",

	// 跟踪评估 outcome tracking (issue 11 item 5).
	"GET /console/casework/outcomes":                          "staff admin",
	"POST /console/casework/outcomes/insurance":               "staff admin",
	"GET /console/casework/outcomes/insurance-template.xlsx":  "staff admin",
	"GET /console/casework/outcomes/imports/{id}/errors.xlsx": "staff admin",
	"GET /console/casework/persons/{id}/outcomes":             "staff admin",
	"POST /console/casework/persons/{id}/outcomes":            "staff admin",
	"GET /api/v1/outcomes/cohorts":                            "staff admin",
	"POST /api/v1/outcomes/insurance":                         "staff admin",
	"GET /api/v1/outcomes/insurance-imports/{id}":             "staff admin",
	"GET /api/v1/outcomes/persons/{id}":                       "staff admin",
	"POST /api/v1/outcomes/persons/{id}":                      "staff admin",

	// 话务中心 enterprise vacancy collection and quality reviews (issue 11 items 3 and 6).
	"GET /console/casework/enterprises/{id}":                   "staff admin",
	"POST /console/casework/vacancies":                         "staff admin",
	"POST /console/casework/vacancies/{id}/publish":            "staff admin",
	"POST /console/casework/vacancies/{id}/withdraw":           "staff admin",
	"GET /console/casework/reviews":                            "staff admin",
	"POST /console/casework/reviews/sample":                    "admin",
	"POST /console/casework/reviews/{id}":                      "admin",
	"GET /enterprise/vacancy-drafts":                           "employer employer2",
	"POST /enterprise/vacancy-drafts/{id}/decline":             "employer employer2",
	"GET /api/v1/casework/enterprises":                         "staff admin",
	"GET /api/v1/casework/enterprises/{id}/history":            "staff admin",
	"POST /api/v1/casework/vacancies":                          "staff admin",
	"GET /api/v1/casework/vacancies/{id}":                      "staff admin",
	"POST /api/v1/casework/vacancies/{id}/publish":             "staff admin",
	"POST /api/v1/casework/vacancies/{id}/withdraw":            "staff admin",
	"GET /api/v1/casework/reviews":                             "staff admin",
	"POST /api/v1/casework/reviews/sample":                     "admin",
	"POST /api/v1/casework/reviews/{id}":                       "admin",
	"GET /startup/loan-calculator":                             "*",
	"POST /api/v1/startup/loans/schedule":                      "*",
	"POST /api/v1/startup/loans":                               "person person2 employer employer2",
	"GET /api/v1/me/loans":                                     "person person2 employer employer2",
	"GET /api/v1/startup/loans/{id}":                           "person person2 employer employer2 staff admin",
	"POST /api/v1/startup/loans/{id}/withdraw":                 "person person2 employer employer2",
	"GET /api/v1/startup/loans":                                "staff admin bank",
	"POST /api/v1/startup/loans/{id}/actions":                  "staff admin bank",
	"POST /api/v1/startup/loans/{id}/repayments":               "staff admin bank",
	"POST /api/v1/startup/repayments/import":                   "staff admin bank",
	"GET /api/v1/startup/banks":                                "staff admin",
	"POST /api/v1/startup/subsidies":                           "staff admin",
	"POST /api/v1/startup/banks":                               "admin",
	"GET /startup/loans/new":                                   "person person2 employer employer2",
	"POST /startup/loans":                                      "person person2 employer employer2",
	"GET /me/loans":                                            "person person2 employer employer2",
	"GET /startup/loans/{id}":                                  "person person2 employer employer2 staff admin",
	"POST /startup/loans/{id}/withdraw":                        "person person2 employer employer2",
	"GET /console/startup/loans":                               "staff admin",
	"GET /startup":                                             "*",
	"GET /startup/funding":                                     "*",
	"GET /startup/funding/{id}":                                "*",
	"POST /startup/funding/{id}/apply":                         "person person2",
	"GET /me/funding":                                          "person person2",
	"GET /console/startup/funding":                             "staff admin",
	"POST /console/startup/funding":                            "staff admin",
	"GET /console/startup/funding/{id}":                        "staff admin",
	"POST /console/startup/funding/{id}/assign":                "staff admin",
	"POST /console/startup/funding/{id}/decide":                "staff admin",
	"GET /console/startup/funding/{id}/scores.xlsx":            "staff admin",
	"GET /me/funding/{id}":                                     "person person2",
	"POST /me/funding/{id}/milestones/{n}":                     "person person2",
	"POST /me/funding/{id}/followups":                          "person person2",
	"GET /console/startup/grants/{id}":                         "staff admin",
	"POST /console/startup/grants/{id}/milestones/{n}":         "staff admin",
	"POST /console/startup/grants/{id}/followups":              "staff admin",
	"GET /api/v1/startup/grants/{id}":                          "person person2 staff admin",
	"POST /api/v1/startup/grants/{id}/milestones/{n}/report":   "person person2",
	"POST /api/v1/startup/grants/{id}/milestones/{n}/review":   "staff admin",
	"POST /api/v1/startup/grants/{id}/followups":               "person person2 staff admin",
	"GET /expert/reviews":                                      "expert",
	"GET /expert/reviews/{id}":                                 "expert",
	"POST /expert/reviews/{id}/conflict":                       "expert",
	"POST /expert/reviews/{id}/score":                          "expert",
	"GET /api/v1/startup/funding":                              "*",
	"POST /api/v1/startup/funding":                             "staff admin",
	"GET /api/v1/startup/funding/{id}":                         "*",
	"POST /api/v1/startup/funding/{id}/applications":           "person person2",
	"GET /api/v1/me/funding":                                   "person person2",
	"GET /api/v1/startup/funding/{id}/ranking":                 "staff admin",
	"POST /api/v1/startup/funding/{id}/assignments":            "staff admin",
	"POST /api/v1/startup/funding/{id}/decision":               "staff admin",
	"GET /api/v1/expert/reviews":                               "expert",
	"GET /api/v1/expert/reviews/{id}":                          "expert",
	"POST /api/v1/expert/reviews/{id}/conflict":                "expert",
	"POST /api/v1/expert/reviews/{id}/score":                   "expert",
	"GET /bank/loans":                                          "staff admin bank",
	"POST /console/startup/loans/{id}/actions":                 "staff admin bank",
	"POST /console/startup/loans/{id}/repayments":              "staff admin bank",
	"POST /console/startup/repayments/import":                  "staff admin bank",
	"GET /console/startup/subsidies.xlsx":                      "staff admin",
	"POST /console/startup/subsidies":                          "staff admin",
	"POST /console/startup/banks":                              "admin",
	"GET /me/employment":                                       "person person2",
	"POST /me/employment":                                      "person person2",
	"GET /api/v1/me/employment":                                "person person2",
	"POST /api/v1/me/employment":                               "person person2",
	"GET /api/v1/me/vacancy-drafts":                            "employer employer2",
	"POST /api/v1/me/vacancy-drafts/{id}/confirm":              "employer employer2",
	"POST /api/v1/me/vacancy-drafts/{id}/decline":              "employer employer2",
	"GET /startup/parks":                                       "*",
	"GET /startup/parks/{id}":                                  "*",
	"GET /console/startup/parks":                               "staff admin",
	"GET /console/startup/parks/new":                           "staff admin",
	"POST /console/startup/parks":                              "staff admin",
	"GET /console/startup/parks/{id}":                          "staff admin",
	"GET /console/startup/parks/{id}/edit":                     "staff admin",
	"POST /console/startup/parks/{id}/edit":                    "staff admin",
	"POST /console/startup/parks/{id}/tenants":                 "staff admin",
	"GET /console/startup/park-tenants/{id}":                   "staff admin",
	"POST /console/startup/park-tenants/{id}":                  "staff admin",
	"POST /console/startup/parks/{id}/events":                  "staff admin",
	"GET /console/startup/park-events/{id}":                    "staff admin",
	"POST /console/startup/park-events/{id}":                   "staff admin",
	"GET /console/startup/parks/{id}/assessment":               "staff admin",
	"POST /console/startup/parks/{id}/assessment":              "staff admin",
	"GET /api/v1/startup/parks":                                "*",
	"GET /api/v1/startup/parks/{id}":                           "*",
	"POST /api/v1/startup/parks":                               "staff admin",
	"PUT /api/v1/startup/parks/{id}":                           "staff admin",
	"POST /api/v1/startup/parks/{id}/tenants":                  "staff admin",
	"PUT /api/v1/startup/park-tenants/{id}":                    "staff admin",
	"POST /api/v1/startup/parks/{id}/events":                   "staff admin",
	"PUT /api/v1/startup/park-events/{id}":                     "staff admin",
	"GET /api/v1/startup/parks/{id}/assessments":               "staff admin",
	"POST /api/v1/startup/parks/{id}/assessments":              "staff admin",
	"PUT /api/v1/startup/parks/{id}/assessments":               "staff admin",
	"GET /training/providers":                                  "*",
	"GET /training/providers/{id}":                             "*",
	"GET /training/classes":                                    "*",
	"GET /training/classes/{id}":                               "*",
	"GET /enterprise/training":                                 "employer employer2",
	"GET /enterprise/training/apply":                           "employer employer2",
	"POST /enterprise/training/apply":                          "employer employer2",
	"GET /enterprise/training/providers/{id}/classes/new":      "employer employer2",
	"POST /enterprise/training/providers/{id}/classes":         "employer employer2",
	"GET /console/training/providers":                          "staff admin",
	"GET /console/training/providers/new":                      "staff admin",
	"POST /console/training/providers":                         "staff admin",
	"POST /console/training/providers/{id}/designate":          "staff admin",
	"POST /console/training/providers/{id}/suspend":            "staff admin",
	"POST /console/training/providers/{id}/reinstate":          "staff admin",
	"GET /console/training/classes":                            "staff admin",
	"POST /console/training/classes/{id}/approve":              "staff admin",
	"POST /console/training/classes/{id}/return":               "staff admin",
	"GET /console/training/classes.xlsx":                       "staff admin",
	"GET /console/training/outcomes":                           "staff admin",
	"GET /console/training/outcomes.xlsx":                      "staff admin",
	"GET /api/v1/training/providers":                           "*",
	"GET /api/v1/training/providers/{id}":                      "*",
	"POST /api/v1/training/providers":                          "employer employer2 staff admin",
	"GET /api/v1/me/training/providers":                        "employer employer2",
	"POST /api/v1/training/providers/{id}/designate":           "staff admin",
	"POST /api/v1/training/providers/{id}/suspend":             "staff admin",
	"POST /api/v1/training/providers/{id}/reinstate":           "staff admin",
	"POST /api/v1/training/providers/{id}/classes":             "employer employer2",
	"GET /api/v1/training/classes":                             "*",
	"GET /api/v1/training/classes/{id}":                        "*",
	"PUT /api/v1/training/classes/{id}":                        "employer employer2",
	"POST /api/v1/training/classes/{id}/approve":               "staff admin",
	"POST /api/v1/training/classes/{id}/return":                "staff admin",
	"GET /api/v1/training/standards":                           "*",
	"GET /api/v1/training/outcomes":                            "staff admin",
	"GET /api/v1/training/providers/{id}/results":              "*",
	"GET /activities":                                          "*",
	"GET /activities/{id}":                                     "*",
	"POST /activities/{id}/signup":                             "person person2",
	"GET /activities/{id}/lottery":                             "*",
	"GET /activities/checkin":                                  "person person2",
	"POST /activities/checkin":                                 "person person2",
	"POST /activity-signups/{id}/cancel":                       "person person2 staff admin",
	"POST /activity-signups/{id}/confirm":                      "person person2",
	"POST /activity-signups/{id}/feedback":                     "person person2",
	"GET /me/activities":                                       "person person2",
	"GET /me/activities.ics":                                   "person person2",
	"GET /console/activities":                                  "staff admin",
	"GET /calendar/{token}":                                    "*",
	"GET /night-school":                                        "*",
	"GET /console/activities.xlsx":                             "staff admin",
	"GET /console/activities/new":                              "staff admin",
	"POST /console/activities":                                 "staff admin",
	"GET /console/activities/{id}/edit":                        "staff admin",
	"POST /console/activities/{id}":                            "staff admin",
	"POST /console/activities/{id}/cancel":                     "staff admin",
	"POST /console/activities/{id}/draw":                       "staff admin",
	"GET /console/activities/{id}/roster":                      "staff admin",
	"GET /console/activities/{id}/roster.xlsx":                 "staff admin",
	"POST /console/activity-signups/{id}/attendance":           "staff admin",
	"GET /console/activity-sessions/{id}/code":                 "staff admin",
	"GET /api/v1/activities":                                   "*",
	"GET /api/v1/activities/{id}":                              "*",
	"POST /api/v1/activities":                                  "staff admin",
	"PUT /api/v1/activities/{id}":                              "staff admin",
	"POST /api/v1/activities/{id}/cancel":                      "staff admin",
	"POST /api/v1/activities/{id}/draw":                        "staff admin",
	"GET /api/v1/activities/{id}/lottery":                      "*",
	"GET /api/v1/activities/{id}/roster":                       "staff admin",
	"POST /api/v1/activities/{id}/signups":                     "person person2",
	"GET /api/v1/me/activities":                                "person person2",
	"POST /api/v1/activity-signups/{id}/cancel":                "person person2 staff admin",
	"POST /api/v1/activity-signups/{id}/confirm":               "person person2",
	"POST /api/v1/activity-signups/{id}/feedback":              "person person2",
	"POST /api/v1/activity-signups/{id}/attendance":            "staff admin",
	"POST /api/v1/activities/checkin":                          "person person2",
	"GET /api/v1/activity-sessions/{id}/code":                  "staff admin",
	"GET /counselling":                                         "*",
	"GET /counselling/slots/{id}":                              "*",
	"POST /counselling/slots/{id}/book":                        "person person2",
	"GET /me/counselling":                                      "person person2",
	"POST /counselling/bookings/{id}/cancel":                   "person person2 counsellor",
	"GET /counsel":                                             "counsellor",
	"POST /counsel/slots":                                      "counsellor",
	"POST /counsel/slots/{id}/cancel":                          "counsellor",
	"GET /counsel/bookings/{id}":                               "counsellor",
	"POST /counsel/bookings/{id}":                              "counsellor",
	"GET /console/counselling":                                 "staff admin",
	"GET /console/counselling.xlsx":                            "staff admin",
	"GET /console/fairs/{id}/results.xlsx":                     "staff admin",
	"POST /console/counselling/break-glass":                    "admin",
	"GET /api/v1/counselling/slots":                            "*",
	"POST /api/v1/counselling/slots/{id}/bookings":             "person person2",
	"GET /api/v1/me/counselling":                               "person person2",
	"GET /api/v1/counselling/bookings/{id}":                    "person person2 counsellor",
	"POST /api/v1/counselling/bookings/{id}/cancel":            "person person2 counsellor",
	"GET /api/v1/counsel/desk":                                 "counsellor",
	"POST /api/v1/counsel/slots":                               "counsellor",
	"POST /api/v1/counsel/slots/{id}/cancel":                   "counsellor",
	"PUT /api/v1/counselling/bookings/{id}/notes":              "counsellor",
	"GET /api/v1/counselling/counts":                           "staff admin",
	"POST /api/v1/counselling/bookings/{id}/break-glass":       "admin",
	"POST /training/classes/{id}/enrol":                        "person person2",
	"POST /training/classes/{id}/withdraw":                     "person person2",
	"GET /me/training":                                         "person person2",
	"GET /training/checkin":                                    "person person2",
	"POST /training/checkin":                                   "person person2",
	"GET /enterprise/training/classes/{id}/roster":             "employer employer2",
	"GET /enterprise/training/classes/{id}/roster.xlsx":        "employer employer2",
	"GET /enterprise/training/sessions/{id}/code":              "employer employer2",
	"POST /enterprise/training/sessions/{id}/attendance":       "employer employer2",
	"GET /enterprise/training/classes/{id}/import":             "employer employer2",
	"POST /enterprise/training/classes/{id}/import":            "employer employer2",
	"GET /enterprise/training/trainees-template.xlsx":          "employer employer2",
	"GET /console/training/classes/{id}":                       "staff admin",
	"GET /console/training/classes/{id}/roster.xlsx":           "staff admin",
	"POST /console/training/sessions/{id}/attendance":          "staff admin",
	"GET /console/training/classes/{id}/import":                "staff admin",
	"POST /console/training/classes/{id}/import":               "staff admin",
	"GET /console/training/trainees-template.xlsx":             "staff admin",
	"GET /console/training/sessions/{id}/code":                 "staff admin",
	"GET /enterprise/training/classes/{id}/edit":               "employer employer2",
	"POST /enterprise/training/classes/{id}/edit":              "employer employer2",
	"POST /api/v1/training/classes/{id}/enrolments":            "person person2",
	"POST /api/v1/training/classes/{id}/withdraw":              "person person2",
	"GET /api/v1/me/training":                                  "person person2",
	"POST /api/v1/training/checkin":                            "person person2",
	"GET /api/v1/training/classes/{id}/roster":                 "employer employer2 staff admin",
	"POST /api/v1/training/classes/{id}/trainees":              "employer employer2 staff admin",
	"GET /api/v1/training/sessions/{id}/code":                  "employer employer2 staff admin",
	"POST /api/v1/training/sessions/{id}/attendance":           "employer employer2 staff admin",
	"GET /certificates/verify":                                 "*",
	"GET /certificates/{id}":                                   "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /me/certificates":                                     "person person2",
	"GET /console/certificates":                                "staff admin",
	"GET /console/certificates.xlsx":                           "staff admin",
	"GET /enterprise/certificates":                             "employer employer2",
	"GET /enterprise/certificates/providers/{id}/sittings/new": "employer employer2",
	"POST /enterprise/certificates/providers/{id}/sittings":    "employer employer2",
	"GET /enterprise/certificates/sittings/{id}":               "employer employer2",
	"POST /enterprise/certificates/sittings/{id}/candidates":   "employer employer2",
	"POST /enterprise/certificates/sittings/{id}/results":      "employer employer2",
	"POST /enterprise/certificates/sittings/{id}/import":       "employer employer2",
	"GET /enterprise/certificates/results-template.xlsx":       "employer employer2",
	"POST /enterprise/certificates/sittings/{id}/issue":        "employer employer2",
	"GET /api/v1/certificates/verify":                          "*",
	"GET /api/v1/me/certificates":                              "person person2",
	"GET /api/v1/certificates/{id}":                            "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"GET /api/v1/certificates":                                 "staff admin",
	"POST /api/v1/training/providers/{id}/sittings":            "employer employer2",
	"GET /api/v1/me/sittings":                                  "employer employer2",
	"GET /api/v1/training/sittings/{id}":                       "employer employer2",
	"POST /api/v1/training/sittings/{id}/candidates":           "employer employer2",
	"POST /api/v1/training/sittings/{id}/results":              "employer employer2",
	"POST /api/v1/training/sittings/{id}/results/import":       "employer employer2",
	"POST /api/v1/training/sittings/{id}/certificates":         "employer employer2",
	"GET /enterprise/training/classes/{id}/claim":              "employer employer2",
	"POST /enterprise/training/classes/{id}/claim":             "employer employer2",
	"GET /enterprise/training/claims":                          "employer employer2",
	"GET /enterprise/training/claims/{id}":                     "employer employer2",
	"POST /enterprise/training/claims/{id}/resubmit":           "employer employer2",
	"GET /console/training/claims":                             "staff reviewer admin",
	"GET /console/training/claims.xlsx":                        "staff reviewer admin",
	"GET /console/training/claims/{id}":                        "staff reviewer admin",
	"POST /console/training/claims/{id}/decide":                "reviewer admin",
	"POST /console/training/claims/pay":                        "reviewer admin",
	"GET /console/training/ledger":                             "staff reviewer admin",
	"GET /console/training/ledger.xlsx":                        "staff reviewer admin",
	"GET /api/v1/training/classes/{id}/claim-check":            "employer employer2 staff reviewer admin",
	"POST /api/v1/training/classes/{id}/claims":                "employer employer2",
	"GET /api/v1/me/training/claims":                           "employer employer2",
	"GET /api/v1/training/claims":                              "staff reviewer admin",
	"GET /api/v1/training/claims/{id}":                         "employer employer2 staff reviewer admin",
	"POST /api/v1/training/claims/{id}/resubmit":               "employer employer2",
	"POST /api/v1/training/claims/{id}/decision":               "reviewer admin",
	"POST /api/v1/training/claim-payouts":                      "reviewer admin",
	"GET /api/v1/training/subsidy-ledger":                      "staff reviewer admin",
	"GET /internships":                                         "*",
	"GET /internships/bases/{id}":                              "*",
	"GET /enterprise/internship":                               "employer employer2",
	"GET /enterprise/internship/apply":                         "employer employer2",
	"POST /enterprise/internship/apply":                        "employer employer2",
	"POST /enterprise/internship/start":                        "employer employer2",
	"GET /enterprise/internship/interns/{id}":                  "employer employer2",
	"POST /enterprise/internship/interns/{id}/months":          "employer employer2",
	"POST /enterprise/internship/interns/{id}/finish":          "employer employer2",
	"POST /enterprise/internship/claims":                       "employer employer2",
	"GET /console/internship":                                  "staff admin",
	"POST /console/internship/bases/{id}/designate":            "staff admin",
	"POST /console/internship/bases/{id}/suspend":              "staff admin",
	"POST /console/internship/bases/{id}/return":               "staff admin",
	"GET /console/internship/bases.xlsx":                       "staff admin",
	"GET /console/internship/interns.xlsx":                     "staff admin",
	"GET /console/internship/ledger.xlsx":                      "staff admin",
	"GET /api/v1/internship/bases":                             "*",
	"GET /api/v1/internship/bases/{id}":                        "*",
	"POST /api/v1/internship/bases":                            "employer employer2",
	"GET /api/v1/me/internship":                                "employer employer2",
	"POST /api/v1/internship/bases/{id}/designate":             "staff admin",
	"POST /api/v1/internship/bases/{id}/suspend":               "staff admin",
	"POST /api/v1/internship/bases/{id}/return":                "staff admin",
	"POST /api/v1/internships":                                 "employer employer2",
	"GET /api/v1/internships/{id}":                             "person person2 employer employer2 staff reviewer admin bank expert counsellor school",
	"POST /api/v1/internships/{id}/months":                     "employer employer2",
	"POST /api/v1/internships/{id}/finish":                     "employer employer2",
	"POST /api/v1/internship/claims":                           "employer employer2",

	// 招聘会 and the stations (issue 15 item 3).
	"GET /fairs/{id}":                                  "*",
	"POST /fairs/{id}/booths":                          "employer employer2",
	"GET /fairs/{id}/booths/{booth}":                   "*",
	"GET /fairs/{id}/booths/{booth}/scan":              "*",
	"POST /fairs/{id}/booths/{booth}/scan":             "person person2",
	"POST /fairs/{id}/booths/{booth}/results":          "employer employer2",
	"POST /console/fairs/{id}/booths/{booth}/decision": "staff admin",
	"GET /stations":                                    "*",
	"GET /stations/{id}":                               "*",
	"POST /console/stations":                           "staff admin",
	"GET /api/v1/fairs/{id}":                           "*",
	"POST /api/v1/fairs/{id}/booths":                   "employer employer2",
	"POST /api/v1/fairs/{id}/booths/{booth}/decision":  "staff admin",
	"POST /api/v1/fairs/{id}/booths/{booth}/scan":      "person person2",
	"POST /api/v1/fairs/{id}/booths/{booth}/results":   "employer employer2",
	"GET /api/v1/stations":                             "*",
	"GET /api/v1/stations/{id}":                        "*",
	"POST /api/v1/stations":                            "staff admin",
	"GET /school-visits":                               "*",
	"GET /school-visits/book":                          "school",
	"POST /school-visits/bookings":                     "school",
	"POST /school-visits/bookings/{id}/cancel":         "school staff admin",
	"GET /me/school-visits":                            "school",
	"GET /me/school-visits.xlsx":                       "school",
	"GET /console/school-visits":                       "staff admin",
	"GET /console/school-visits.xlsx":                  "staff admin",
	"GET /console/school-visits/rooms/new":             "staff admin",
	"POST /console/school-visits/rooms":                "staff admin",
	"GET /console/school-visits/rooms/{id}/edit":       "staff admin",
	"POST /console/school-visits/rooms/{id}":           "staff admin",
	"GET /api/v1/school-visits/rooms":                  "*",
	"POST /api/v1/school-visits/rooms":                 "staff admin",
	"PUT /api/v1/school-visits/rooms/{id}":             "staff admin",
	"GET /api/v1/school-visits/calendar":               "*",
	"POST /api/v1/school-visits/bookings":              "school",
	"GET /api/v1/school-visits/bookings":               "school staff admin",
	"GET /api/v1/school-visits/bookings/{id}":          "school staff admin",
	"POST /api/v1/school-visits/bookings/{id}/cancel":  "school staff admin",
}

func allowed(spec, role string) bool {
	if spec == "*" {
		return true
	}
	for _, r := range strings.Fields(spec) {
		if r == role {
			return true
		}
	}
	return false
}

// TestRouteRoleMatrix walks every registered route with every role and
// checks that exactly the roles in the access table get through. A denied
// API call is 401 (anonymous) or 403; a denied page redirects an anonymous
// visitor to the login page and shows others a 403. On a route with an
// object in its path whose level lets the role in, the handler's refusal
// of an object the role may not see is a 404, as for a missing object;
// anywhere else a 404 is not a denial, and for a role the table allows on
// an object the fixture really has it is a failure.
func TestRouteRoleMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		f.personEmployers() // the persons post gigs too (个人用工), as verified
		f.bankUser("bank", "矩阵测试银行")
		f.expertUser("expert", "矩阵测试专家")
		f.counsellorUser("counsellor", "矩阵测试咨询师")
		f.schoolUser("school", "矩阵测试小学")
		routes := f.srv.Routes()
		seen := map[string]bool{}
		for _, rt := range routes {
			key := rt.Method + " " + rt.Pattern
			seen[key] = true
			spec, ok := access[key]
			if !ok {
				t.Errorf("route %s has no entry in the access table", key)
				continue
			}
			for _, role := range roles {
				status, loc, real := f.call(rt.Method, rt.Pattern, role)
				var u *account.User
				if role != "anon" {
					u = f.users[role].User
				}
				open := rt.Access.Allows(u)
				refused := status == 401 || status == 403 || (status == 303 && strings.HasPrefix(loc, "/login"))
				hidden := status == 404 && strings.Contains(rt.Pattern, "{") && open
				if allowed(spec, role) && (refused || (hidden && real)) {
					t.Errorf("%s as %s: got %d %s, want access", key, role, status, loc)
				}
				if !allowed(spec, role) && !refused && !hidden {
					t.Errorf("%s as %s: got %d, want it denied", key, role, status)
				}
				if status >= 500 {
					t.Errorf("%s as %s: server error %d", key, role, status)
				}
				// The route's level is asked before the handler: it must
				// let through every role the table allows, and on routes
				// without an object in the path (where ownership cannot
				// narrow it) no other role, so a handler never refuses
				// what the route table opens.
				if allowed(spec, role) && !open {
					t.Errorf("%s: the route level refuses %s, whom the access table allows", key, role)
				}
				if !allowed(spec, role) && open && !strings.Contains(rt.Pattern, "{") {
					t.Errorf("%s: the route level lets %s in but the page or API refuses it; say so in the route's level", key, role)
				}
			}
		}
		for key := range access {
			if !seen[key] {
				t.Errorf("access table names %s, which is not a registered route", key)
			}
		}
	})
}

// call performs one request for the matrix with a fresh login, so routes
// that end sessions (logout, password) cannot affect the next call. real
// reports whether the path names an object the fixture has.
func (f *fixture) call(method, pattern, role string) (status int, loc string, real bool) {
	path, real := f.fill(pattern)
	token := ""
	if role != "anon" {
		token = f.token(role)
	}
	if strings.HasPrefix(pattern, "/api/") {
		var body any
		if method != "GET" {
			body = map[string]any{}
			if strings.HasSuffix(pattern, "/disabled") {
				body = map[string]any{"disabled": false}
			}
		}
		rec := f.do(method, path, token, body)
		return rec.Code, rec.Header().Get("Location"), real
	}
	if method == "GET" {
		rec := f.page(path, token)
		return rec.Code, rec.Header().Get("Location"), real
	}
	vals := url.Values{}
	if strings.HasSuffix(pattern, "/disabled") {
		vals.Set("disabled", "0")
	}
	rec := f.form(path, token, vals)
	return rec.Code, rec.Header().Get("Location"), real
}

// fill puts the owned object's id into a pattern; real is false when the
// fixture has no such object and the id is a placeholder.
func (f *fixture) fill(pattern string) (path string, real bool) {
	id := "" // other objects (inbox messages): "1", whose 404 is no denial
	switch {
	case strings.Contains(pattern, "/persons/"):
		id = strconv.FormatInt(f.users["person"].User.PersonID, 10)
	case strings.Contains(pattern, "/enterprises/"):
		id = strconv.FormatInt(f.users["employer"].User.EnterpriseID, 10)
	case strings.Contains(pattern, "/users/"):
		id = strconv.FormatInt(f.users["person2"].User.ID, 10)
	case strings.Contains(pattern, "job-applications/{id}"): // "person" applied to "employer"'s post
		id = f.matrixJobApp()
	case strings.Contains(pattern, "job-imports/{id}"): // a finished import run of "employer"
		id = f.matrixJobImport()
	case strings.Contains(pattern, "gig-signups/{id}"): // "person" signed up for "employer"'s gig
		id = f.matrixGigSignup()
	case strings.Contains(pattern, "gig-shifts/{id}"): // the matrix gig's shift
		gid, _ := strconv.ParseInt(f.matrixGig(), 10, 64)
		id = strconv.FormatInt(f.gigShift(gid, 0), 10)
	case strings.Contains(pattern, "gigs/{id}"): // a published gig of "employer"
		id = f.matrixGig()
	case strings.Contains(pattern, "school-visits/bookings/{id}"): // a booking of "school"
		id = f.matrixVisit()
	case strings.Contains(pattern, "school-visits/rooms/{id}"): // a room of the vocational school
		id = f.matrixRoom()
	case strings.Contains(pattern, "jobs"): // both enterprises verified; "employer" owns post {id}
		id = f.matrixJobs()
	}
	real = id != ""
	if !real {
		id = "1"
	}
	if strings.Contains(pattern, "{post_id}") { // "employer"'s published post
		pattern = strings.ReplaceAll(pattern, "{post_id}", f.matrixJobs())
		real = true
	}
	if strings.Contains(pattern, "{booth}") { // no fair in the fixture: a placeholder, whose 404 is no denial
		pattern = strings.ReplaceAll(pattern, "{booth}", "1")
	}
	if strings.Contains(pattern, "{person_id}") { // person2 has a discoverable resume
		pattern = strings.ReplaceAll(pattern, "{person_id}", f.matrixCandidate())
	}
	return strings.ReplaceAll(strings.ReplaceAll(pattern, "{id}", id), "{$}", ""), real
}

// matrixCandidate gives person2 a discoverable resume (once) and returns
// their person id: someone an employer may invite.
func (f *fixture) matrixCandidate() string {
	f.t.Helper()
	if ok, err := f.db.Jobs().Discoverable(context.Background(), f.users["person2"].User.PersonID); err != nil || !ok {
		if rec := f.do("PUT", "/api/v1/me/resume", f.token("person2"), warehouseResume(true)); rec.Code != 200 {
			f.t.Fatalf("matrix candidate resume: %d %s", rec.Code, rec.Body)
		}
	}
	return strconv.FormatInt(f.users["person2"].User.PersonID, 10)
}
