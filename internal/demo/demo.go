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
	Posts                int           // job posts of verified enterprises
	Resumes              int           // one per person, DiscoverableShare of them discoverable
	Gigs                 GigCounts     // 零工经纪人: gig employers, gigs, worker profiles, sign-ups
	Casework             CaseCounts    // 话务中心: agents, clients, contacts, follow-ups
	Startup              StartupCounts // 创业扶持: banks, 青创贷 applications and the amount lent
	Funding              FundingCounts // 创业扶持: project funding calls, applications, expert scores, awards
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
	gen, err := newGeneration(ctx, db, tables, opt)
	if err != nil {
		return nil, err
	}
	accts, hashCh := startAccounts()
	employerEnt, err := gen.writeEnterprises(ctx)
	if err != nil {
		return nil, err
	}
	cands, err := gen.writePersons(ctx)
	if err != nil {
		return nil, err
	}
	// Job posts (网谷智聘) of the verified enterprises.
	nPosts, err := generatePosts(ctx, db, tables, gen.opt, gen.progress)
	if err != nil {
		return nil, err
	}
	// 零工经纪人: gigs of verified enterprises, sign-ups, worker profiles.
	gigCounts, err := generateGigs(ctx, db, tables, gen.opt, gen.progress)
	if err != nil {
		return nil, err
	}
	if err := gen.fillAccounts(ctx, accts, employerEnt, cands); err != nil {
		return nil, err
	}
	h := <-hashCh
	if h.err != nil {
		return nil, fmt.Errorf("demo: %w", h.err)
	}
	if err := gen.saveAccounts(ctx, accts, h.hashes, nPosts); err != nil {
		return nil, err
	}
	// 话务中心: after the accounts, so the printed staff member leads a team.
	caseCounts, err := generateCasework(ctx, db, gen.opt, gen.progress, staffPhone(accts))
	if err != nil {
		return nil, err
	}
	// 创业扶持: partner banks and 青创贷 applications since the programme began.
	startupCounts, err := generateStartup(ctx, db, gen.opt, gen.progress)
	if err != nil {
		return nil, err
	}
	// 创业扶持: 青创园 with tenants, events and last year's assessments.
	if _, err := startupParks(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 技能培训: designated institutions, enterprises training their own staff,
	// evaluation bodies, and filed classes over the next weeks.
	if _, err := trainingProviders(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 技能培训 since 2022: past classes, rosters, attendance and outcomes.
	if err := pastTraining(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 就业见习: bases with their 见习 posts and interns, after the posts.
	if _, err := generateInternships(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 青年夜校 and other activities: after the persons, who sign up.
	if _, err := generateActivities(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 心理咨询: after the accounts, so the printed counsellor has a desk.
	if _, err := generateCounselling(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 职业启蒙 school visits: after the accounts, so the printed school user has a school.
	if _, err := generateSchoolVisits(ctx, db, gen.opt, gen.progress); err != nil {
		return nil, err
	}
	// 创业项目资助: after the accounts, so the printed expert has projects to score.
	fundingCounts, err := generateFunding(ctx, db, gen.opt, gen.progress)
	if err != nil {
		return nil, err
	}
	return &Result{Enterprises: gen.nEnt, Persons: gen.nPer, Posts: nPosts, Resumes: gen.nPer, Gigs: gigCounts, Casework: caseCounts,
		Startup: startupCounts, Funding: fundingCounts, Accounts: accts, Elapsed: time.Since(start)}, nil
}

// generation is the state of one Generate call that its steps share: the
// store, the options with their defaults, the counts and the generators.
type generation struct {
	db         *store.DB
	tables     *codes.Tables
	opt        Options   // Now filled in
	progress   io.Writer // opt.Progress or io.Discard
	nEnt, nPer int
	ents       *entGen
	persons    *personGen // its names and phones serve the accounts too
}

// newGeneration checks Generate's arguments, fills in the defaults, refuses
// a store that already has data and sets up the generators, so that a bad
// call fails before anything is written.
func newGeneration(ctx context.Context, db *store.DB, tables *codes.Tables, opt Options) (*generation, error) {
	if db == nil || tables == nil || tables.Regions == nil || tables.Industries == nil {
		return nil, errors.New("demo: store and code tables are required")
	}
	if !(opt.Scale > 0 && opt.Scale <= MaxScale) {
		return nil, fmt.Errorf("demo: scale %v out of range (0, %d]", opt.Scale, MaxScale)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	gen := &generation{db: db, tables: tables, opt: opt, progress: opt.Progress}
	if gen.progress == nil {
		gen.progress = io.Discard
	}
	if err := requireEmpty(ctx, db); err != nil {
		return nil, err
	}
	gen.nEnt = max(1, int(math.Round(DistrictEnterprises*opt.Scale)))
	gen.nPer = max(1, int(math.Round(DistrictPersons*opt.Scale)))

	rg, err := newRegions(tables.Regions)
	if err != nil {
		return nil, err
	}
	gen.ents, err = newEntGen(mrand.New(mrand.NewPCG(opt.Seed, streamEnterprises)), opt.Now, rg, tables.Industries)
	if err != nil {
		return nil, err
	}
	gen.persons = &personGen{r: mrand.New(mrand.NewPCG(opt.Seed, streamPersons)), now: opt.Now, today: civilDate(opt.Now),
		rg: rg, names: newNames(), ids: make(map[string]bool, gen.nPer), phones: make(map[string]bool, gen.nPer+8)}
	return gen, nil
}

// requireEmpty refuses a store with persons or enterprises: demo data goes
// only into an empty store, which is what makes `serve --demo` run once.
func requireEmpty(ctx context.Context, db *store.DB) error {
	for _, table := range []string{"persons", "enterprises"} {
		n, err := db.Count(ctx, table)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("demo: the store already has data (%d rows in %s); demo data only goes into an empty store", n, table)
		}
	}
	return nil
}

// hashed is the outcome of hashing the account passwords.
type hashed struct {
	hashes []string
	err    error
}

// startAccounts makes one account per role with a random password and
// starts hashing the passwords in the background, because argon2 takes
// about 50 ms each and the rows can go in meanwhile. fillAccounts gives the
// accounts their names and phones.
func startAccounts() ([]Account, <-chan hashed) {
	accts := make([]Account, len(account.Roles))
	pws := make([]string, len(accts))
	for i, role := range account.Roles {
		accts[i].Role = role
		pws[i] = newPassword()
		accts[i].Password = pws[i]
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
	return accts, hashCh
}

// writeEnterprises generates nEnt enterprises, validates each and inserts
// them in transactions of batchSize. It returns the first, which the
// generator makes a verified company, for the employer account.
func (gen *generation) writeEnterprises(ctx context.Context) (*registry.Enterprise, error) {
	var employerEnt *registry.Enterprise
	batch := make([]*registry.Enterprise, 0, batchSize)
	for done := 0; done < gen.nEnt; {
		batch = batch[:0]
		for range min(batchSize, gen.nEnt-done) {
			e := gen.ents.next()
			if err := e.Validate(gen.opt.Now, gen.tables.Industries, gen.tables.Regions); err != nil {
				return nil, validationError("enterprise", e.Name, err)
			}
			batch = append(batch, e)
		}
		if err := gen.insertEnterprises(ctx, batch); err != nil {
			return nil, err
		}
		if employerEnt == nil {
			employerEnt = batch[0]
		}
		done += len(batch)
		report(gen.progress, "企业", done, gen.nEnt)
	}
	return employerEnt, nil
}

// insertEnterprises inserts one batch of enterprises in one transaction,
// which sets their ids.
func (gen *generation) insertEnterprises(ctx context.Context, batch []*registry.Enterprise) error {
	return gen.db.Write(ctx, func(tx *store.Tx) error {
		for _, e := range batch {
			if err := tx.CreateEnterprise(ctx, e); err != nil {
				return fmt.Errorf("demo: enterprise %s: %w", e.Name, err)
			}
		}
		return nil
	})
}

// maxCandidates is how many of the first persons are considered for the
// person account.
const maxCandidates = 64

// writePersons generates nPer persons, validates each and inserts them in
// transactions of batchSize, each batch followed by its persons' resumes
// (which need the persons' ids). It returns the first maxCandidates
// persons: candidates for the person account.
func (gen *generation) writePersons(ctx context.Context) ([]*registry.Person, error) {
	var cands []*registry.Person
	resGen := newResumeGen(gen.opt.Seed, gen.tables, gen.opt.Now)
	batch := make([]*registry.Person, 0, batchSize)
	for done := 0; done < gen.nPer; {
		batch = batch[:0]
		for range min(batchSize, gen.nPer-done) {
			p := gen.persons.next()
			if err := p.Validate(gen.opt.Now, gen.tables.Regions); err != nil {
				return nil, validationError("person", registry.MaskName(p.Name), err)
			}
			batch = append(batch, p)
		}
		if err := gen.insertPersons(ctx, batch); err != nil {
			return nil, err
		}
		if err := gen.writeResumes(ctx, resGen, batch); err != nil {
			return nil, err
		}
		for _, p := range batch {
			if len(cands) < maxCandidates {
				cands = append(cands, p)
			}
		}
		done += len(batch)
		report(gen.progress, "人员", done, gen.nPer)
	}
	return cands, nil
}

// insertPersons inserts one batch of persons in one transaction, which
// sets their ids.
func (gen *generation) insertPersons(ctx context.Context, batch []*registry.Person) error {
	return gen.db.Write(ctx, func(tx *store.Tx) error {
		for _, p := range batch {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return fmt.Errorf("demo: person %s: %w", registry.MaskName(p.Name), err)
			}
		}
		return nil
	})
}

// writeResumes generates, validates and inserts in one transaction the
// resumes of a batch of stored persons, one each.
func (gen *generation) writeResumes(ctx context.Context, resGen *resumeGen, persons []*registry.Person) error {
	resumes := make([]*resume.Resume, 0, len(persons))
	for _, p := range persons {
		rs := resGen.next(p)
		if err := rs.Validate(gen.opt.Now, gen.tables.Occupations, gen.tables.Regions); err != nil {
			return validationError("resume", registry.MaskName(p.Name), err)
		}
		resumes = append(resumes, rs)
	}
	if err := gen.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertResumes(ctx, resumes, gen.db.Now()) }); err != nil {
		return fmt.Errorf("demo: resumes: %w", err)
	}
	return nil
}

// fillAccounts gives the accounts their people: the person account is a
// generated job seeker (pickPerson), the employer account gets employerEnt,
// and every account but the person's gets an invented name and a phone that
// no generated person and no existing login has (a store may hold users
// before its first data).
func (gen *generation) fillAccounts(ctx context.Context, accts []Account, employerEnt *registry.Enterprise, cands []*registry.Person) error {
	ar := mrand.New(mrand.NewPCG(gen.opt.Seed, streamAccounts))
	free := gen.phoneFree(ctx)
	person, err := pickPerson(cands, gen.persons.today, free)
	if err != nil {
		return err
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
		a.Name = gen.persons.names.name(ar, ar.Float64() < 0.5)
		if a.Phone, err = gen.newPhone(ar, free); err != nil {
			return err
		}
	}
	return nil
}

// phoneFree returns a check whether a phone has no login yet.
func (gen *generation) phoneFree(ctx context.Context) func(phone string) (bool, error) {
	return func(phone string) (bool, error) {
		_, _, err := gen.db.Accounts().UserByPhone(ctx, phone)
		if apperr.Is(err, apperr.NotFound) {
			return true, nil
		}
		return false, err
	}
}

// newPhone draws phones no generated person has until one is free for a
// login.
func (gen *generation) newPhone(ar *mrand.Rand, free func(string) (bool, error)) (string, error) {
	for {
		phone := uniquePhone(ar, gen.persons.phones)
		ok, err := free(phone)
		if err != nil || ok {
			return phone, err
		}
	}
}

// saveAccounts commits, in one transaction at the very end, the accounts
// with their password hashes, the verification stamps of the verified
// enterprises (verified by the demo staff member) and the demo.generate
// audit row.
func (gen *generation) saveAccounts(ctx context.Context, accts []Account, hashes []string, nPosts int) error {
	return gen.db.Write(ctx, func(tx *store.Tx) error {
		staffID, err := createUsers(ctx, tx, accts, hashes)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE enterprises SET verified_by = ?, verified_at = ? WHERE verified = ? AND verified_by IS NULL",
			staffID, gen.db.Now(), true); err != nil {
			return fmt.Errorf("demo: verification stamps: %w", err)
		}
		summary := fmt.Sprintf("scale=%g seed=%d enterprises=%d persons=%d resumes=%d posts=%d accounts=%d",
			gen.opt.Scale, gen.opt.Seed, gen.nEnt, gen.nPer, gen.nPer, nPosts, len(accts))
		return tx.Audit(ctx, store.Actor{Role: "system"}, ActionGenerate, "", 0, summary, "ok")
	})
}

// staffPhone is the printed staff account's phone.
func staffPhone(accts []Account) string {
	for _, a := range accts {
		if a.Role == account.RoleStaff {
			return a.Phone
		}
	}
	return ""
}

// createUsers inserts the accounts' users inside tx and returns the staff
// member's user id, who stamps the verified enterprises.
func createUsers(ctx context.Context, tx *store.Tx, accts []Account, hashes []string) (int64, error) {
	var staffID int64
	for i, a := range accts {
		u := &account.User{Role: a.Role, Name: a.Name, Phone: a.Phone, PersonID: a.PersonID, EnterpriseID: a.EnterpriseID}
		if err := tx.CreateUser(ctx, u, hashes[i]); err != nil {
			return 0, fmt.Errorf("demo: %s account: %w", a.Role, err)
		}
		if a.Role == account.RoleStaff {
			staffID = u.ID
		}
	}
	return staffID, nil
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
