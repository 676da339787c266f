package demo

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

var testNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

func loadTables(t testing.TB) *codes.Tables {
	t.Helper()
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

func TestGenerate(t *testing.T) {
	tables := loadTables(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		opt := Options{Scale: 0.02, Seed: 42, Now: testNow}
		var progress bytes.Buffer
		opt.Progress = &progress
		res, err := Generate(ctx, db, tables, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Enterprises != 112 || res.Persons != 200 {
			t.Fatalf("result counts = %d enterprises, %d persons; want 112, 200", res.Enterprises, res.Persons)
		}
		// users: 9 printed accounts (one per role), 7 call-centre agents, 6 more review experts.
		for table, want := range map[string]int64{"enterprises": 112, "persons": 200, "users": 22} {
			if n, err := db.Count(ctx, table); err != nil || n != want {
				t.Errorf("Count(%s) = %d, %v; want %d", table, n, err, want)
			}
		}
		if !strings.Contains(progress.String(), "企业 112/112") || !strings.Contains(progress.String(), "人员 200/200") {
			t.Errorf("progress output:\n%s", progress.String())
		}
		// 就业见习: the seed's 4 bases at 0.02 are one, with its 见习 post and interns.
		if n, err := db.Count(ctx, "internship_bases"); err != nil || n != 1 {
			t.Errorf("internship bases = %d, %v; want 1", n, err)
		}
		if bs, err := db.Internships().Bases(ctx, "designated"); err != nil || len(bs) != 1 {
			t.Errorf("designated bases: %d %v", len(bs), err)
		} else if ins, err := db.Internships().InternshipList(ctx, store.InternshipFilter{BaseID: bs[0].ID}); err != nil || len(ins) == 0 {
			t.Errorf("the base has no interns: %v", err)
		}
		if !strings.Contains(progress.String(), "就业见习：1 个见习基地") {
			t.Errorf("progress output lacks the internships:\n%s", progress.String())
		}

		if _, err := Generate(ctx, db, tables, opt); err == nil {
			t.Fatal("second Generate on a filled store succeeded")
		}
		if n, _ := db.Count(ctx, "persons"); n != 200 {
			t.Fatalf("refused Generate changed persons to %d", n)
		}

		checkAccounts(t, db, res.Accounts)

		n, err := db.VerifyAudit(ctx)
		if err != nil || n < 1 {
			t.Fatalf("VerifyAudit = %d, %v", n, err)
		}
		rows, err := db.ListAudit(ctx, audit.Filter{Action: ActionGenerate})
		if err != nil || len(rows) != 1 {
			t.Fatalf("audit rows for %s = %d, %v; want 1", ActionGenerate, len(rows), err)
		}
		if e := rows[0]; e.ActorID != 0 || e.Result != "ok" || !strings.Contains(e.Summary, "enterprises=112 persons=200") {
			t.Errorf("audit row = %+v", e)
		}

		// Distribution sanity over the stored persons.
		persons := allPersons(t, db)
		if len(persons) != 200 {
			t.Fatalf("read back %d persons", len(persons))
		}
		ids := map[string]bool{}
		local := 0
		for _, p := range persons {
			if ids[p.IDNumber] {
				t.Errorf("duplicate ID number %s", registry.MaskID(p.IDNumber))
			}
			ids[p.IDNumber] = true
			if age := p.AgeOn(opt.Now); age < 16 || age > 60 {
				t.Errorf("person %d is %d years old", p.ID, age)
			}
			if strings.HasPrefix(p.ResidenceRegion, District) {
				local++
			}
			if len(p.ResidenceRegion) != 9 {
				t.Errorf("person %d residence %q is not a street", p.ID, p.ResidenceRegion)
			}
		}
		if share := float64(local) / float64(len(persons)); share < 0.60 || share > 0.90 {
			t.Errorf("residence share in %s = %.2f, want 0.60–0.90", District, share)
		}
	})
}

func checkAccounts(t *testing.T, db *store.DB, accts []Account) {
	t.Helper()
	ctx := context.Background()
	if len(accts) != len(account.Roles) {
		t.Fatalf("%d accounts, want %d", len(accts), len(account.Roles))
	}
	var staffID int64
	phones := map[string]bool{}
	for i, a := range accts {
		if a.Role != account.Roles[i] {
			t.Errorf("account %d role %s, want %s", i, a.Role, account.Roles[i])
		}
		if phones[a.Phone] {
			t.Errorf("phone %s used twice", a.Phone)
		}
		phones[a.Phone] = true
		if len(a.Password) < 12 || strings.Trim(a.Password, passwordChars) != "" || account.ValidatePassword(a.Password) != nil {
			t.Errorf("%s password %q is not a strong letters+digits password", a.Role, a.Password)
		}
		u, hash, err := db.Accounts().UserByPhone(ctx, a.Phone)
		if err != nil {
			t.Fatalf("%s account %s: %v", a.Role, a.Phone, err)
		}
		if u.Role != a.Role || u.Name != a.Name || u.PersonID != a.PersonID || u.EnterpriseID != a.EnterpriseID {
			t.Errorf("stored user %+v does not match account %+v", u, a)
		}
		if !account.CheckPassword(a.Password, hash) {
			t.Errorf("%s password does not verify", a.Role)
		}
		p := account.DefaultHashParams
		if want := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$", p.Memory, p.Time, p.Threads); !strings.HasPrefix(hash, want) {
			t.Errorf("%s hash %q does not use the default parameters %s", a.Role, hash, want)
		}
		switch a.Role {
		case account.RolePerson:
			per, err := db.Registry().PersonByID(ctx, a.PersonID)
			if err != nil {
				t.Fatalf("person of the person account: %v", err)
			}
			if per.Phone != a.Phone || per.Name != a.Name {
				t.Errorf("person %+v does not match account %+v", per, a)
			}
		case account.RoleEmployer:
			if a.EnterpriseID == 0 {
				t.Fatal("employer account without enterprise")
			}
		case account.RoleStaff:
			staffID = u.ID
		}
		if a.Role != account.RolePerson && a.PersonID != 0 || a.Role != account.RoleEmployer && a.EnterpriseID != 0 {
			t.Errorf("%s account tied to person %d / enterprise %d", a.Role, a.PersonID, a.EnterpriseID)
		}
	}
	e, err := db.Registry().EnterpriseByID(ctx, accts[1].EnterpriseID)
	if err != nil {
		t.Fatalf("enterprise of the employer account: %v", err)
	}
	if !e.Verified || e.VerifiedBy != staffID || e.VerifiedAt.IsZero() || e.USCCWarning {
		t.Errorf("employer's enterprise %+v is not verified by staff %d with a clean credit code", e, staffID)
	}
}

func allPersons(t *testing.T, db *store.DB) []*registry.Person {
	t.Helper()
	ctx := context.Background()
	var out []*registry.Person
	for off := 0; ; off += 100 {
		page, total, err := db.Registry().SearchPersons(ctx, registry.PersonFilter{Limit: 100, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page {
			p, err := db.Registry().PersonByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
		}
		if off+100 >= total {
			return out
		}
	}
}

func TestGenerateOptions(t *testing.T) {
	tables := loadTables(t)
	db := storetest.SQLite(t)
	for _, s := range []float64{0, -1, MaxScale + 1} {
		if _, err := Generate(context.Background(), db, tables, Options{Scale: s}); err == nil {
			t.Errorf("scale %v accepted", s)
		}
	}
	if _, err := Generate(context.Background(), db, nil, Options{Scale: 1}); err == nil {
		t.Error("nil tables accepted")
	}
	// A tiny scale still makes one of each and every account.
	res, err := Generate(context.Background(), db, tables, Options{Scale: 0.0001, Seed: 1, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Enterprises != 1 || res.Persons != 1 || len(res.Accounts) != len(account.Roles) || res.Funding.Calls != 2 {
		t.Errorf("tiny scale result %+v", res)
	}
}

// generators returns the enterprise and person generators Generate uses.
func generators(t testing.TB, seed uint64, now time.Time) (*entGen, *personGen) {
	t.Helper()
	tables := loadTables(t)
	rg, err := newRegions(tables.Regions)
	if err != nil {
		t.Fatal(err)
	}
	eg, err := newEntGen(rand.New(rand.NewPCG(seed, streamEnterprises)), now, rg, tables.Industries)
	if err != nil {
		t.Fatal(err)
	}
	pg := &personGen{r: rand.New(rand.NewPCG(seed, streamPersons)), now: now, today: civilDate(now), rg: rg,
		names: newNames(), ids: map[string]bool{}, phones: map[string]bool{}}
	return eg, pg
}

func within(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s = %.4f, want %.4f–%.4f", what, got, lo, hi)
	}
}

// TestPersonDistribution generates a district's worth of persons in memory
// and checks the shares the brief asks for and the consistency rules.
func TestPersonDistribution(t *testing.T) {
	tables := loadTables(t)
	const n = DistrictPersons
	_, pg := generators(t, 7, testNow)
	today := civilDate(testNow)
	count := map[string]int{}
	var ages []int
	phones, ids := map[string]bool{}, map[string]bool{}
	for range n {
		p := pg.next()
		if err := p.Validate(testNow, tables.Regions); err != nil {
			t.Fatalf("%+v: %v", p, fieldsOf(err))
		}
		age := p.AgeOn(testNow)
		ages = append(ages, age)
		if ids[p.IDNumber] || phones[p.Phone] {
			t.Fatalf("duplicate ID number or phone: %+v", p)
		}
		ids[p.IDNumber], phones[p.Phone] = true, true
		info, _ := registry.ParseIDNumber(p.IDNumber, testNow)
		if info.Region != p.HukouRegion || len(p.HukouRegion) != 6 {
			t.Errorf("ID region %s, hukou %s", info.Region, p.HukouRegion)
		}
		if c := []rune(p.Name); len(c) < 2 || len(c) > 4 {
			t.Errorf("name %q", p.Name)
		}
		count["edu:"+p.Education]++
		count["status:"+p.EmploymentStatus]++
		if p.Male {
			count["male"]++
		}
		if p.HukouRegion == District {
			count["hukou:district"]++
		} else if strings.HasPrefix(p.HukouRegion, "4201") {
			count["hukou:wuhan"]++
		}
		if strings.HasPrefix(p.ResidenceRegion, District) {
			count["residence:district"]++
		}
		student := p.GraduationDate.After(today)
		if student != (p.EmploymentStatus == "在校学生") {
			t.Errorf("status %s with graduation %s", p.EmploymentStatus, p.GraduationDate.Format(time.DateOnly))
		}
		if m := p.GraduationDate.Month(); m != time.June && m != time.July {
			t.Errorf("graduation in %s", m)
		}
		if y := p.GraduationDate.Year() - p.Birth.Year() - gradAge[p.Education]; y < 0 || y > 4 {
			t.Errorf("%s graduation %s for birth %s", p.Education, p.GraduationDate.Format(time.DateOnly), p.Birth.Format(time.DateOnly))
		}
		if p.RegisteredUnemployed {
			count["registered"]++
			if p.EmploymentStatus != "失业" {
				t.Errorf("registered unemployed with status %s", p.EmploymentStatus)
			}
		}
		if p.DifficultyCategory != "" {
			count["difficulty"]++
			if !eligible(p, age, p.DifficultyCategory, today) {
				t.Errorf("category %s for age %d male %v status %s", p.DifficultyCategory, age, p.Male, p.EmploymentStatus)
			}
		}
		if p.Veteran {
			count["veteran"]++
			if p.Male {
				count["veteran:male"]++
			}
		}
	}
	share := func(k string) float64 { return float64(count[k]) / n }
	for edu, want := range map[string]float64{"初中": 0.15, "高中": 0.15, "中专": 0.12, "大专": 0.25, "本科": 0.28, "硕士": 0.045, "博士": 0.005} {
		within(t, "education "+edu, share("edu:"+edu), want*0.8-0.005, want*1.2+0.005)
	}
	for st, want := range map[string]float64{"失业": 0.30, "在职": 0.35, "灵活就业": 0.20, "自主创业": 0.05, "公益性岗位": 0.02} {
		within(t, "status "+st, share("status:"+st), want*0.85, want*1.2)
	}
	within(t, "students", share("status:在校学生"), 0.01, 0.12)
	within(t, "male", share("male"), 0.50, 0.54)
	within(t, "hukou in district", share("hukou:district"), 0.52, 0.58)
	within(t, "hukou elsewhere in Wuhan", share("hukou:wuhan"), 0.22, 0.28)
	within(t, "residence in district", share("residence:district"), 0.72, 0.78)
	within(t, "registered unemployed / unemployed", float64(count["registered"])/float64(count["status:失业"]), 0.45, 0.55)
	within(t, "difficulty", share("difficulty"), 0.045, 0.075)
	within(t, "veteran", share("veteran"), 0.02, 0.04)
	within(t, "male share of veterans", float64(count["veteran:male"])/float64(count["veteran"]), 0.8, 1)
	slices.Sort(ages)
	if ages[0] < 16 || ages[n-1] > 60 || ages[n/2] < 28 || ages[n/2] > 32 {
		t.Errorf("ages %d–%d, median %d", ages[0], ages[n-1], ages[n/2])
	}
}

// TestPersonsValidAcrossDates checks that every generated person validates
// whatever the day, including 29 February and New Year's Eve.
func TestPersonsValidAcrossDates(t *testing.T) {
	tables := loadTables(t)
	for i, now := range []time.Time{
		time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		time.Date(2026, 6, 20, 8, 0, 0, 0, time.UTC),
	} {
		eg, pg := generators(t, uint64(100+i), now)
		for range 3000 {
			p := pg.next()
			if err := p.Validate(now, tables.Regions); err != nil {
				t.Fatalf("%s: %+v: %v", now, p, fieldsOf(err))
			}
			if age := p.AgeOn(now); age < 16 || age > 60 {
				t.Fatalf("%s: age %d", now, age)
			}
		}
		for range 1000 {
			e := eg.next()
			if err := e.Validate(now, tables.Industries, tables.Regions); err != nil {
				t.Fatalf("%s: %+v: %v", now, e, fieldsOf(err))
			}
		}
	}
}

func TestEnterpriseDistribution(t *testing.T) {
	tables := loadTables(t)
	const n = DistrictEnterprises
	eg, _ := generators(t, 7, testNow)
	count := map[string]int{}
	names, usccs := map[string]bool{}, map[string]bool{}
	for i := range n {
		e := eg.next()
		if err := e.Validate(testNow, tables.Industries, tables.Regions); err != nil {
			t.Fatalf("%+v: %v", e, fieldsOf(err))
		}
		if names[e.Name] || usccs[e.USCC] {
			t.Fatalf("duplicate name or credit code: %+v", e)
		}
		names[e.Name], usccs[e.USCC] = true, true
		info, err := registry.ParseUSCC(e.USCC)
		if err != nil || info.ChecksumOK == e.USCCWarning {
			t.Fatalf("credit code %s: %+v, %v; warning %v", e.USCC, info, err, e.USCCWarning)
		}
		if i == 0 && (!e.Verified || e.USCCWarning || strings.HasSuffix(e.Name, "店")) {
			t.Errorf("first enterprise %+v is not a verified company", e)
		}
		if !strings.HasPrefix(e.RegionCode, District) {
			t.Errorf("enterprise located in %s", e.RegionCode)
		}
		if y := e.RegisteredOn.Year(); y < 1995 || y > 2025 {
			t.Errorf("registered %s", e.RegisteredOn.Format(time.DateOnly))
		}
		if (e.USCC[8:10] == "MA") != !e.RegisteredOn.Before(time.Date(2015, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("credit code %s for an enterprise registered %s", e.USCC, e.RegisteredOn.Format(time.DateOnly))
		}
		section := tables.Industries.Path(e.IndustryCode)[0].Code
		count["section:"+section]++
		count["size:"+e.Size]++
		if info.Region == District {
			count["uscc:district"]++
		}
		if e.USCC[:2] == "92" {
			count["shop"]++
			if e.Size != "微型" || !strings.Contains(e.Name, "东西湖区") {
				t.Errorf("个体工商户 %+v", e)
			}
		}
		if e.USCCWarning {
			count["warning"]++
		}
		if e.Verified {
			count["verified"]++
		}
	}
	share := func(k string) float64 { return float64(count[k]) / n }
	for sec, want := range map[string]float64{"C": 0.35, "G": 0.20, "F": 0.15, "E": 0.07, "H": 0.06, "L": 0.06, "I": 0.05} {
		within(t, "section "+sec, share("section:"+sec), want*0.85, want*1.15)
	}
	for size, want := range map[string]float64{"微型": 0.45, "小型": 0.35, "中型": 0.15, "大型": 0.05} {
		within(t, "size "+size, share("size:"+size), want*0.88, want*1.12)
	}
	within(t, "credit code registered in district", share("uscc:district"), 0.78, 0.85)
	within(t, "个体工商户", share("shop"), 0.02, 0.08)
	within(t, "credit code warnings", share("warning"), 0.002, 0.009)
	within(t, "verified", share("verified"), 0.83, 0.87)
}

func TestDeterministic(t *testing.T) {
	eg1, pg1 := generators(t, 99, testNow)
	eg2, pg2 := generators(t, 99, testNow)
	eg3, _ := generators(t, 100, testNow)
	same := true
	for range 200 {
		p1, p2 := pg1.next(), pg2.next()
		if *p1 != *p2 {
			t.Fatalf("same seed, different persons:\n%+v\n%+v", p1, p2)
		}
		e1, e2, e3 := eg1.next(), eg2.next(), eg3.next()
		if *e1 != *e2 {
			t.Fatalf("same seed, different enterprises:\n%+v\n%+v", e1, e2)
		}
		same = same && *e1 == *e3
	}
	if same {
		t.Error("different seeds made the same enterprises")
	}
}

func TestWriteAccounts(t *testing.T) {
	accts := []Account{
		{Role: account.RolePerson, Name: "欧阳娜娜", Phone: "13812345678", Password: "Abcdefgh2345"},
		{Role: account.RoleAdmin, Name: "王伟", Phone: "15912345678", Password: "Zyxwvuts9876kk"},
	}
	var b bytes.Buffer
	if err := WriteAccounts(&b, accts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "角色") || !strings.Contains(lines[0], "密码") {
		t.Fatalf("table:\n%s", b.String())
	}
	// Each column starts at the same display column on every line.
	for col, field := range []string{"姓名", "手机号", "密码"} {
		want := displayWidth(lines[0][:strings.Index(lines[0], field)])
		for i, a := range accts {
			v := []string{a.Name, a.Phone, a.Password}[col]
			line := lines[i+1]
			if got := displayWidth(line[:strings.Index(line, v)]); got != want {
				t.Errorf("line %q: %s starts at column %d, header at %d", line, v, got, want)
			}
		}
	}
	for _, want := range []string{"求职者", "管理员", "13812345678", "Zyxwvuts9876kk"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %s:\n%s", want, b.String())
		}
	}
}

func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		pw := newPassword()
		if len(pw) < 12 || strings.Trim(pw, passwordChars) != "" || seen[pw] {
			t.Fatalf("password %q", pw)
		}
		seen[pw] = true
	}
}

func BenchmarkGenerate(b *testing.B) {
	tables := loadTables(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := storetest.SQLite(b)
		b.StartTimer()
		if _, err := Generate(ctx, db, tables, Options{Scale: 0.1, Seed: uint64(i), Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}
