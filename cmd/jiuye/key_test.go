package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/schoolvisit"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// openCLIStore opens a CLI store with its key file's ring, as serve does.
func openCLIStore(t *testing.T, s cliStore) (*store.DB, *app.App) {
	t.Helper()
	ctx := context.Background()
	box, err := secret.LoadBox(filepath.Join(s.data, "jiuye.key"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, s.db, box)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	return db, app.New(db, tables, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{DataDir: s.data})
}

// keyFixture is the data both rotation tests make under the first key: a
// staff user, an upload (sealed by migrate from a clear file), a person who
// registered with a phone and a password, and the audit rows of all that.
type keyFixture struct {
	keyFile                         string
	oldKey                          []byte
	oldBox                          *secret.Box
	scan                            []byte
	staff                           *account.User
	person                          *account.User
	idNumber, personPhone, personPW string
}

func newKeyFixture(t *testing.T, s cliStore) keyFixture {
	t.Helper()
	ctx := context.Background()
	const staffPhone, password = "13900139000", "jiang7river"
	if out, err := s.run(t, "user", "add", "--role", "staff", "--phone", staffPhone, "--password", password, "--name", "经办"); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	keyFile := filepath.Join(s.data, "jiuye.key")
	oldKey, err := secret.LoadKeyFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	oldBox, _ := secret.New(oldKey)

	// An upload, sealed by migrate (as a clear file an older version left).
	scan := []byte("%PDF-1.4\n% ROTATE-MARKER\n%%EOF\n")
	db, a := openCLIStore(t, s)
	_, staff := leaveClearUpload(t, s.data, db, a, staffPhone, scan)
	// A person who registers with a phone and a password.
	r := rand.New(rand.NewPCG(3, 4))
	idNumber := registry.GenerateIDNumber(r, "420112", time.Date(1992, 5, 6, 0, 0, 0, 0, time.UTC), true)
	const personPhone, personPW = "13700137000", "river8hill2"
	person, err := a.Accounts.Register(ctx, app.Actor{IP: "test"}, app.RegisterInput{Kind: "person", Name: "李四",
		IDNumber: idNumber, Phone: personPhone, Password: personPW})
	if err != nil {
		t.Fatal(err)
	}
	leaveGigDispute(t, db, a, person.PersonID)
	if _, err := a.Casework.LogContact(context.Background(), app.Actor{User: staff, IP: "test"}, app.ContactInput{PersonID: person.PersonID,
		Channel: "phone", Direction: "out", Topics: []string{"policy"}, Notes: "家里有老人要照顾，只能做白班", Outcome: "reached"}); err != nil {
		t.Fatal(err)
	}
	// The contact drawn for review, with a supervisor's comment.
	if n, err := db.Casework().SampleReviews(ctx, store.Actor{}, "", true, casework.WeekOf(db.Now()), 1); err != nil || n != 1 {
		t.Fatalf("review sample: %d %v", n, err)
	}
	rs, err := db.Casework().Reviews(ctx, store.ReviewFilter{AllTeams: true})
	if err != nil || len(rs) != 1 {
		t.Fatalf("reviews: %v", err)
	}
	if err := db.Casework().ScoreReview(ctx, store.Actor{}, rs[0], 4, "政策讲解清楚，注意核实身份"); err != nil {
		t.Fatal(err)
	}
	leaveModuleSeals(t, db, a, person)
	leaveSchoolVisit(t, db)
	db.Close()
	if out, err := s.run(t, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	return keyFixture{keyFile: keyFile, oldKey: oldKey, oldBox: oldBox, scan: scan, staff: staff, person: person,
		idNumber: idNumber, personPhone: personPhone, personPW: personPW}
}

// leaveModuleSeals stores one row of each later module's sealed columns:
// a park's, a training provider's, an internship base's and a station's phone, an activity's
// lottery seed, and a counselling booking's concern and notes.
func leaveModuleSeals(t *testing.T, db *store.DB, a *app.App, person *account.User) {
	t.Helper()
	ctx := context.Background()
	sys := store.Actor{Role: "system"}
	park := &startup.Park{Name: "青创园", Level: startup.ParkCity, RegionCode: "420112001", Address: "金山大道 1 号", Operator: "园区公司",
		ContactName: "刘主任", ContactPhone: "13971234567", Unit: startup.SpaceArea, TotalSpace: 100, Status: startup.ParkRecognised}
	if err := db.Startup().Parks().Create(ctx, sys, park); err != nil {
		t.Fatal(err)
	}
	prov := &training.Provider{Name: "培训学校", Kind: training.KindInstitution, RegionCode: "420112001", Address: "临空港大道 1 号",
		ContactName: "王老师", ContactPhone: "13871234567", Status: training.StatusDesignated,
		Scope: []training.ScopeItem{{Occupation: "6-31-01-03", Level: 4}}}
	if err := db.Training().CreateProvider(ctx, sys, prov); err != nil {
		t.Fatal(err)
	}
	leaveCertificate(t, db, prov.ID, person.PersonID)
	ents, _, err := db.Registry().SearchEnterprises(ctx, registry.EnterpriseFilter{Query: "武汉临空港物流有限公司", Limit: 1})
	if err != nil || len(ents) != 1 {
		t.Fatalf("the gig employer's enterprise: %v", err)
	}
	if err := db.Internships().SaveBaseApplication(ctx, sys, &internship.Base{EnterpriseID: ents[0].ID, PlacesPerYear: 5,
		Occupations: []string{"4-02-06-01"}, ContactName: "李经理", ContactPhone: "13600136011", Supervisor: "王师傅"}); err != nil {
		t.Fatal(err)
	}
	start := db.Now().Add(72 * time.Hour)
	act := &activity.Activity{Kind: activity.KindCourse, Title: "青年夜校·瑜伽", Description: "入门", Organiser: activity.ByLeague, OrgName: "团区委",
		RegionCode: "420112001", Capacity: 30, OpensAt: db.Now(), ClosesAt: start.Add(-time.Hour), Allocation: activity.Lottery,
		Sessions: []activity.Session{{Start: start, End: start.Add(2 * time.Hour), Place: "青年之家"}}}
	if err := db.Activities().CreateActivity(ctx, sys, act, "旋转前的种子"); err != nil {
		t.Fatal(err)
	}
	if err := db.Stations().CreateStation(ctx, sys, &activity.Station{Name: "咸丰县劳务工作站", Kind: activity.StationLabour,
		Region: "湖北省恩施州咸丰县", ContactName: "向站长", ContactPhone: "0718-6832100"}); err != nil {
		t.Fatal(err)
	}
	c, err := a.Accounts.CreateUser(ctx, app.Actor{IP: "test"}, app.NewUserInput{Role: "counsellor", Name: "咨询师", Phone: "13500135000",
		Password: "river8hill2"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Counselling.AddSlots(ctx, app.Actor{User: c}, app.SlotInput{Date: start.In(chinatime.Zone).Format(time.DateOnly), Start: "14:00",
		End: "15:00", Mode: "phone"}); err != nil {
		t.Fatal(err)
	}
	slots, err := a.Counselling.OpenSlots(ctx)
	if err != nil || len(slots) != 1 {
		t.Fatalf("slots: %v", err)
	}
	b, err := a.Counselling.Book(ctx, app.Actor{User: person}, slots[0].ID, app.BookInput{Concern: "找工作很焦虑"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Counselling.SaveNotes(ctx, app.Actor{User: c}, b.ID, app.NotesInput{Notes: "低风险，建议职业指导"}); err != nil {
		t.Fatal(err)
	}
}

// leaveSchoolVisit stores a school's booking of a room next week, the
// teacher's phone sealed under the current key.
func leaveSchoolVisit(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	sv := db.SchoolVisits()
	slots, _ := schoolvisit.ParseSlots("周三 09:00-11:00")
	room := &schoolvisit.Room{Name: "工业机器人", Capacity: 40, Slots: slots, Active: true}
	if err := sv.SaveRoom(ctx, store.Actor{}, room); err != nil {
		t.Fatal(err)
	}
	school, err := sv.EnsureSchool(ctx, store.Actor{}, "东西湖区实验小学")
	if err != nil {
		t.Fatal(err)
	}
	b := &schoolvisit.Booking{RoomID: room.ID, Date: chinatime.Today(db.Now()).AddDate(0, 0, 7), Start: "09:00", End: "11:00", SchoolID: school,
		Grade: 5, ClassName: "3班", HeadCount: 30, TeacherName: "李老师", TeacherPhone: "13912345678"}
	if err := sv.Book(ctx, store.Actor{}, b, func(*schoolvisit.Room, []*schoolvisit.Booking) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// leaveCertificate stores a skill certificate with its holder's ID number
// sealed (written directly: this only needs the sealed column filled).
func leaveCertificate(t *testing.T, db *store.DB, providerID, personID int64) {
	t.Helper()
	now := db.Now()
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level,
			provider_id, issued_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			"S000000000000001", personID, "李四", db.Box().Seal("420112199205060018"), "6-31-01-03", 4, providerID, now.Format("2006-01-02"), now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// leaveGigDispute stores a completed gig shift of the person whose pay is
// disputed, with both sides' statements sealed under the current key.
func leaveGigDispute(t *testing.T, db *store.DB, a *app.App, personID int64) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	emp, err := a.Accounts.Register(ctx, app.Actor{IP: "test"}, app.RegisterInput{Kind: "employer", Name: "王经理", Phone: "13600136000",
		Password: "river8hill2", Enterprise: &app.EnterpriseInput{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(r, "420112"),
			IndustryCode: "54", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	g := &gigs.Gig{EnterpriseID: emp.EnterpriseID, Title: "仓库装卸", OccupationCode: "4-02-05-01", Description: "卸货搬运",
		PayFen: 22000, PayUnit: gigs.PerDay, Slots: 1, RegionCode: "420112001", Status: gigs.Published,
		Shifts: []gigs.Shift{{StartsAt: start, EndsAt: start.Add(8 * time.Hour), Filled: 1}}}
	su := &gigs.Signup{PersonID: personID, Status: gigs.SignupAccepted, CreatedAt: start, UpdatedAt: start}
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertGigs(ctx, []*gigs.Gig{g}); err != nil {
			return err
		}
		su.GigID, su.ShiftID = g.ID, g.Shifts[0].ID
		return tx.InsertSignups(ctx, []*gigs.Signup{su})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Gigs().EditSignup(ctx, store.Actor{}, store.SignupEdit{ID: su.ID, Action: "test", Apply: func(s *gigs.Signup) error {
		s.Status, s.PaidFen, s.ReceivedFen, s.Dispute = gigs.SignupCompleted, 18000, 18000, gigs.DisputeOpen
		s.WorkerStatement, s.EmployerStatement = "说好 220 元只给了 180 元", "中途离开了两小时"
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCLIKeyRotate: a person, an upload and audit rows made under the
// first key; `jiuye key rotate` reseals every encrypted value; afterwards
// the audit chain verifies, the person and the upload read back, the person
// logs in by phone, and no value is left under the old key. A rerun has
// nothing to do, and --finish drops the old key from the key file.
func TestCLIKeyRotate(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		ctx := context.Background()
		f := newKeyFixture(t, s)
		keyFile, oldKey, oldBox, scan, staff, person := f.keyFile, f.oldKey, f.oldBox, f.scan, f.staff, f.person
		idNumber, personPhone, personPW := f.idNumber, f.personPhone, f.personPW

		out, err := s.run(t, "key", "rotate")
		if err != nil {
			t.Fatalf("key rotate: %v %s", err, out)
		}
		for _, want := range []string{"persons：1 行，重新加密 1 行", "users：4 行，重新加密 4 行", "gig_signups：1 行，重新加密 1 行", "casework_contacts：1 行，重新加密 1 行", "casework_reviews：1 行，重新加密 1 行", "全部个人数据已用新数据密钥加密"} {
			if !strings.Contains(out, want) {
				t.Errorf("key rotate output lacks %q:\n%s", want, out)
			}
		}
		if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("key file: %v %v", st, err)
		}
		backups, _ := filepath.Glob(keyFile + ".before-rotate-*")
		if len(backups) != 1 {
			t.Fatalf("key file backups: %v", backups)
		}
		if k, err := secret.LoadKeyFile(backups[0]); err != nil || !bytes.Equal(k, oldKey) {
			t.Fatalf("the backup is not the old key file: %v", err)
		}
		rotated, _ := openCLIStore(t, s)
		entries := auditEntries(t, rotated)
		if last := entries[len(entries)-1]; last.Action != audit.KeyRotate || last.ActorRole != "system" || !strings.Contains(last.Summary, "重新加密 16 行") {
			t.Fatalf("the rotation is not in the audit log: %+v", last)
		}
		rotated.Close()

		if out, err := s.run(t, "audit", "verify"); err != nil {
			t.Fatalf("audit verify after rotate: %v %s", err, out)
		}
		db, a := openCLIStore(t, s)
		box := db.Box()
		if !box.Rotating() || box.KeyID() != oldBox.KeyID() || box.DataKeyID() == oldBox.DataKeyID() {
			t.Fatal("after rotate: want a ring with a new data key and the same derivation root")
		}
		p, err := db.Registry().PersonByID(ctx, person.PersonID)
		if err != nil || p.IDNumber != idNumber || p.Phone != personPhone {
			t.Fatalf("person after rotate: %+v %v", p, err)
		}
		if sus, err := db.Gigs().SignupsOfPerson(ctx, person.PersonID, 5); err != nil || len(sus) != 1 ||
			sus[0].WorkerStatement != "说好 220 元只给了 180 元" || sus[0].EmployerStatement != "中途离开了两小时" {
			t.Fatalf("dispute statements after rotate: %v", err)
		}
		if cs, err := db.Casework().Contacts(ctx, store.ContactFilter{PersonID: person.PersonID, Notes: true}); err != nil || len(cs) != 1 ||
			cs[0].Notes != "家里有老人要照顾，只能做白班" {
			t.Fatalf("contact notes after rotate: %v", err)
		}
		if rs, err := db.Casework().Reviews(ctx, store.ReviewFilter{AllTeams: true}); err != nil || len(rs) != 1 || rs[0].Comments != "政策讲解清楚，注意核实身份" {
			t.Fatalf("review comments after rotate: %v", err)
		}
		if b, err := db.Counsel().BookingFull(ctx, 1); err != nil || b.Concern != "找工作很焦虑" || b.Notes != "低风险，建议职业指导" {
			t.Fatalf("counselling notes after rotate: %v", err)
		}
		_, read, err := a.PolicyApps.Upload(ctx, app.Actor{User: staff, IP: "test"}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := read(); err != nil || !bytes.Equal(got, scan) {
			t.Fatalf("upload after rotate: %v", err)
		}
		if _, u, err := a.Accounts.Login(ctx, app.Actor{IP: "test"}, personPhone, personPW, account.SessionWeb); err != nil || u.PersonID != person.PersonID {
			t.Fatalf("login by phone after rotate: %v", err)
		}
		for _, tb := range store.SealedTables {
			for _, col := range tb.Columns {
				rows, err := s.raw.Query("SELECT " + col.Enc + " FROM " + tb.Table + " WHERE " + col.Enc + " IS NOT NULL")
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var enc []byte
					rows.Scan(&enc)
					n++
					if enc[0] != 2 || hex.EncodeToString(enc[1:5]) != box.DataKeyID() {
						t.Errorf("%s.%s: %x… is not under the new key", tb.Table, col.Enc, enc[:5])
					}
					if _, err := oldBox.Open(enc); err == nil {
						t.Errorf("%s.%s: the old key still opens a value", tb.Table, col.Enc)
					}
				}
				rows.Close()
				if n == 0 {
					t.Errorf("%s.%s: no values checked", tb.Table, col.Enc)
				}
			}
		}
		db.Close()

		if out, err := s.run(t, "key", "rotate"); err != nil || !strings.Contains(out, "继续进行中的密钥轮换") || !strings.Contains(out, "重新加密 0 行") {
			t.Fatalf("rerun: %v %s", err, out)
		}
		if out, err := s.run(t, "key", "rotate", "--finish"); err != nil {
			t.Fatalf("finish: %v %s", err, out)
		}
		ring, err := secret.LoadKeyRing(keyFile)
		if err != nil || ring.Previous != nil || !bytes.Equal(ring.Root, oldKey) {
			t.Fatalf("after finish: %v", err)
		}
		if out, err := s.run(t, "audit", "verify"); err != nil {
			t.Fatalf("audit verify after finish: %v %s", err, out)
		}
		db, a = openCLIStore(t, s)
		defer db.Close()
		if _, _, err := a.Accounts.Login(ctx, app.Actor{IP: "test"}, personPhone, personPW, account.SessionWeb); err != nil {
			t.Fatalf("login after finish: %v", err)
		}
		// A second rotation starts from the finished ring and keeps the root.
		if out, err := s.run(t, "key", "rotate", "--prepare"); err != nil || !strings.Contains(out, "请把新密钥文件复制到每个实例") {
			t.Fatalf("second rotation: %v %s", err, out)
		}
		if ring2, _ := secret.LoadKeyRing(keyFile); !bytes.Equal(ring2.Previous, ring.Current) || !bytes.Equal(ring2.Root, oldKey) {
			t.Fatal("second rotation: want the first rotation's key as previous and the same root")
		}
	})
}

// auditEntries reads the whole chain in id order through the store.
func auditEntries(t *testing.T, db *store.DB) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for before := int64(0); ; {
		page, err := db.ListAudit(context.Background(), audit.Filter{Limit: 500, BeforeID: before})
		if err != nil {
			t.Fatal(err)
		}
		out = append(page, out...)
		if len(page) < 500 {
			break
		}
		before = page[len(page)-1].ID
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// chainVerifies reports whether the chain verifies under the chain key of root.
func chainVerifies(entries []audit.Entry, root []byte) bool {
	v := audit.NewVerifier(secret.DeriveWith(root, "audit-chain"))
	for _, e := range entries {
		if v.Check(e) != nil {
			return false
		}
	}
	return true
}

// TestCLIKeyRotateRoot: `jiuye key rotate --root` over a person, an upload
// and audit rows: afterwards the chain verifies under the new root and not
// under the old one (computed from the saved key file), the upload has a new
// name its old key cannot open and downloads to its bytes, the person still
// reads and logs in (the data key is unchanged), the checkpoint is under the
// new key, and a rerun from the last step (previous-root still in the file)
// does nothing new.
func TestCLIKeyRotateRoot(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		ctx := context.Background()
		f := newKeyFixture(t, s)
		if out, err := s.run(t, "audit", "checkpoint"); err != nil {
			t.Fatalf("audit checkpoint: %v %s", err, out)
		}
		db, _ := openCLIStore(t, s)
		before, err := db.Policies().UploadByID(ctx, 1)
		if err != nil || !before.Encrypted {
			t.Fatalf("upload before: %+v %v", before, err)
		}
		rowsBefore := len(auditEntries(t, db))
		db.Close()

		out, err := s.run(t, "key", "rotate", "--root")
		if err != nil {
			t.Fatalf("key rotate --root: %v %s", err, out)
		}
		for _, want := range []string{fmt.Sprintf("审计链：%d 条记录已用新密钥重算", rowsBefore), "重新加密 1 个文件", "旧密钥签名的检查点已移到", "派生根密钥轮换完成"} {
			if !strings.Contains(out, want) {
				t.Errorf("key rotate --root output lacks %q:\n%s", want, out)
			}
		}
		ring, err := secret.LoadKeyRing(f.keyFile)
		if err != nil || ring.PreviousRoot != nil || ring.Previous != nil || !bytes.Equal(ring.Current, f.oldKey) || bytes.Equal(ring.Root, f.oldKey) {
			t.Fatalf("key file after --root: %v (want the same data key, a new root, no previous-root)", err)
		}
		backups, _ := filepath.Glob(f.keyFile + ".before-rotate-*")
		if len(backups) != 1 {
			t.Fatalf("key file backups: %v", backups)
		}
		oldRing, err := secret.LoadKeyRing(backups[0])
		if err != nil || !bytes.Equal(oldRing.Root, f.oldKey) {
			t.Fatalf("the backup does not hold the old root: %v", err)
		}
		if cps, _ := filepath.Glob(filepath.Join(s.data, store.AuditCheckpointFile+".before-rotate-*")); len(cps) != 1 {
			t.Fatalf("old checkpoint moved aside: %v", cps)
		}
		if out, err := s.run(t, "audit", "verify"); err != nil || !strings.Contains(out, "与 1 个检查点一致") || !strings.Contains(out, "轮换派生根密钥") {
			t.Fatalf("audit verify after --root: %v %s", err, out)
		}

		db, a := openCLIStore(t, s)
		box := db.Box()
		if box.KeyID() == f.oldBox.KeyID() || box.DataKeyID() != f.oldBox.DataKeyID() {
			t.Fatal("after --root: want a new root and the same data key")
		}
		entries := auditEntries(t, db)
		if len(entries) != rowsBefore+1 || entries[len(entries)-1].Action != audit.KeyRotateRoot {
			t.Fatalf("want the %d rows and a key.rotate_root entry, got %d rows", rowsBefore, len(entries))
		}
		if !chainVerifies(entries, ring.Root) || chainVerifies(entries, oldRing.Root) || chainVerifies(entries[:rowsBefore], oldRing.Root) {
			t.Fatal("the chain must verify under the new root's key and not under the old one's")
		}
		after, err := db.Policies().UploadByID(ctx, 1)
		if err != nil || after.Path == before.Path || after.Digest == before.Digest || !after.Encrypted {
			t.Fatalf("upload after: %+v %v (want a new path and digest)", after, err)
		}
		if _, err := os.Stat(filepath.Join(s.data, filepath.FromSlash(before.Path))); !os.IsNotExist(err) {
			t.Fatalf("the file under the old root is still there: %v", err)
		}
		sealed, err := os.ReadFile(filepath.Join(s.data, filepath.FromSlash(after.Path)))
		if err != nil {
			t.Fatal(err)
		}
		oldFiles, _ := secret.NewFileBox(secret.DeriveWith(oldRing.Root, "uploads"))
		if _, err := oldFiles.Open(io.Discard, bytes.NewReader(sealed), []byte(after.Path)); !errors.Is(err, secret.ErrFileAuth) {
			t.Fatalf("the old uploads key opens the new file: %v", err)
		}
		_, read, err := a.PolicyApps.Upload(ctx, app.Actor{User: f.staff, IP: "test"}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := read(); err != nil || !bytes.Equal(got, f.scan) {
			t.Fatalf("upload after --root: %v", err)
		}
		p, err := db.Registry().PersonByID(ctx, f.person.PersonID)
		if err != nil || p.IDNumber != f.idNumber || p.Phone != f.personPhone {
			t.Fatalf("person after --root: %+v %v", p, err)
		}
		if _, _, err := a.Accounts.Login(ctx, app.Actor{IP: "test"}, f.personPhone, f.personPW, account.SessionWeb); err != nil {
			t.Fatalf("login after --root: %v", err)
		}
		rowsAfter := len(auditEntries(t, db))
		db.Close()

		// A run stopped before its last step left previous-root in the key
		// file: the rerun finds everything done and only drops it.
		if err := secret.WriteKeyRing(f.keyFile, secret.KeyRing{Current: ring.Current, Root: ring.Root, PreviousRoot: oldRing.Root}); err != nil {
			t.Fatal(err)
		}
		if out, err := s.run(t, "serve"); err == nil || !strings.Contains(err.Error(), "previous-root") {
			t.Fatalf("serve during a root rotation: want a refusal, got %v %s", err, out)
		}
		out, err = s.run(t, "key", "rotate", "--root")
		if err != nil || !strings.Contains(out, "继续进行中的派生根密钥轮换") || !strings.Contains(out, "审计链：已是新密钥") ||
			!strings.Contains(out, "重新加密 0 个文件，原已是新密钥 1 条记录") || strings.Contains(out, "旧密钥签名的检查点") {
			t.Fatalf("rerun: %v %s", err, out)
		}
		if r, _ := secret.LoadKeyRing(f.keyFile); r.PreviousRoot != nil || !bytes.Equal(r.Root, ring.Root) {
			t.Fatal("rerun: want the same root and no previous-root")
		}
		db, _ = openCLIStore(t, s)
		defer db.Close()
		if n := len(auditEntries(t, db)); n != rowsAfter {
			t.Fatalf("rerun added audit rows: %d → %d", rowsAfter, n)
		}
		if again, _ := db.Policies().UploadByID(ctx, 1); again.Path != after.Path {
			t.Fatalf("rerun moved the upload: %s → %s", after.Path, again.Path)
		}
		if out, err := s.run(t, "audit", "verify"); err != nil {
			t.Fatalf("audit verify after rerun: %v %s", err, out)
		}
	})
}

// TestCLIKeyRotateRootBrokenChain: a chain altered under the old root is
// not rehashed (the new key would vouch for the damage): --root refuses and
// changes nothing, neither the key file nor the chain nor the uploads.
func TestCLIKeyRotateRootBrokenChain(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
		ctx := context.Background()
		f := newKeyFixture(t, s)
		s.tamper(t, "UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2")
		keyBefore, err := os.ReadFile(f.keyFile)
		if err != nil {
			t.Fatal(err)
		}
		db, _ := openCLIStore(t, s)
		entriesBefore := auditEntries(t, db)
		upBefore, _ := db.Policies().UploadByID(ctx, 1)
		db.Close()

		out, err := s.run(t, "key", "rotate", "--root")
		if err == nil || !strings.Contains(err.Error(), "拒绝轮换") || !strings.Contains(err.Error(), "audit row 2") {
			t.Fatalf("key rotate --root over a broken chain: want a refusal naming row 2, got %v %s", err, out)
		}
		if keyAfter, _ := os.ReadFile(f.keyFile); !bytes.Equal(keyAfter, keyBefore) {
			t.Fatal("the key file changed")
		}
		if backups, _ := filepath.Glob(f.keyFile + ".before-rotate-*"); len(backups) != 0 {
			t.Fatalf("a key backup was written: %v", backups)
		}
		db, _ = openCLIStore(t, s)
		defer db.Close()
		entriesAfter := auditEntries(t, db)
		if len(entriesAfter) != len(entriesBefore) {
			t.Fatalf("audit rows: %d → %d", len(entriesBefore), len(entriesAfter))
		}
		for i := range entriesAfter {
			if entriesAfter[i].Hash != entriesBefore[i].Hash {
				t.Fatalf("audit row %d was rehashed", entriesAfter[i].ID)
			}
		}
		if upAfter, _ := db.Policies().UploadByID(ctx, 1); upAfter.Path != upBefore.Path {
			t.Fatal("the upload was moved")
		}
	})
}
