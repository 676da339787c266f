package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
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

// TestCLIKeyRotate: a person, an upload and audit rows made under the
// first key; `jiuye key rotate` reseals every encrypted value; afterwards
// the audit chain verifies, the person and the upload read back, the person
// logs in by phone, and no value is left under the old key. A rerun has
// nothing to do, and --finish drops the old key from the key file.
func TestCLIKeyRotate(t *testing.T) {
	forEachCLIStore(t, func(t *testing.T, s cliStore) {
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
		sum := sha256.Sum256(scan)
		plain := hex.EncodeToString(sum[:])
		rel := "uploads/" + plain[:2] + "/" + plain + ".pdf"
		os.MkdirAll(filepath.Join(s.data, "uploads", plain[:2]), 0o700)
		if err := os.WriteFile(filepath.Join(s.data, filepath.FromSlash(rel)), scan, 0o600); err != nil {
			t.Fatal(err)
		}
		db, a := openCLIStore(t, s)
		if err := a.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		staff, _, err := db.UserByPhone(ctx, staffPhone)
		if err != nil {
			t.Fatal(err)
		}
		ap := &policy.Application{PolicyID: "hb_qiuzhi_chuangye", Version: 1, SubjectType: policy.KindPerson, SubjectID: 1,
			ApplicantID: staff.ID, Status: policy.Submitted}
		ups := []policy.Upload{{Filename: "身份证.pdf", ContentType: "application/pdf", Size: int64(len(scan)), SHA256: plain, Path: rel}}
		if err := db.Policies().CreateApplication(ctx, store.Actor{UserID: staff.ID}, ap, ups); err != nil {
			t.Fatal(err)
		}
		// A person who registers with a phone and a password.
		r := rand.New(rand.NewPCG(3, 4))
		idNumber := registry.GenerateIDNumber(r, "420112", time.Date(1992, 5, 6, 0, 0, 0, 0, time.UTC), true)
		const personPhone, personPW = "13700137000", "river8hill2"
		person, err := a.Accounts.Register(ctx, app.Actor{IP: "test"}, app.RegisterInput{Kind: "person", Name: "李四",
			IDNumber: idNumber, Phone: personPhone, Password: personPW})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if out, err := s.run(t, "migrate"); err != nil {
			t.Fatalf("migrate: %v %s", err, out)
		}

		out, err := s.run(t, "key", "rotate")
		if err != nil {
			t.Fatalf("key rotate: %v %s", err, out)
		}
		for _, want := range []string{"persons：1 行，重新加密 1 行", "users：2 行，重新加密 2 行", "全部个人数据已用新数据密钥加密"} {
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

		if out, err := s.run(t, "audit", "verify"); err != nil {
			t.Fatalf("audit verify after rotate: %v %s", err, out)
		}
		db, a = openCLIStore(t, s)
		box := db.Box()
		if !box.Rotating() || box.KeyID() != oldBox.KeyID() || box.DataKeyID() == oldBox.DataKeyID() {
			t.Fatal("after rotate: want a ring with a new data key and the same derivation root")
		}
		p, err := db.Registry().PersonByID(ctx, person.PersonID)
		if err != nil || p.IDNumber != idNumber || p.Phone != personPhone {
			t.Fatalf("person after rotate: %+v %v", p, err)
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
