package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/jiuye/jiuye/internal/secret"
)

// UploadReseal is what ResealUploads did.
type UploadReseal struct {
	Resealed int // files resealed under the new uploads key (one file may back several records)
	Current  int // records already under the new key (an earlier run, or moved with an earlier record of the same file)
	Failed   int // records whose file is missing or opens under neither key (each logged), left as they were
	Removed  int // files under the old key that no record uses any more (an interrupted run left them), deleted
}

// ResealUploads is the uploads step of a root rotation (jiuye key rotate
// --root, with the server stopped): x holds the new uploads key and old the
// key of the root being replaced. Sealed files are named by the keyed digest
// of their plaintext, and the digest key changes with the root, so each file
// gets a new name: one file at a time it is opened and checked under the old
// key, sealed under the new key at its new name, every record of it is
// repointed in one statement (path and digest), and the old file is
// removed. A record whose file already opens under the new key is skipped,
// so a rerun continues where a run stopped. It ends with a sweep deleting
// files no record uses that open under the old key (what a run interrupted
// between repointing and removing leaves behind).
func (x *PolicyApps) ResealUploads(ctx context.Context, old *secret.FileBox) (UploadReseal, error) {
	var res UploadReseal
	if x.dataDir == "" {
		return res, nil
	}
	var after int64
	for {
		batch, err := x.db.Policies().SealedUploads(ctx, after, uploadBatch)
		if err != nil {
			return res, fmt.Errorf("app.ResealUploads: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		for _, u := range batch {
			after = u.ID
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("app.ResealUploads: %w", err)
			}
			cur, err := x.db.Policies().UploadByID(ctx, u.ID) // an earlier record of the same file may have moved it
			if err != nil {
				return res, fmt.Errorf("app.ResealUploads: %w", err)
			}
			resealed, err := x.resealUpload(ctx, old, cur.Path, cur.Digest)
			switch {
			case err != nil:
				x.log.Warn("upload not resealed under the new root", "upload", u.ID, "path", cur.Path, "err", err)
				res.Failed++
			case resealed:
				res.Resealed++
			default:
				res.Current++
			}
		}
	}
	removed, err := x.sweepOldSealed(ctx, old)
	res.Removed = removed
	return res, err
}

// resealUpload moves the file at rel (whose records have digest digest)
// from the old uploads key to x's; resealed is false when it is already
// under x's key.
func (x *PolicyApps) resealUpload(ctx context.Context, old *secret.FileBox, rel, digest string) (resealed bool, err error) {
	abs, err := x.uploadAbs(rel)
	if err != nil {
		return false, err
	}
	if _, err := openSealedFile(x.files, abs, rel, digest); err == nil {
		return false, nil
	}
	data, err := openSealedFile(old, abs, rel, digest)
	if err != nil {
		return false, fmt.Errorf("app.resealUpload: under neither the new nor the old key: %w", err)
	}
	newDigest, err := x.files.Digest(bytes.NewReader(data))
	if err != nil {
		return false, fmt.Errorf("app.resealUpload: %w", err)
	}
	newRel := sealedPath(newDigest, path.Ext(rel))
	newAbs, err := x.uploadAbs(newRel)
	if err != nil {
		return false, err
	}
	// An existing file at the new name holds the same bytes (an interrupted
	// run wrote it, or another record's equal file): writeSealed renames
	// atomically, so it is whole.
	if _, err := os.Stat(newAbs); err != nil {
		if err := x.writeSealed(newAbs, newRel, data); err != nil {
			return false, fmt.Errorf("app.resealUpload: %w", err)
		}
	}
	if _, err := x.db.Policies().MoveSealedUploads(ctx, rel, newRel, newDigest); err != nil {
		return false, fmt.Errorf("app.resealUpload: %w", err)
	}
	if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("app.resealUpload: %w", err)
	}
	return true, nil
}

// openSealedFile returns the plaintext of the sealed file abs, stored at
// rel, opened with fb and checked against the keyed digest digest (when not
// empty).
func openSealedFile(fb *secret.FileBox, abs, rel, digest string) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := fb.Open(&buf, io.LimitReader(f, secret.SealedSize(MaxUploadBytes)), []byte(rel)); err != nil {
		return nil, err
	}
	if digest != "" {
		if d, err := fb.Digest(bytes.NewReader(buf.Bytes())); err != nil || d != digest {
			return nil, errors.New("file does not match its record's digest")
		}
	}
	return buf.Bytes(), nil
}

// sweepOldSealed deletes sealed files under the uploads directory that no
// record uses and that open under the old key: leftovers of a reseal
// interrupted after repointing the records. It runs with the server stopped.
func (x *PolicyApps) sweepOldSealed(ctx context.Context, old *secret.FileBox) (int, error) {
	n, err := x.sweepUnused(ctx, "upload under the old root", func(abs, rel string) (bool, error) {
		_, err := openSealedFile(old, abs, rel, "")
		return err == nil, nil // a file the old key cannot open is not ours to delete
	})
	if err != nil {
		return n, fmt.Errorf("app.sweepOldSealed: %w", err)
	}
	return n, nil
}
