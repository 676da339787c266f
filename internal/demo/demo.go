// Package demo fills an empty store with realistic synthetic data at N × the
// figures of 东西湖区 (DESIGN.md §5): enterprises, persons, job posts of the
// verified enterprises and one login account per role. Every generated
// record passes the registry's (and the job board's) own validation, so the
// demo data also proves generator and validators agree.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// District figures at Scale 1.
const (
	DistrictEnterprises = 5600
	DistrictPersons     = 10000
)

// MaxScale bounds Options.Scale (a province is about 100).
const MaxScale = 1000

// batchSize is the number of rows per write transaction.
const batchSize = 1000

// ActionGenerate is the audit action of a demo run.
const ActionGenerate = "demo.generate"

// Options for Generate. Scale 1 = the district: 5,600 enterprises and 10,000
// persons. Seed makes output deterministic (except ciphertext nonces and the
// account passwords, which always come from crypto/rand).
type Options struct {
	Scale    float64
	Seed     uint64
	Now      time.Time // ages, graduation and registration dates are relative to it; zero = time.Now()
	Progress io.Writer // may be nil
}

// Account is one printed demo login.
type Account struct {
	Role                   account.Role
	Name, Phone, Password  string
	PersonID, EnterpriseID int64
}

// Result reports what Generate wrote.
type Result struct {
	Enterprises, Persons int
	Posts                int // job posts of verified enterprises
	Resumes              int // one per person, DiscoverableShare of them discoverable
	Accounts             []Account
	Elapsed              time.Duration
}

// Independent random streams, so that each kind of record is reproducible
// on its own.
const (
	streamEnterprises = iota + 1
	streamPersons
	streamAccounts
)

// Generate fills an empty store. It refuses (returns an error) when the store
// already has persons or enterprises, so `serve --demo` runs it once. It
// creates one login account per role — person (tied to a generated person),
// employer (tied to a generated, staff-verified enterprise), staff, reviewer,
// admin — with random strong passwords hashed with account.DefaultHashParams,
// and returns them. Rows are inserted in transactions of 1,000; the accounts,
// the verification stamps and one "demo.generate" audit row (system actor)
// commit together at the end. A failure part-way leaves the rows already
// committed: start again from an empty store.
func Generate(ctx context.Context, db *store.DB, tables *codes.Tables, opt Options) (*Result, error) {
	start := time.Now()
	if db == nil || tables == nil || tables.Regions == nil || tables.Industries == nil {
		return nil, errors.New("demo: store and code tables are required")
	}
	if !(opt.Scale > 0 && opt.Scale <= MaxScale) {
		return nil, fmt.Errorf("demo: scale %v out of range (0, %d]", opt.Scale, MaxScale)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	progress := opt.Progress
	if progress == nil {
		progress = io.Discard
	}
	for _, table := range []string{"persons", "enterprises"} {
		n, err := db.Count(ctx, table)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, fmt.Errorf("demo: the store already has data (%d rows in %s); demo data only goes into an empty store", n, table)
		}
	}
	nEnt := max(1, int(math.Round(DistrictEnterprises*opt.Scale)))
	nPer := max(1, int(math.Round(DistrictPersons*opt.Scale)))

	rg, err := newRegions(tables.Regions)
	if err != nil {
		return nil, err
	}
	eg, err := newEntGen(mrand.New(mrand.NewPCG(opt.Seed, streamEnterprises)), opt.Now, rg, tables.Industries)
	if err != nil {
		return nil, err
	}
	nm := newNames()
	phones := make(map[string]bool, nPer+8)
	pg := &personGen{r: mrand.New(mrand.NewPCG(opt.Seed, streamPersons)), now: opt.Now, today: civilDate(opt.Now),
		rg: rg, names: nm, ids: make(map[string]bool, nPer), phones: phones}

	// Passwords are hashed in the background while rows go in (argon2 ≈ 50 ms each).
	accts := make([]Account, len(account.Roles))
	pws := make([]string, len(accts))
	for i, role := range account.Roles {
		accts[i].Role = role
		pws[i] = newPassword()
		accts[i].Password = pws[i]
	}
	type hashed struct {
		hashes []string
		err    error
	}
	hashCh := make(chan hashed, 1)
	go func() {
		var h hashed
		for _, pw := range pws {
			s, err := account.HashPassword(pw, account.DefaultHashParams)
			if err != nil {
				h.err = err
				break
			}
			h.hashes = append(h.hashes, s)
		}
		hashCh <- h
	}()

	// Enterprises.
	var employerEnt *registry.Enterprise
	batchE := make([]*registry.Enterprise, 0, batchSize)
	for done := 0; done < nEnt; {
		batchE = batchE[:0]
		for range min(batchSize, nEnt-done) {
			e := eg.next()
			if err := e.Validate(opt.Now, tables.Industries, tables.Regions); err != nil {
				return nil, validationError("enterprise", e.Name, err)
			}
			batchE = append(batchE, e)
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			for _, e := range batchE {
				if err := tx.CreateEnterprise(ctx, e); err != nil {
					return fmt.Errorf("demo: enterprise %s: %w", e.Name, err)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if employerEnt == nil {
			employerEnt = batchE[0] // the generator makes the first one a verified company
		}
		done += len(batchE)
		report(progress, "企业", done, nEnt)
	}

	// Persons. Candidates for the person account: unemployed job seekers of working age.
	var cands []*registry.Person
	resGen := newResumeGen(opt.Seed, tables, opt.Now)
	batchP := make([]*registry.Person, 0, batchSize)
	for done := 0; done < nPer; {
		batchP = batchP[:0]
		for range min(batchSize, nPer-done) {
			p := pg.next()
			if err := p.Validate(opt.Now, tables.Regions); err != nil {
				return nil, validationError("person", registry.MaskName(p.Name), err)
			}
			batchP = append(batchP, p)
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			for _, p := range batchP {
				if err := tx.CreatePerson(ctx, p); err != nil {
					return fmt.Errorf("demo: person %s: %w", registry.MaskName(p.Name), err)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		resumes := make([]*resume.Resume, 0, len(batchP))
		for _, p := range batchP {
			rs := resGen.next(p)
			if err := rs.Validate(opt.Now, tables.Occupations, tables.Regions); err != nil {
				return nil, validationError("resume", registry.MaskName(p.Name), err)
			}
			resumes = append(resumes, rs)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertResumes(ctx, resumes, db.Now()) }); err != nil {
			return nil, fmt.Errorf("demo: resumes: %w", err)
		}
		for _, p := range batchP {
			if len(cands) < 64 {
				cands = append(cands, p)
			}
		}
		done += len(batchP)
		report(progress, "人员", done, nPer)
	}

	// Job posts (网谷智聘) of the verified enterprises.
	nPosts, err := generatePosts(ctx, db, tables, opt, progress)
	if err != nil {
		return nil, err
	}

	// Accounts: pick the person, invent the others, and stay clear of phones
	// that already have a login (a store may hold users before its first data).
	ar := mrand.New(mrand.NewPCG(opt.Seed, streamAccounts))
	free := func(phone string) (bool, error) {
		_, _, err := db.UserByPhone(ctx, phone)
		if apperr.Is(err, apperr.NotFound) {
			return true, nil
		}
		return false, err
	}
	person, err := pickPerson(cands, pg.today, free)
	if err != nil {
		return nil, err
	}
	for i := range accts {
		a := &accts[i]
		switch a.Role {
		case account.RolePerson:
			a.Name, a.Phone, a.PersonID = person.Name, person.Phone, person.ID
			continue
		case account.RoleEmployer:
			a.EnterpriseID = employerEnt.ID
		}
		a.Name = nm.name(ar, ar.Float64() < 0.5)
		for {
			a.Phone = uniquePhone(ar, phones)
			ok, err := free(a.Phone)
			if err != nil {
				return nil, err
			}
			if ok {
				break
			}
		}
	}
	h := <-hashCh
	if h.err != nil {
		return nil, fmt.Errorf("demo: %w", h.err)
	}

	res := &Result{Enterprises: nEnt, Persons: nPer, Posts: nPosts, Resumes: nPer, Accounts: accts}
	err = db.Write(ctx, func(tx *store.Tx) error {
		var staffID int64
		for i, a := range accts {
			u := &account.User{Role: a.Role, Name: a.Name, Phone: a.Phone, PersonID: a.PersonID, EnterpriseID: a.EnterpriseID}
			if err := tx.CreateUser(ctx, u, h.hashes[i]); err != nil {
				return fmt.Errorf("demo: %s account: %w", a.Role, err)
			}
			if a.Role == account.RoleStaff {
				staffID = u.ID
			}
		}
		// The verified enterprises were verified by the demo staff member.
		if _, err := tx.Exec(ctx, "UPDATE enterprises SET verified_by = ?, verified_at = ? WHERE verified = ? AND verified_by IS NULL",
			staffID, db.Now(), true); err != nil {
			return fmt.Errorf("demo: verification stamps: %w", err)
		}
		summary := fmt.Sprintf("scale=%g seed=%d enterprises=%d persons=%d resumes=%d posts=%d accounts=%d", opt.Scale, opt.Seed, nEnt, nPer, nPer, nPosts, len(accts))
		return tx.Audit(ctx, store.Actor{Role: "system"}, ActionGenerate, "", 0, summary, "ok")
	})
	if err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// report prints progress about ten times per kind of record.
func report(w io.Writer, what string, done, total int) {
	step := batchSize * max(1, total/(10*batchSize))
	if done == total || done%step == 0 {
		fmt.Fprintf(w, "演示数据：%s %d/%d\n", what, done, total)
	}
}

// pickPerson returns the first candidate who is an unemployed job seeker aged
// 22–45 with a phone free for a login, else the first with a free phone.
func pickPerson(cands []*registry.Person, today time.Time, free func(string) (bool, error)) (*registry.Person, error) {
	var fallback *registry.Person
	for _, p := range cands {
		ok, err := free(p.Phone)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if age := p.AgeOn(today); p.EmploymentStatus == "失业" && age >= 22 && age <= 45 {
			return p, nil
		}
		if fallback == nil {
			fallback = p
		}
	}
	if fallback == nil {
		return nil, errors.New("demo: no generated person has a phone free for a login")
	}
	return fallback, nil
}

// passwordChars are letters and digits without look-alikes (0 O 1 l I).
const passwordChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

// passwordLen gives about 93 bits of entropy.
const passwordLen = 16

// newPassword returns a random password of letters and digits with at least
// one upper-case letter, one lower-case letter and one digit.
func newPassword() string {
	for {
		b := make([]byte, 0, passwordLen)
		var buf [64]byte
		for len(b) < passwordLen {
			rand.Read(buf[:]) // never fails (crypto/rand panics on a broken platform source)
			for _, c := range buf {
				// Rejection sampling keeps the draw uniform.
				if int(c) < 256/len(passwordChars)*len(passwordChars) && len(b) < passwordLen {
					b = append(b, passwordChars[int(c)%len(passwordChars)])
				}
			}
		}
		pw := string(b)
		if strings.ContainsAny(pw, "ABCDEFGHJKLMNPQRSTUVWXYZ") && strings.ContainsAny(pw, "abcdefghijkmnpqrstuvwxyz") &&
			strings.ContainsAny(pw, "23456789") && account.ValidatePassword(pw) == nil {
			return pw
		}
	}
}

// WriteAccounts prints the accounts as an aligned Chinese table (角色 / 姓名 /
// 手机号 / 密码) for the console and the 0600 file the CLI keeps.
func WriteAccounts(w io.Writer, accts []Account) error {
	rows := [][]string{{"角色", "姓名", "手机号", "密码"}}
	for _, a := range accts {
		rows = append(rows, []string{a.Role.Label(), a.Name, a.Phone, a.Password})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			n++
		case unicode.Is(unicode.Han, r), r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
			n += 2
		default:
			n++
		}
	}
	return n
}
