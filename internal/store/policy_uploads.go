package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/policy"
)

// uploadCols is what scanUpload reads.
const uploadCols = "id, owner_type, owner_id, filename, content_type, size, sha256, digest, encrypted, path, created_at"

func scanUpload(row interface{ Scan(...any) error }) (policy.Upload, error) {
	var u policy.Upload
	err := row.Scan(&u.ID, &u.OwnerType, &u.OwnerID, &u.Filename, &u.ContentType, &u.Size, &u.SHA256, &u.Digest, &u.Encrypted, &u.Path, &u.CreatedAt)
	return u, err
}

// insertUpload records one file of an object.
func (t *Tx) insertUpload(ctx context.Context, u *policy.Upload, userID int64, now time.Time) (int64, error) {
	return t.InsertID(ctx, `INSERT INTO uploads (owner_type, owner_id, filename, content_type, size, sha256, digest, encrypted, path,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.OwnerType, u.OwnerID, u.Filename, u.ContentType,
		u.Size, u.SHA256, u.Digest, u.Encrypted, u.Path, userID, now)
}

// UploadsOf lists the files attached to an object.
func (tb PolicyStore) UploadsOf(ctx context.Context, ownerType string, ownerID int64) ([]policy.Upload, error) {
	return tb.uploads(ctx, "store.UploadsOf", "SELECT "+uploadCols+" FROM uploads WHERE owner_type = ? AND owner_id = ? ORDER BY id", ownerType, ownerID)
}

// UploadByID returns one upload record or NotFound.
func (tb PolicyStore) UploadByID(ctx context.Context, id int64) (*policy.Upload, error) {
	u, err := scanUpload(tb.db.queryRow(ctx, "SELECT "+uploadCols+" FROM uploads WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("upload")
	}
	if err != nil {
		return nil, fmt.Errorf("store.UploadByID: %w", err)
	}
	return &u, nil
}

// ClearUploads lists up to limit records after id afterID whose files are
// still in clear (written by a version that did not encrypt uploads).
func (tb PolicyStore) ClearUploads(ctx context.Context, afterID int64, limit int) ([]policy.Upload, error) {
	return tb.uploads(ctx, "store.ClearUploads", "SELECT "+uploadCols+" FROM uploads WHERE NOT encrypted AND id > ? ORDER BY id LIMIT ?", afterID, limit)
}

// MarkUploadsEncrypted points every clear record of the file at clearPath
// to its sealed copy at sealedPath, with the plaintext's keyed digest, and
// forgets the plain SHA-256. It returns how many records changed (0 when
// another instance did it first).
func (tb PolicyStore) MarkUploadsEncrypted(ctx context.Context, clearPath, sealedPath, digest string) (int64, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE uploads SET encrypted = ?, digest = ?, sha256 = '', path = ? WHERE path = ? AND NOT encrypted",
			true, digest, sealedPath, clearPath)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.MarkUploadsEncrypted: %w", err)
	}
	return n, nil
}

// SealedUploads lists up to limit sealed records after id afterID, in id
// order (a root rotation reseals their files).
func (tb PolicyStore) SealedUploads(ctx context.Context, afterID int64, limit int) ([]policy.Upload, error) {
	return tb.uploads(ctx, "store.SealedUploads", "SELECT "+uploadCols+" FROM uploads WHERE encrypted AND id > ? ORDER BY id LIMIT ?", afterID, limit)
}

// MoveSealedUploads points every sealed record of the file at oldPath to
// newPath with the keyed digest digest, in one statement, and returns how
// many records changed (a root rotation resealed the file under the new
// uploads key, whose digest names it).
func (tb PolicyStore) MoveSealedUploads(ctx context.Context, oldPath, newPath, digest string) (int64, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE uploads SET path = ?, digest = ? WHERE path = ? AND encrypted", newPath, digest, oldPath)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.MoveSealedUploads: %w", err)
	}
	return n, nil
}

// UploadPathUsed reports whether any record points at path.
func (tb PolicyStore) UploadPathUsed(ctx context.Context, path string) (bool, error) {
	var n int64
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM uploads WHERE path = ?", path).Scan(&n); err != nil {
		return false, fmt.Errorf("store.UploadPathUsed: %w", err)
	}
	return n > 0, nil
}

func (tb PolicyStore) uploads(ctx context.Context, op, q string, args ...any) ([]policy.Upload, error) {
	rows, err := tb.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []policy.Upload
	for rows.Next() {
		u, err := scanUpload(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}
