// Package httpx holds what the HTML and JSON faces share: the route table,
// the request context (current user, client IP, token), rate limiting,
// security headers and metrics. It knows nothing about pages or JSON shapes.
package httpx

import (
	"context"
	"net/http"
	"net/netip"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
)

// Access says who may call a route; handlers still check ownership. Each
// level is decided by an account function, the same ones the use cases and
// the menus ask, so a route the table opens is one the page serves.
type Access int

// Route access levels.
const (
	Public            Access = iota // anyone
	LoggedIn                        // account.IsLoggedIn
	Person                          // account.IsPerson
	Employer                        // account.IsEmployer
	Bureau                          // account.CanUseConsole: staff, reviewer, admin
	Admin                           // account.CanAdmin
	PolicySubject                   // account.CanClaimPolicies: person or employer
	PolicyAuthor                    // account.CanAuthorPolicy: staff and admins
	PolicyReviewer                  // account.CanReviewApplications: reviewers and admins
	PostReviewer                    // account.CanReviewPosts: reviewers and admins
	GigStation                      // account.CanResolveGigDisputes: staff and admins (零工驿站, pay disputes)
	GigPoster                       // account.CanPostGigs: enterprise users and persons (个人用工)
	Casework                        // account.CanCasework: staff and admins (话务中心, follow-ups, outcomes)
	CaseSupervisor                  // account.CanSuperviseCasework: supervisors and admins (queues of every agent, quality reviews)
	LoanApplicant                   // account.CanApplyForLoan: persons and employers (青创贷)
	LoanHandler                     // account.CanHandleLoans: staff and admins (review, referral, the bank's decision)
	LoanWorker                      // account.CanWorkLoans: staff, admins and partner banks' users (their bank's loans only)
	FundingManager                  // account.CanManageFunding: staff and admins (funding calls, experts, ranking, decisions)
	Expert                          // account.IsExpert: review experts (their assignments only)
	FundingApplicant                // account.CanApplyForFunding: persons
	ParkManager                     // account.CanManageParks: staff and admins (青创园: parks, tenants, events, assessments)
	TrainingManager                 // account.CanManageTraining: staff and admins (技能培训: designation, 开班备案)
	TrainingApplier                 // account.CanApplyForTraining: employers and staff (a provider's application)
	ActivityManager                 // account.CanManageActivities: staff and admins (activities: publish, rosters, draws, sign-in codes)
	Counsellor                      // account.IsCounsellor: counsellors (their own slots, bookings and notes)
	CounselSupervisor               // account.CanSuperviseCounselling: staff and admins (counts only)
	TrainingRoster                  // account.CanKeepTrainingRosters: employers (their providers' classes) and staff
	SchoolBooker                    // account.CanBookSchoolVisits: school users (职业启蒙 visits for their school)
	VisitManager                    // account.CanManageSchoolVisits: staff and admins (school visits: rooms, every school's bookings)
	SchoolVisits                    // account.CanWorkSchoolVisits: school users (their school's bookings), staff and admins
	ClaimReader                     // account.CanReadTrainingClaims: employers (their providers' subsidy claims) and the bureau
	InternshipManager               // account.CanManageInternships: staff and admins (就业见习: designation, every base's interns and ledger)
)

// Allows reports whether u passes the route-level check.
func (a Access) Allows(u *account.User) bool {
	switch a {
	case Public:
		return true
	case LoggedIn:
		return account.IsLoggedIn(u)
	case Person:
		return account.IsPerson(u)
	case Employer:
		return account.IsEmployer(u)
	case Bureau:
		return account.CanUseConsole(u)
	case Admin:
		return account.CanAdmin(u)
	case PolicySubject:
		return account.CanClaimPolicies(u)
	case PolicyAuthor:
		return account.CanAuthorPolicy(u)
	case PolicyReviewer:
		return account.CanReviewApplications(u)
	case PostReviewer:
		return account.CanReviewPosts(u)
	case GigStation:
		return account.CanResolveGigDisputes(u)
	case GigPoster:
		return account.CanPostGigs(u)
	case Casework:
		return account.CanCasework(u)
	case CaseSupervisor:
		return account.CanSuperviseCasework(u)
	case LoanApplicant:
		return account.CanApplyForLoan(u)
	case LoanHandler:
		return account.CanHandleLoans(u)
	case LoanWorker:
		return account.CanWorkLoans(u)
	case FundingManager:
		return account.CanManageFunding(u)
	case Expert:
		return account.IsExpert(u)
	case FundingApplicant:
		return account.CanApplyForFunding(u)
	case ParkManager:
		return account.CanManageParks(u)
	case TrainingManager:
		return account.CanManageTraining(u)
	case TrainingApplier:
		return account.CanApplyForTraining(u)
	case ActivityManager:
		return account.CanManageActivities(u)
	case Counsellor:
		return account.IsCounsellor(u)
	case CounselSupervisor:
		return account.CanSuperviseCounselling(u)
	case TrainingRoster:
		return account.CanKeepTrainingRosters(u)
	case SchoolBooker:
		return account.CanBookSchoolVisits(u)
	case VisitManager:
		return account.CanManageSchoolVisits(u)
	case SchoolVisits:
		return account.CanWorkSchoolVisits(u)
	case ClaimReader:
		return account.CanReadTrainingClaims(u)
	case InternshipManager:
		return account.CanManageInternships(u)
	}
	return false
}

// Route is one entry of the route table; the OpenAPI document and the
// route×role test are generated from these.
type Route struct {
	Method  string
	Pattern string // net/http pattern path, e.g. /api/v1/persons/{id}
	Summary string
	Access  Access
	Body    any // example request body for the API document, or nil
}

// Router registers routes on a ServeMux and remembers them.
type Router struct {
	Mux    *http.ServeMux
	Routes []Route
	// Deny is called when the route-level access check fails.
	Deny func(w http.ResponseWriter, r *http.Request, loggedIn bool)
}

// Handle registers h for method and pattern behind an access check.
func (rt *Router) Handle(route Route, h http.HandlerFunc) {
	rt.Routes = append(rt.Routes, route)
	rt.Mux.Handle(route.Method+" "+route.Pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slot, ok := r.Context().Value(patternKey).(*string); ok {
			*slot = route.Method + " " + route.Pattern
		}
		u := User(r.Context())
		if !route.Access.Allows(u) {
			rt.Deny(w, r, u != nil)
			return
		}
		h(w, r)
	}))
}

type ctxKey int

const (
	userKey ctxKey = iota
	tokenKey
	ipKey
	patternKey
)

// WithPatternSlot returns a context in which the matched route records its
// pattern, so metrics are labelled by route rather than by raw path.
func WithPatternSlot(ctx context.Context) (context.Context, *string) {
	slot := new(string)
	return context.WithValue(ctx, patternKey, slot), slot
}

// WithUser stores the authenticated user and their token in ctx.
func WithUser(ctx context.Context, u *account.User, token string) context.Context {
	return context.WithValue(context.WithValue(ctx, userKey, u), tokenKey, token)
}

// User returns the logged-in user or nil.
func User(ctx context.Context) *account.User {
	u, _ := ctx.Value(userKey).(*account.User)
	return u
}

// Token returns the session or bearer token of the request, if any.
func Token(ctx context.Context) string {
	t, _ := ctx.Value(tokenKey).(string)
	return t
}

// WithIP stores the client IP in ctx.
func WithIP(ctx context.Context, ip string) context.Context { return context.WithValue(ctx, ipKey, ip) }

// IP returns the client IP stored by the server middleware.
func IP(ctx context.Context) string {
	ip, _ := ctx.Value(ipKey).(string)
	return ip
}

// Actor is the app actor of a request.
func Actor(r *http.Request) app.Actor {
	return app.Actor{User: User(r.Context()), IP: IP(r.Context())}
}

// Proxies says whose X-Forwarded-For the platform believes. The zero value
// believes nobody: the client is the peer that opened the connection.
type Proxies struct {
	// Peer (--trust-proxy) takes the immediate peer as the one proxy in
	// front, whatever its address: the client is the right-most
	// X-Forwarded-For entry, the address that proxy saw.
	Peer bool
	// Nets (--trusted-proxies) are the proxies' addresses. When set, only a
	// peer inside them is believed, and X-Forwarded-For is read from the
	// right, past every hop inside them; Peer is then not needed.
	Nets []netip.Prefix
}

// trusts reports whether a is one of the configured proxies.
func (p Proxies) trusts(a netip.Addr) bool {
	for _, n := range p.Nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// viaProxy reports whether the peer is a proxy whose X-Forwarded-For counts.
func (p Proxies) viaProxy(peer netip.Addr, ok bool) bool {
	if len(p.Nets) > 0 {
		return ok && p.trusts(peer)
	}
	return p.Peer
}

// ClientIP returns the request's client address, the key of the per-IP
// limits and what audit entries and sessions record. It is the peer's
// address unless the peer is a trusted proxy (see Proxies); then it is the
// right-most X-Forwarded-For hop that is not itself a trusted proxy, which
// is the address the proxy saw. Entries further left were written by the
// client and are never believed, so a client cannot choose its own address
// by sending a forged header. When every hop is a trusted proxy the
// left-most is taken; an unreadable hop stops the walk at the last trusted one.
func ClientIP(r *http.Request, p Proxies) string {
	peer, ok := parseHop(r.RemoteAddr)
	client := r.RemoteAddr
	if ok {
		client = peer.String()
	}
	if !p.viaProxy(peer, ok) {
		return client
	}
	hops := forwardedFor(r)
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = a.String()
		if len(p.Nets) == 0 || !p.trusts(a) {
			break
		}
	}
	return client
}

// Local reports whether the request was made on this machine: the peer is
// a loopback address, is not a trusted proxy, and the request carries no
// forwarding header. A request that came through a proxy on the same host
// (which connects from 127.0.0.1) is therefore never local.
func (p Proxies) Local(r *http.Request) bool {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok || !peer.IsLoopback() || p.viaProxy(peer, ok) {
		return false
	}
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "X-Real-Ip"} {
		if _, sent := r.Header[h]; sent {
			return false
		}
	}
	return true
}

// forwardedFor lists the X-Forwarded-For hops of every such header line in
// order, left-most first.
func forwardedFor(r *http.Request) []string {
	var hops []string
	for _, line := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(line, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	return hops
}

// parseHop reads an address as proxies write it: 192.0.2.1, 2001:db8::1,
// with a port, or in brackets. IPv4-mapped IPv6 addresses become IPv4, so
// one client has one key.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// SessionCookie is the web session cookie's name.
const SessionCookie = "jiuye_session"

// Status maps an application error code to its HTTP status: the one place
// where the pages and the API agree on what each error means on the wire.
func Status(code apperr.Code) int {
	switch code {
	case apperr.Invalid:
		return http.StatusUnprocessableEntity
	case apperr.BadRequest:
		return http.StatusBadRequest
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Locked:
		return http.StatusLocked
	case apperr.TooMany:
		return http.StatusTooManyRequests
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}
