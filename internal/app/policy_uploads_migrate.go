package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/secret"
)

// UploadMigration is what EncryptClearUploads did.
type UploadMigration struct {
	Sealed  int // clear files sealed (one file may back several records)
	Failed  int // clear records left as they were: file missing or not matching its SHA-256 (each logged)
	Removed int // clear files no record used any more, deleted
}

// uploadBatch is how many clear records EncryptClearUploads reads at a time.
const uploadBatch = 100

// encryptingMarker, under the uploads directory, says a migration started
// and its sweep for leftover clear files has not finished.
const encryptingMarker = ".encrypting"

// orphanAge is how old a clear file nobody records must be before the sweep
// deletes it, so a file an older instance is writing right now is spared.
const orphanAge = time.Hour

// EncryptClearUploads seals every upload an older version stored in clear:
// in batches, one file at a time (sealed copy written under its keyed name,
// then its records repointed in one statement, then the clear file
// removed), so it can stop at any point and resume at the next start. Several
// instances may run it at once. A record whose file is missing or altered is
// logged, counted in Failed and left for the next run. It ends with a sweep
// deleting clear files no record uses (those an interrupted run left).
func (x *PolicyApps) EncryptClearUploads(ctx context.Context) (UploadMigration, error) {
	var res UploadMigration
	if x.dataDir == "" {
		return res, nil
	}
	marker := filepath.Join(x.dataDir, uploadsDir, encryptingMarker)
	var after int64
	for {
		batch, err := x.db.Policies().ClearUploads(ctx, after, uploadBatch)
		if err != nil {
			return res, fmt.Errorf("app.EncryptClearUploads: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		if after == 0 {
			if err := os.MkdirAll(filepath.Dir(marker), 0o700); err != nil {
				return res, fmt.Errorf("app.EncryptClearUploads: %w", err)
			}
			if err := os.WriteFile(marker, nil, 0o600); err != nil {
				return res, fmt.Errorf("app.EncryptClearUploads: %w", err)
			}
		}
		for i := range batch {
			u := &batch[i]
			after = u.ID
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("app.EncryptClearUploads: %w", err)
			}
			sealed, err := x.encryptClear(ctx, u)
			if err != nil {
				x.log.Warn("clear upload not encrypted", "upload", u.ID, "path", u.Path, "err", err)
				res.Failed++
				continue
			}
			if sealed {
				res.Sealed++
			}
		}
	}
	if _, err := os.Stat(marker); err != nil {
		return res, nil // no migration started since the last complete sweep
	}
	removed, err := x.sweepClearUploads(ctx)
	res.Removed = removed
	if err != nil {
		return res, err
	}
	if res.Failed == 0 {
		os.Remove(marker)
	}
	return res, nil
}

// encryptClear seals one clear record's file and repoints every clear record
// of that file; sealed is false when another instance did it first.
func (x *PolicyApps) encryptClear(ctx context.Context, u *policy.Upload) (sealed bool, err error) {
	clearAbs, err := x.uploadAbs(u.Path)
	if err != nil {
		return false, err
	}
	data, err := readLimited(clearAbs, MaxUploadBytes)
	if errors.Is(err, fs.ErrNotExist) {
		if cur, err := x.db.Policies().UploadByID(ctx, u.ID); err == nil && cur.Encrypted {
			return false, nil // another instance sealed it and removed the clear file
		}
		return false, fmt.Errorf("app.encryptClear: file missing: %w", err)
	}
	if err != nil {
		return false, fmt.Errorf("app.encryptClear: %w", err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != u.SHA256 {
		return false, errors.New("app.encryptClear: file does not match its SHA-256")
	}
	digest, err := x.files.Digest(bytes.NewReader(data))
	if err != nil {
		return false, fmt.Errorf("app.encryptClear: %w", err)
	}
	rel := sealedPath(digest, path.Ext(u.Path))
	abs, err := x.uploadAbs(rel)
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(abs); err != nil { // else already sealed (an interrupted run, or the same bytes uploaded since)
		if err := x.writeSealed(abs, rel, data); err != nil {
			return false, fmt.Errorf("app.encryptClear: %w", err)
		}
	}
	n, err := x.db.Policies().MarkUploadsEncrypted(ctx, u.Path, rel, digest)
	if err != nil {
		return false, fmt.Errorf("app.encryptClear: %w", err)
	}
	if err := os.Remove(clearAbs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("app.encryptClear: %w", err)
	}
	return n > 0, nil
}

// sweepClearUploads deletes clear files under the uploads directory that no
// record uses and that are older than orphanAge: what a run interrupted
// between repointing the records and removing the file leaves behind.
// Sealed files and clear files some record still uses are kept.
func (x *PolicyApps) sweepClearUploads(ctx context.Context) (int, error) {
	n, err := x.sweepUnused(ctx, "clear upload", func(abs, _ string) (bool, error) {
		prefix := make([]byte, 4)
		f, err := os.Open(abs)
		if err != nil {
			return false, err
		}
		n, _ := io.ReadFull(f, prefix)
		info, serr := f.Stat()
		f.Close()
		if serr != nil {
			return false, serr
		}
		return !secret.IsSealed(prefix[:n]) && time.Since(info.ModTime()) >= orphanAge, nil
	})
	if err != nil {
		return n, fmt.Errorf("app.sweepClearUploads: %w", err)
	}
	return n, nil
}

// sweepUnused deletes the files under the uploads directory that no record
// uses and that doomed says may go (given the file's path on disk and its
// path relative to the data directory), logging each as a what. It is the
// one walk behind the clean-ups of interrupted migrations and reseals.
func (x *PolicyApps) sweepUnused(ctx context.Context, what string, doomed func(abs, rel string) (bool, error)) (int, error) {
	root := filepath.Join(x.dataDir, uploadsDir)
	removed := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() || d.Name()[0] == '.' {
			return nil
		}
		relOS, err := filepath.Rel(x.dataDir, p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(relOS)
		if ok, err := doomed(p, rel); err != nil || !ok {
			return err
		}
		used, err := x.db.Policies().UploadPathUsed(ctx, rel)
		if err != nil || used {
			return err
		}
		if err := os.Remove(p); err != nil {
			return err
		}
		x.log.Info("removed "+what+" no record uses", "path", rel)
		removed++
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil // no uploads directory
	}
	return removed, err
}

// readLimited reads a whole file of at most max bytes.
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, max)
	}
	return data, nil
}
