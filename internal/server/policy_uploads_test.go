package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/worker"
)

// uploadPolicy is a published policy a graduating student may apply for.
const uploadPolicy = "hb_qiuzhi_chuangye"

// pdfWithMarker is a small file sniffed as a PDF whose bytes hold marker,
// so a clear copy anywhere on disk is easy to find.
func pdfWithMarker(marker string) []byte {
	return []byte("%PDF-1.4\n% " + marker + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// readyToApply makes person and person2 eligible for uploadPolicy.
func readyToApply(t *testing.T, f *fixture, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := f.app.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	w := worker.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.app.RegisterTasks(w)
	answers := url.Values{"full_time": {"true"}, "student_status": {"在校"}, "school_type": {"普通高校"},
		"school_province": {"湖北省"}, "school_city": {"武汉市"}, "family_hardship": {"低保家庭"}}
	for _, role := range []string{"person", "person2"} {
		u := f.users[role].User
		p, err := db.Registry().PersonByID(ctx, u.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		in := app.InputFromPerson(p)
		in.Education, in.GraduationDate, in.EmploymentStatus = "本科", graduationThisSchoolYear(db.Now()), "在校学生"
		if _, err := f.app.Registry.UpdatePerson(ctx, app.Actor{User: u, IP: "test"}, u.PersonID, in); err != nil {
			t.Fatal(err)
		}
		mustStatus(t, "answers", f.form("/me/policies/answers", f.token(role), answers), 303)
	}
	if err := w.Drain(ctx); err != nil {
		t.Fatal(err)
	}
}

// applyWith files an application for uploadPolicy with files and returns its uploads.
func (f *fixture) applyWith(t *testing.T, token string, files ...formFile) []policy.Upload {
	t.Helper()
	rec := f.multipartForm("/policies/"+uploadPolicy+"/apply", token, map[string]string{"note": "申请"}, files...)
	mustStatus(t, "apply", rec, 303)
	m := regexp.MustCompile(`^/me/applications/(\d+)`).FindStringSubmatch(rec.Header().Get("Location"))
	if m == nil {
		t.Fatalf("apply redirects to %q", rec.Header().Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	ups, err := f.db.Policies().UploadsOf(context.Background(), "policy_application", id)
	if err != nil || len(ups) != len(files) {
		t.Fatalf("uploads of application %d: %v %v", id, ups, err)
	}
	return ups
}

// uploadFiles reads every regular file under the data directory's uploads/.
func uploadFiles(t *testing.T, data string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(data, "uploads"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(data, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// expectDownloadFails checks that both faces refuse a download with a server
// error and send none of the file.
func expectDownloadFails(t *testing.T, f *fixture, what string, id int64, token string, leaks ...string) {
	t.Helper()
	for _, rec := range []*httptest.ResponseRecorder{
		f.page("/uploads/"+strconv.FormatInt(id, 10), token),
		f.do("GET", "/api/v1/uploads/"+strconv.FormatInt(id, 10), token, nil),
	} {
		if rec.Code != 500 {
			t.Errorf("%s: download status %d, want 500", what, rec.Code)
		}
		for _, s := range append(leaks, "%PDF") {
			if strings.Contains(rec.Body.String(), s) {
				t.Errorf("%s: download body has %q", what, s)
			}
		}
	}
}

// TestUploadsSealedAtRest: an application's materials are not on disk in
// clear, not even their plain hash; both faces download the original bytes;
// an altered, cut or swapped file fails with an error instead of garbage.
func TestUploadsSealedAtRest(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		readyToApply(t, f, db)
		tok, tok2 := f.token("person"), f.token("person2")
		scan := pdfWithMarker("身份证 420112199001011234 ID-CARD-MARKER")
		photo := tinyPNGn(t, 7)
		ups := f.applyWith(t, tok, formFile{"身份证.pdf", scan}, formFile{"毕业证.png", photo})
		originals := [][]byte{scan, photo}

		files := uploadFiles(t, f.data)
		if len(files) != 2 {
			t.Errorf("files under uploads/: %d, want 2", len(files))
		}
		for name, b := range files {
			for _, clear := range []string{"ID-CARD-MARKER", "420112199001011234", "%PDF", "\x89PNG", "IHDR"} {
				if bytes.Contains(b, []byte(clear)) {
					t.Errorf("%s holds %q in clear", name, clear)
				}
			}
			for _, o := range originals {
				if strings.Contains(name, sha256Hex(o)) {
					t.Errorf("%s is named by its plaintext's SHA-256", name)
				}
			}
		}
		for i, u := range ups {
			if u.SHA256 == sha256Hex(originals[i]) {
				t.Errorf("upload %d: the record keeps the plaintext's SHA-256", u.ID)
			}
		}

		// The applicant and staff get the original bytes from both faces.
		for _, who := range []string{tok, f.token("staff")} {
			for i, u := range ups {
				path := "/uploads/" + strconv.FormatInt(u.ID, 10)
				for _, rec := range []*httptest.ResponseRecorder{f.page(path, who), f.do("GET", "/api/v1"+path, who, nil)} {
					mustStatus(t, "download", rec, 200)
					if !bytes.Equal(rec.Body.Bytes(), originals[i]) {
						t.Errorf("download of upload %d: %d bytes differ from the %d uploaded", u.ID, rec.Body.Len(), len(originals[i]))
					}
				}
			}
		}
		mustStatus(t, "someone else's upload", f.page("/uploads/"+strconv.FormatInt(ups[0].ID, 10), tok2), 404) // as for no file (security: refusals look missing)

		// Someone with the data directory but not the key moves another
		// applicant's file over this one, alters it or cuts it.
		other := f.applyWith(t, tok2, formFile{"合同.pdf", pdfWithMarker("CONTRACT-MARKER-2")})
		target := filepath.Join(f.data, filepath.FromSlash(ups[0].Path))
		stored, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		otherFile, err := os.ReadFile(filepath.Join(f.data, filepath.FromSlash(other[0].Path)))
		if err != nil {
			t.Fatal(err)
		}
		flipped := bytes.Clone(stored)
		flipped[len(flipped)/2] ^= 0x20
		for _, c := range []struct {
			what string
			file []byte
		}{{"swapped file", otherFile}, {"altered file", flipped}, {"cut file", stored[:len(stored)-5]}} {
			if err := os.WriteFile(target, c.file, 0o600); err != nil {
				t.Fatal(err)
			}
			expectDownloadFails(t, f, c.what, ups[0].ID, tok, "CONTRACT-MARKER-2", "ID-CARD-MARKER")
		}
		os.WriteFile(target, stored, 0o600)
		mustStatus(t, "download after repair", f.page("/uploads/"+strconv.FormatInt(ups[0].ID, 10), tok), 200)

		// Nothing else is left under uploads/ (no temporary files).
		if n := len(uploadFiles(t, f.data)); n != 3 {
			t.Errorf("files under uploads/: %d, want 3", n)
		}
	})
}

// TestClearUploadsMigrate: records and clear files an older version left are
// sealed in batches by EncryptClearUploads; records sharing a file move
// together; a missing or altered file is reported and left; a clear file no
// record uses (a run interrupted after repointing) is swept; a second run
// has nothing left to do.
func TestClearUploadsMigrate(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		owner := f.users["person"].User
		writeClear := func(b []byte) string {
			t.Helper()
			sum := sha256Hex(b)
			rel := "uploads/" + sum[:2] + "/" + sum + ".pdf"
			abs := filepath.Join(f.data, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(abs, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return rel
		}
		clearRecord := func(b []byte, rel string) policy.Upload {
			return policy.Upload{Filename: "旧材料.pdf", ContentType: "application/pdf", Size: int64(len(b)), SHA256: sha256Hex(b), Path: rel}
		}
		const n = 205 // more than two batches
		var originals [][]byte
		var recs []policy.Upload
		for i := range n {
			b := pdfWithMarker("LEGACY-" + strconv.Itoa(i))
			originals = append(originals, b)
			recs = append(recs, clearRecord(b, writeClear(b)))
		}
		recs = append(recs, recs[0]) // a second record of the first file (stored once)
		missing := pdfWithMarker("LEGACY-MISSING")
		recs = append(recs, clearRecord(missing, "uploads/00/"+sha256Hex(missing)+".pdf"))
		altered := pdfWithMarker("LEGACY-ALTERED")
		alteredPath := writeClear(altered)
		recs = append(recs, clearRecord(pdfWithMarker("LEGACY-ORIGINAL"), alteredPath))
		ap := &policy.Application{PolicyID: uploadPolicy, Version: 1, SubjectType: policy.KindPerson, SubjectID: owner.PersonID,
			ApplicantID: owner.ID, Status: policy.Submitted}
		if err := db.Policies().CreateApplication(ctx, store.Actor{UserID: owner.ID}, ap, recs); err != nil {
			t.Fatal(err)
		}
		oldOrphan := writeClear(pdfWithMarker("LEGACY-ORPHAN-OLD"))
		past := time.Now().Add(-2 * time.Hour)
		os.Chtimes(filepath.Join(f.data, oldOrphan), past, past)
		newOrphan := writeClear(pdfWithMarker("LEGACY-ORPHAN-NEW"))

		tok := f.token("person")
		download := func(what string, u policy.Upload, want []byte) {
			t.Helper()
			rec := f.page("/uploads/"+strconv.FormatInt(u.ID, 10), tok)
			mustStatus(t, what, rec, 200)
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("%s: upload %d downloads other bytes", what, u.ID)
			}
		}
		download("clear record before migrating", recs[3], originals[3])

		res, err := f.app.PolicyApps.EncryptClearUploads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res != (app.UploadMigration{Sealed: n, Failed: 2, Removed: 1}) {
			t.Errorf("first run: %+v, want %d sealed, 2 failed, 1 removed", res, n)
		}
		after, err := db.Policies().UploadsOf(ctx, "policy_application", ap.ID)
		if err != nil || len(after) != len(recs) {
			t.Fatalf("records after: %d %v", len(after), err)
		}
		for i, u := range after {
			failed := i >= n+1
			if u.Encrypted == failed || (u.SHA256 == "") == failed || (u.Digest != "") == failed {
				t.Errorf("record %d (%s): encrypted=%v sha256=%q digest=%q", i, u.Path, u.Encrypted, u.SHA256, u.Digest)
			}
		}
		if after[0].Path != after[n].Path {
			t.Errorf("two records of one file now point at %s and %s", after[0].Path, after[n].Path)
		}
		for name, b := range uploadFiles(t, f.data) {
			if bytes.Contains(b, []byte("LEGACY-")) && name != alteredPath && name != newOrphan {
				t.Errorf("%s is still in clear", name)
			}
		}
		if _, err := os.Stat(filepath.Join(f.data, oldOrphan)); err == nil {
			t.Error("the old clear file no record uses was not removed")
		}
		for _, i := range []int{0, n, 17, n - 1} {
			want := originals[i%n]
			download("sealed record", after[i], want)
		}
		expectDownloadFails(t, f, "altered clear file", after[len(after)-1].ID, tok)

		res, err = f.app.PolicyApps.EncryptClearUploads(ctx)
		if err != nil || res != (app.UploadMigration{Failed: 2}) {
			t.Errorf("second run: %+v %v, want only the 2 failures again", res, err)
		}
	})
}
