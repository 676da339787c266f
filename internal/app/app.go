// Package app holds the platform's use cases: the operations that both the
// HTML pages (package web) and the JSON API (package api) perform. Every
// access check and every audit entry for a use case happens here, once, so
// the two faces cannot disagree about who may do what.
package app

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/store"
)

// App carries the dependencies of the core use cases.
type App struct {
	DB         *store.DB
	Codes      *codes.Tables
	Log        *slog.Logger
	HashParams account.HashParams
	DataDir    string        // uploads live under DataDir/uploads
	hashSlots  chan struct{} // bounds concurrent argon2id work (memory and CPU)
	policies   policyCache
	suggest    suggester
	market     struct {
		once sync.Once
		c    *marketCache
	}
	jobs      jobState      // 网谷智聘: search index, its follower, view counts, classifier
	pool      candidatePool // 网谷智聘: discoverable resumes for candidate recommendations
	recs      recCache      // 网谷智聘: persons' 为您推荐 blocks on the search page
	imports   importRunner  // 网谷智聘: imports checking rows in the background
	dummyHash string
}

// New returns an App. Password hashing runs at most GOMAXPROCS at a time so
// a burst of logins queues instead of exhausting memory.
func New(db *store.DB, tables *codes.Tables, log *slog.Logger) *App {
	p := account.DefaultHashParams
	h, _ := account.HashPassword("dummy-password-1", p)
	x := &App{DB: db, Codes: tables, Log: log, HashParams: p,
		hashSlots: make(chan struct{}, runtime.GOMAXPROCS(0)), dummyHash: h}
	rc := &x.jobs.index.cache
	rc.TTL, rc.Size, rc.Doorkeeper = resultTTL, resultCacheSize, resultSeenMax
	return x
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
func (x *App) now() time.Time { return x.DB.Now() }

// deny audits a refused access to an object and returns the Forbidden error.
func (x *App) deny(ctx context.Context, a Actor, objType string, objID int64) error {
	if a.User == nil {
		return apperr.New(apperr.Unauthorized, "请先登录")
	}
	if err := x.DB.Audit(ctx, a.store(), audit.AccessDenied, objType, objID, "", audit.ResultDenied); err != nil {
		x.Log.Error("audit denied access", "err", err)
	}
	return apperr.New(apperr.Forbidden, "您没有权限访问该信息")
}

func (x *App) hash(pw string) (string, error) {
	x.hashSlots <- struct{}{}
	defer func() { <-x.hashSlots }()
	return account.HashPassword(pw, x.HashParams)
}

func (x *App) check(pw, encoded string) bool {
	x.hashSlots <- struct{}{}
	defer func() { <-x.hashSlots }()
	return account.CheckPassword(pw, encoded)
}
