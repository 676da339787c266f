package account

// Access rules live here, in one place, so every handler asks the same
// questions. A nil user is anonymous and may do none of these.

// IsLoggedIn reports whether u is a signed-in user of any role.
func IsLoggedIn(u *User) bool { return u != nil }

// IsPerson reports whether u acts as a person (求职者): their own resume,
// applications, saved searches and recommendations.
func IsPerson(u *User) bool { return u != nil && u.Role == RolePerson }

// IsEmployer reports whether u acts for an enterprise: its profile, posts,
// imports and applicants.
func IsEmployer(u *User) bool { return u != nil && u.Role == RoleEmployer }

// IsSelf reports whether u is person personID.
func IsSelf(u *User, personID int64) bool { return IsPerson(u) && u.PersonID == personID }

// CanClaimPolicies reports whether u claims policies for a subject — a
// person for themself or an employer for the enterprise — so has "my
// policies", a questionnaire and applications of their own.
func CanClaimPolicies(u *User) bool { return IsPerson(u) || IsEmployer(u) }

// CanViewPerson reports whether u may open person personID's full record.
func CanViewPerson(u *User, personID int64) bool {
	if u == nil {
		return false
	}
	return u.Role.IsBureau() || (u.Role == RolePerson && u.PersonID == personID)
}

// SeesPersonInFull reports whether u, opening person personID's record,
// sees the full ID number and phone at once: bureau personnel (audited).
// The person themself sees them masked until they reveal them
// (CanRevealOwnPII), so a session left open does not show them.
func SeesPersonInFull(u *User, personID int64) bool {
	return u != nil && u.Role.IsBureau() && personID != 0
}

// CanRevealOwnPII reports whether u may reveal person personID's full ID
// number and phone by proving it is them (the password again, or a
// FreshLogin): the person themself.
func CanRevealOwnPII(u *User, personID int64) bool { return IsSelf(u, personID) && personID != 0 }

// CanEditPerson reports whether u may change person personID's record: the
// person themself, or staff/admin acting for them (代办, audited).
func CanEditPerson(u *User, personID int64) bool {
	if u == nil {
		return false
	}
	return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RolePerson && u.PersonID == personID)
}

// CanViewEnterprise reports whether u may open enterprise entID's back-office record.
func CanViewEnterprise(u *User, entID int64) bool {
	if u == nil {
		return false
	}
	return u.Role.IsBureau() || (u.Role == RoleEmployer && u.EnterpriseID == entID)
}

// CanEditEnterprise reports whether u may change enterprise entID's profile.
func CanEditEnterprise(u *User, entID int64) bool {
	if u == nil {
		return false
	}
	return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RoleEmployer && u.EnterpriseID == entID)
}

// CanVerifyEnterprise reports whether u may mark an enterprise as verified.
func CanVerifyEnterprise(u *User) bool {
	return u != nil && u.Role.IsBureau()
}

// CanUseConsole reports whether u may use the staff console and its searches.
func CanUseConsole(u *User) bool { return u != nil && u.Role.IsBureau() }

// CanReviewClassifier reports whether u may review, remove and export what
// 识别职业 learned from use: bureau staff, reviewers and admins.
func CanReviewClassifier(u *User) bool { return CanUseConsole(u) }

// CanAdmin reports whether u may manage users and read the audit log.
func CanAdmin(u *User) bool { return u != nil && u.Role == RoleAdmin }

// CanAuthorPolicy reports whether u may write and publish policies: staff and admins.
func CanAuthorPolicy(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanReviewApplications reports whether u may decide policy applications
// and record payouts: reviewers and admins (four-eyes: staff who take
// applications do not approve them).
func CanReviewApplications(u *User) bool {
	return u != nil && (u.Role == RoleReviewer || u.Role == RoleAdmin)
}

// CanPostJobs reports whether u may publish job posts for enterprise entID:
// the enterprise's own employer users (the app also requires the enterprise
// to be verified by staff).
func CanPostJobs(u *User, entID int64) bool {
	return u != nil && u.Role == RoleEmployer && u.EnterpriseID == entID
}

// CanManagePost reports whether u may edit, pause, resume or close a job
// post of enterprise entID: its employer users, or staff and admins acting
// for the enterprise (代办, audited). An edit always goes back to review.
func CanManagePost(u *User, entID int64) bool {
	if u == nil {
		return false
	}
	return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RoleEmployer && u.EnterpriseID == entID)
}

// CanViewPost reports whether u may open a job post of enterprise entID
// that is not (or no longer) published: the enterprise's employers and
// bureau personnel. Published posts are public.
func CanViewPost(u *User, entID int64) bool {
	if u == nil {
		return false
	}
	return u.Role.IsBureau() || (u.Role == RoleEmployer && u.EnterpriseID == entID)
}

// CanReviewPosts reports whether u may see the job-post review queue and
// approve or reject posts: reviewers and admins.
func CanReviewPosts(u *User) bool {
	return u != nil && (u.Role == RoleReviewer || u.Role == RoleAdmin)
}

// CanViewResume reports whether u may read person personID's resume and
// its diagnosis: the person themself, or bureau personnel (a view by
// anyone but the person is audited).
func CanViewResume(u *User, personID int64) bool {
	if u == nil {
		return false
	}
	return u.Role.IsBureau() || (u.Role == RolePerson && u.PersonID == personID)
}

// CanEditResume reports whether u may change person personID's resume:
// the person themself, or staff/admin building it for them over the phone
// (代办, audited with the staff member as actor).
func CanEditResume(u *User, personID int64) bool {
	if u == nil {
		return false
	}
	return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RolePerson && u.PersonID == personID)
}

// CanApplyJobs reports whether u may apply to job posts and follow their
// own applications: persons only (an application carries the person's
// resume and phone to the employer).
func CanApplyJobs(u *User) bool { return u != nil && u.Role == RolePerson }

// CanWithdrawJobApplication reports whether u may withdraw an application
// of person personID: only that person.
func CanWithdrawJobApplication(u *User, personID int64) bool {
	return u != nil && u.Role == RolePerson && u.PersonID == personID
}

// CanViewApplicants reports whether u may read the applicants of a post of
// enterprise entID — their names, phones, masked ID numbers and resumes —
// and work its pipeline: only the enterprise's own employer users, and
// only because the applicants applied to that enterprise's post. Staff do
// not act for the enterprise here (an applicant's contact details go to
// the enterprise applied to, nobody else).
func CanViewApplicants(u *User, entID int64) bool {
	return u != nil && u.Role == RoleEmployer && u.EnterpriseID == entID
}

// CanViewJobApplication reports whether u may open one job application of
// person personID to enterprise entID: the applicant, or the enterprise's
// employer users.
func CanViewJobApplication(u *User, personID, entID int64) bool {
	return CanWithdrawJobApplication(u, personID) || CanViewApplicants(u, entID)
}

// CanFollowJobApplication reports whether u may open the applicant's own
// page of a job application of person personID (status, explanation,
// history, withdraw): only that person.
func CanFollowJobApplication(u *User, personID int64) bool {
	return u != nil && u.Role == RolePerson && u.PersonID == personID
}

// CanViewCandidates reports whether u may see the persons recommended for
// a post of enterprise entID (masked, discoverable only): the enterprise's
// employers, or staff and admins acting for it.
func CanViewCandidates(u *User, entID int64) bool {
	if u == nil {
		return false
	}
	return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RoleEmployer && u.EnterpriseID == entID)
}

// CanSaveSearches reports whether u may save job searches and receive
// their alerts: persons only (alerts go to the person's inbox).
func CanSaveSearches(u *User) bool { return u != nil && u.Role == RolePerson }

// CanManageSavedSearch reports whether u may see or delete a saved search
// of person personID: only that person.
func CanManageSavedSearch(u *User, personID int64) bool {
	return CanSaveSearches(u) && u.PersonID == personID
}

// CanSaveJobs reports whether u may save posts (收藏): persons only.
func CanSaveJobs(u *User) bool { return u != nil && u.Role == RolePerson }

// CanReportPost reports whether u may report a post (举报): any logged-in
// user who is not bureau staff (staff take posts down themselves).
func CanReportPost(u *User) bool {
	return u != nil && (u.Role == RolePerson || u.Role == RoleEmployer)
}

// CanPostGigs reports whether u may post gigs (零工): enterprise users, and
// persons who hire for themselves (个人用工). The app also requires the
// enterprise, or the person's 个人用工 registration, to be verified by staff.
func CanPostGigs(u *User) bool { return IsEmployer(u) || IsPerson(u) }

// IsGigEmployer reports whether u is the gig's employer: a user of
// enterprise entID, or the person personID hiring for themselves.
func IsGigEmployer(u *User, entID, personID int64) bool {
	if u == nil {
		return false
	}
	return (entID != 0 && u.Role == RoleEmployer && u.EnterpriseID == entID) ||
		(personID != 0 && u.Role == RolePerson && u.PersonID == personID)
}

// CanManageGig reports whether u may edit or close a gig of enterprise
// entID (or of the person personID who posted it), accept or decline its
// sign-ups and record their pay: its employer, or staff and admins acting
// for it (代办, audited).
func CanManageGig(u *User, entID, personID int64) bool {
	return IsGigEmployer(u, entID, personID) || (u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin))
}

// CanViewGig reports whether u may open a gig that is not published
// (pending, rejected, closed): its employer and bureau personnel.
// Published gigs are public.
func CanViewGig(u *User, entID, personID int64) bool {
	return IsGigEmployer(u, entID, personID) || (u != nil && u.Role.IsBureau())
}

// CanReviewGigs reports whether u may see the gig review queue and approve
// (also over blocking screening flags, with a reason) or reject gigs: the
// same reviewers and admins who review job posts.
func CanReviewGigs(u *User) bool { return CanReviewPosts(u) }

// CanSignUpGigs reports whether u may sign up for gigs and keep a gig
// profile: persons.
func CanSignUpGigs(u *User) bool { return IsPerson(u) }

// CanSignUpFor reports whether u may sign a worker up on their behalf at a
// 零工驿站 (gig station): staff and admins, audited.
func CanSignUpFor(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanViewGigSignups reports whether u may see who signed up for a gig: its
// employer and bureau personnel.
func CanViewGigSignups(u *User, entID, personID int64) bool { return CanViewGig(u, entID, personID) }

// CanCancelSignup reports whether u may cancel person personID's sign-up:
// the worker, or staff and admins at a gig station acting for them.
func CanCancelSignup(u *User, personID int64) bool { return IsSelf(u, personID) || CanSignUpFor(u) }

// CanVerifyGigEmployers reports whether u may verify or refuse a person's
// 个人用工 registration: staff and admins (零工驿站), audited.
func CanVerifyGigEmployers(u *User) bool { return CanSignUpFor(u) }

// CanResolveGigDisputes reports whether u may resolve a pay dispute between
// a gig worker and an employer: staff and admins, audited.
func CanResolveGigDisputes(u *User) bool { return CanSignUpFor(u) }

// CanResetPasswordFor reports whether u may reset target's password on
// their behalf (the person at the counter or on the phone, identity checked
// by the staff member; audited, and the person must choose a new password
// at the next login): staff and admins for persons and employers, admins
// also for other bureau accounts. Nobody resets their own this way.
func CanResetPasswordFor(u, target *User) bool {
	if u == nil || target == nil || u.ID == target.ID {
		return false
	}
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleStaff:
		return target.Role == RolePerson || target.Role == RoleEmployer
	}
	return false
}

// CanEditTerms reports whether u may publish a new version of the 用户协议
// and 隐私政策: admins.
func CanEditTerms(u *User) bool { return CanAdmin(u) }

// CanReadSMSOutbox reports whether u may read the built-in SMS sender's
// outbox (the codes sent on an intranet without a gateway): admins, audited.
func CanReadSMSOutbox(u *User) bool { return CanAdmin(u) }

// CanInviteCandidates reports whether u may invite a recommended person to
// apply to a post of enterprise entID (邀请投递, a message to the person's
// inbox): only the enterprise's own employer users. Staff may read the
// candidate list for the enterprise but do not speak for it to a person.
func CanInviteCandidates(u *User, entID int64) bool {
	return u != nil && u.Role == RoleEmployer && u.EnterpriseID == entID
}

// CanCasework reports whether u may work in the call centre (话务中心):
// look people up, log contacts, keep follow-ups, record outcomes and read
// cohort reports. Staff and admins; which cases an agent may open is
// decided per case by CanOpenCase.
func CanCasework(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanSuperviseCasework reports whether u may see every agent's queue,
// reassign follow-ups and cases, and review contact records: staff marked
// as supervisors of their team (Supervisor) and admins.
func CanSuperviseCasework(u *User) bool {
	return u != nil && (u.Role == RoleAdmin || (u.Role == RoleStaff && u.Supervisor))
}

// CanOpenCase reports whether u may open a person's case kept by team
// caseTeam ("" for a person no team serves yet): an agent of the same team
// or any agent for a person nobody serves; admins open every case.
func CanOpenCase(u *User, caseTeam string, hasCase bool) bool {
	if !CanCasework(u) {
		return false
	}
	return CanSeeEveryTeam(u) || !hasCase || u.Team == caseTeam
}

// CanAnswerVacancy reports whether u may confirm (publish) or decline a
// vacancy the call centre collected from enterprise entID: its employer
// users. Staff publish one for the enterprise only with its recorded
// consent (CanCasework).
func CanAnswerVacancy(u *User, entID int64) bool {
	return u != nil && u.Role == RoleEmployer && u.EnterpriseID == entID
}

// CanReviewContacts reports whether u may draw and score the quality
// sample of team's contact records: the team's supervisors, and admins for
// every team.
func CanReviewContacts(u *User, team string) bool {
	return CanSuperviseCasework(u) && (CanSeeEveryTeam(u) || u.Team == team)
}

// CanSeeEveryTeam reports whether u's call-centre views (queues, agents,
// review samples) span every team rather than u's own: admins.
func CanSeeEveryTeam(u *User) bool { return u != nil && u.Role == RoleAdmin }

// CanAssignCaseworkTo reports whether supervisor u may give a case or a
// follow-up to agent to: an active agent of u's team, of any team for admins.
func CanAssignCaseworkTo(u, to *User) bool {
	return CanSuperviseCasework(u) && to != nil && !to.Disabled && CanCasework(to) && (CanSeeEveryTeam(u) || to.Team == u.Team)
}

// CanTouchFollowUp reports whether u may close or reassign a follow-up
// owned by ownerID in team: its owner, a supervisor of the team, an admin.
func CanTouchFollowUp(u *User, ownerID int64, team string) bool {
	return u != nil && (ownerID == u.ID || CanSeeEveryTeam(u) || (CanSuperviseCasework(u) && u.Team == team))
}

// CanResetPasswords reports whether u may reset another user's password
// (after checking who asks): staff and admins, not reviewers.
func CanResetPasswords(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanApplyForLoan reports whether u applies for 青创贷 for themself or
// their enterprise: persons and employers.
func CanApplyForLoan(u *User) bool { return IsPerson(u) || IsEmployer(u) }

// CanHandleLoans reports whether u reviews 青创贷 applications, refers them
// to banks and records the banks' decisions: staff and admins.
func CanHandleLoans(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanSeeLoan reports whether u may read an application of person personID
// or enterprise entID referred to bank bankID (0: none yet): the
// applicant, staff handling loans, or the bank it was referred to.
func CanSeeLoan(u *User, personID, entID, bankID int64) bool {
	return CanHandleLoans(u) || IsLoanBank(u, bankID) || (personID != 0 && IsSelf(u, personID)) ||
		(entID != 0 && IsEmployer(u) && u.EnterpriseID == entID)
}

// IsLoanBank reports whether u works for bank bankID: its users record
// the decision and the repayments of the loans referred to it, and see
// no other bank's.
func IsLoanBank(u *User, bankID int64) bool {
	return u != nil && u.Role == RoleBank && bankID != 0 && u.BankID == bankID
}

// CanWorkLoans reports whether u works on referred loans at all: staff
// handling loans, or a partner bank's user (who then sees only their
// bank's loans).
func CanWorkLoans(u *User) bool {
	return CanHandleLoans(u) || (u != nil && u.Role == RoleBank && u.BankID != 0)
}

// CanDecideLoan reports whether u records the bank's decision and the
// repayments on a loan referred to bank bankID: staff from the bank's
// letter, or that bank's own users.
func CanDecideLoan(u *User, bankID int64) bool { return CanHandleLoans(u) || IsLoanBank(u, bankID) }

// CanManageFunding reports whether u opens start-up funding calls, assigns
// experts, sees the ranking and records the panel's decision: staff and
// admins.
func CanManageFunding(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// IsExpert reports whether u is a review expert: they see and score only
// the applications assigned to them.
func IsExpert(u *User) bool { return u != nil && u.Role == RoleExpert }

// CanApplyForFunding reports whether u applies to a funding call: persons
// (the project's founder and legal representative).
func CanApplyForFunding(u *User) bool { return IsPerson(u) }

// CanManageParks reports whether u registers 青创园 (youth start-up parks)
// and keeps their tenants, events and annual assessments: staff and admins.
func CanManageParks(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanManageTraining reports whether u designates, suspends and reinstates
// training and evaluation providers and files their classes (技能培训,
// 开班备案): staff and admins.
func CanManageTraining(u *User) bool { return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin) }

// CanApplyForTraining reports whether u may file a provider's application:
// an enterprise's users for their enterprise, and staff registering one.
func CanApplyForTraining(u *User) bool { return IsEmployer(u) || CanManageTraining(u) }

// CanManageActivities reports whether u publishes, edits and cancels
// activities, sees their rosters and shows their sign-in codes: staff and
// admins (who enter the activities of the youth league, the vocational
// school and the labour stations).
func CanManageActivities(u *User) bool {
	return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin)
}

// CanSignUpForActivities reports whether u signs up for activities: persons.
func CanSignUpForActivities(u *User) bool { return IsPerson(u) }

// IsCounsellor reports whether u is a counsellor: they publish their own
// slots and read and write the notes of their own bookings only.
func IsCounsellor(u *User) bool { return u != nil && u.Role == RoleCounsel }

// CanBookCounselling reports whether u books counselling: persons.
func CanBookCounselling(u *User) bool { return IsPerson(u) }

// CanSuperviseCounselling reports whether u sees the counsellors' counts
// (never who booked or what was said): staff and admins.
func CanSuperviseCounselling(u *User) bool {
	return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin)
}

// CanBreakGlass reports whether u may open one counselling record with a
// written reason (audited, and the counsellor is told): admins only.
func CanBreakGlass(u *User) bool { return u != nil && u.Role == RoleAdmin }

// CanEnrolInTraining reports whether u may enrol in classes, sign in to
// sessions and see their own attendance (技能培训): persons.
func CanEnrolInTraining(u *User) bool { return IsPerson(u) }

// CanKeepTrainingRosters reports whether u may keep some class's roster
// (the route level): employers, for their providers' classes, and staff.
func CanKeepTrainingRosters(u *User) bool { return IsEmployer(u) || CanManageTraining(u) }

// CanKeepTrainingRoster reports whether u may read and correct the roster
// of a class whose provider belongs to enterprise providerEnt (0: none),
// show its sessions' sign-in codes and import its trainees: the
// provider's own employer users, and staff.
func CanKeepTrainingRoster(u *User, providerEnt int64) bool {
	return CanManageTraining(u) || (IsEmployer(u) && providerEnt != 0 && u.EnterpriseID == providerEnt)
}

// CanApplyForBooth reports whether u applies for a booth at a job fair for
// their enterprise: employers (the enterprise must be verified, which the
// use case checks).
func CanApplyForBooth(u *User) bool { return IsEmployer(u) }

// CanDecideBooths reports whether u approves booth applications (placing
// them on the fair's map), rejects them, and sees a fair's totals: staff
// and admins, who manage the activities.
func CanDecideBooths(u *User) bool { return CanManageActivities(u) }

// CanManageBooth reports whether u sees a booth's QR code and its results:
// the booth's enterprise, and staff.
func CanManageBooth(u *User, entID int64) bool {
	return CanManageActivities(u) || CanRecordBoothResults(u, entID)
}

// CanRecordBoothResults reports whether u records the intentions and
// hires at a booth: the booth's enterprise.
func CanRecordBoothResults(u *User, entID int64) bool {
	return IsEmployer(u) && u.EnterpriseID == entID
}

// CanSendResumeAtBooth reports whether u sends their resume by scanning a
// booth's QR code: persons, as for any application.
func CanSendResumeAtBooth(u *User) bool { return CanApplyJobs(u) }

// CanManageStations reports whether u registers labour stations and
// university liaison stations: staff and admins.
func CanManageStations(u *User) bool { return CanManageActivities(u) }

// IsSchool reports whether u books 职业启蒙 visits for a school: a school
// user tied to one school (account.User.SchoolID).
func IsSchool(u *User) bool { return u != nil && u.Role == RoleSchool && u.SchoolID != 0 }

// CanBookSchoolVisits reports whether u books visits of classes to the
// vocational school's rooms and sees their school's bookings: school users.
func CanBookSchoolVisits(u *User) bool { return IsSchool(u) }

// CanManageSchoolVisits reports whether u keeps the vocational school's
// rooms and their weekly slots, sees, cancels and exports every school's
// bookings: staff and admins (who enter them for the vocational school).
func CanManageSchoolVisits(u *User) bool {
	return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin)
}

// CanWorkSchoolVisits reports whether u works on bookings at all: school
// users (their school's only) and those who manage the visits.
func CanWorkSchoolVisits(u *User) bool { return CanBookSchoolVisits(u) || CanManageSchoolVisits(u) }

// CanSeeSchoolVisit reports whether u may read or cancel a booking of
// school schoolID: that school's users, and those who manage the visits.
func CanSeeSchoolVisit(u *User, schoolID int64) bool {
	return CanManageSchoolVisits(u) || (IsSchool(u) && schoolID != 0 && u.SchoolID == schoolID)
}

// CanEvaluateSkills reports whether u may work for an evaluation body
// (技能评价: schedule sittings, register candidates, record results, issue
// certificates) at all, the route level: employers, for their
// enterprise's designated evaluation bodies (CanRunSitting says which).
func CanEvaluateSkills(u *User) bool { return IsEmployer(u) }

// CanRunSitting reports whether u may schedule and run the sittings of an
// evaluation body whose provider belongs to enterprise providerEnt (0:
// none): its own employer users only. Staff list and export the
// certificates; they do not examine.
func CanRunSitting(u *User, providerEnt int64) bool {
	return IsEmployer(u) && providerEnt != 0 && u.EnterpriseID == providerEnt
}

// CanHoldCertificates reports whether u has 我的证书: persons.
func CanHoldCertificates(u *User) bool { return IsPerson(u) }

// CanListCertificates reports whether u lists and exports every
// certificate issued on the platform: staff and admins, who manage
// training.
func CanListCertificates(u *User) bool { return CanManageTraining(u) }

// CanViewCertificate reports whether u may open the printable
// certificate (with the full ID number) of holder personID: the holder,
// and staff (audited).
func CanViewCertificate(u *User, personID int64) bool {
	return IsSelf(u, personID) || CanListCertificates(u)
}

// CanClaimTrainingSubsidy reports whether u may check a class for a
// subsidy claim, submit the claim and submit it again after a return:
// the employer users of the class's provider's enterprise providerEnt
// (0: none, a provider staff registered without one, which cannot claim).
func CanClaimTrainingSubsidy(u *User, providerEnt int64) bool {
	return IsEmployer(u) && providerEnt != 0 && u.EnterpriseID == providerEnt
}

// CanSeeTrainingClaims reports whether u sees every provider's subsidy
// claims, their per-trainee checks and the subsidy ledger (台账): the
// bureau (staff keep training, reviewers decide and pay).
func CanSeeTrainingClaims(u *User) bool { return CanUseConsole(u) }

// CanSeeTrainingClaim reports whether u may read one claim of a provider
// belonging to enterprise providerEnt: its own employer users and the bureau.
func CanSeeTrainingClaim(u *User, providerEnt int64) bool {
	return CanSeeTrainingClaims(u) || CanClaimTrainingSubsidy(u, providerEnt)
}

// CanDecideTrainingClaims reports whether u approves or returns subsidy
// claims and records their payout: the reviewers who decide policy
// applications.
func CanDecideTrainingClaims(u *User) bool { return CanReviewApplications(u) }

// CanReadTrainingClaims reports whether u may read some subsidy claim
// (the route level): employers, for their providers' claims, and the bureau.
func CanReadTrainingClaims(u *User) bool { return IsEmployer(u) || CanSeeTrainingClaims(u) }

// CanManageInternships reports whether u designates, suspends and returns
// internship bases (就业见习基地) and sees every base's interns and
// subsidy ledger: staff and admins.
func CanManageInternships(u *User) bool {
	return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin)
}

// IsInternshipBase reports whether u acts for the enterprise entID of an
// internship base: its own employer users, who post its places, take and
// record its interns and claim its subsidy.
func IsInternshipBase(u *User, entID int64) bool {
	return IsEmployer(u) && entID != 0 && u.EnterpriseID == entID
}
