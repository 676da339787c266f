package store

import (
	"context"
	"fmt"
	"strings"
)

// SealedColumn is an encrypted column and the blind index kept beside it:
// Idx holds Box.Index(Purpose, the plaintext of Enc). Idx is empty for a
// sealed text nobody looks up (gig dispute statements), which may be NULL.
type SealedColumn struct {
	Enc, Idx, Purpose string
	// Refs are other columns keyed by the same index value (the login
	// failures and locks of a phone); a rotation moves them to the new value.
	Refs []IndexRef
}

// IndexRef is a column holding a blind index of another table's row;
// Unique when the column is a key (one row per value).
type IndexRef struct {
	Table, Column string
	Unique        bool
}

// SealedTable is a table with encrypted columns, walked by its integer id.
type SealedTable struct {
	Table, ID string
	Columns   []SealedColumn
}

// SealedTables lists every *_enc column with its *_idx (grep the migrations
// for _enc and _idx when adding one). login_failures, login_locks and
// sms_codes hold only a phone's index, never the phone, so they follow
// users.phone_idx.
var SealedTables = []SealedTable{
	{Table: "persons", ID: "id", Columns: []SealedColumn{
		{Enc: "id_enc", Idx: "id_idx", Purpose: "id"},
		{Enc: "phone_enc", Idx: "phone_idx", Purpose: "phone"},
	}},
	{Table: "gig_signups", ID: "id", Columns: []SealedColumn{
		{Enc: "worker_statement_enc"}, {Enc: "employer_statement_enc"},
	}},
	{Table: "casework_contacts", ID: "id", Columns: []SealedColumn{{Enc: "notes_enc"}}},
	{Table: "casework_reviews", ID: "id", Columns: []SealedColumn{{Enc: "comments_enc"}}},
	{Table: "startup_parks", ID: "id", Columns: []SealedColumn{{Enc: "contact_phone_enc"}}},
	{Table: "training_providers", ID: "id", Columns: []SealedColumn{{Enc: "contact_phone_enc"}}},
	{Table: "activities", ID: "id", Columns: []SealedColumn{{Enc: "seed_enc"}}},
	{Table: "counsel_bookings", ID: "id", Columns: []SealedColumn{{Enc: "concern_enc"}, {Enc: "notes_enc"}}},
	{Table: "stations", ID: "id", Columns: []SealedColumn{{Enc: "contact_phone_enc"}}},
	{Table: "school_visits", ID: "id", Columns: []SealedColumn{{Enc: "teacher_phone_enc"}}},
	{Table: "skill_certificates", ID: "id", Columns: []SealedColumn{{Enc: "id_enc"}}},
	{Table: "internship_bases", ID: "id", Columns: []SealedColumn{{Enc: "contact_phone_enc"}}},
	{Table: "users", ID: "id", Columns: []SealedColumn{
		{Enc: "phone_enc", Idx: "phone_idx", Purpose: "phone", Refs: []IndexRef{
			{Table: "login_failures", Column: "phone_idx"},
			{Table: "login_locks", Column: "phone_idx", Unique: true},
			{Table: "sms_codes", Column: "phone_idx"}, // its code_hash is over the phone, so it stays valid
		}},
	}},
}

// RekeyBatch is how many rows one rotation transaction rewrites.
const RekeyBatch = 500

// RekeyCount is what a rotation pass did to one table: rows read, rows
// resealed under the current key, and rows skipped because they already
// were (or changed under the pass, by a writer that sealed them anew).
type RekeyCount struct {
	Table                            string
	Rows, Resealed, Current, Changed int
}

// Rekey walks t in id order, batch rows per transaction, and reseals every
// value not yet under the box's current key and recomputes its index. A row
// already current is skipped, so a pass that stops can simply run again.
// Each row is updated only if its ciphertexts are still the ones read, so a
// concurrent write (which seals with the current key) is never overwritten.
// progress, if not nil, is called after every batch.
func (db *DB) Rekey(ctx context.Context, t SealedTable, batch int, progress func(RekeyCount)) (RekeyCount, error) {
	c := RekeyCount{Table: t.Table}
	if !validIdent(t.Table) || !validIdent(t.ID) {
		return c, fmt.Errorf("store.Rekey: bad table %q", t.Table)
	}
	cols := make([]string, 0, len(t.Columns))
	for _, col := range t.Columns {
		if !validIdent(col.Enc) || (col.Idx != "" && !validIdent(col.Idx)) {
			return c, fmt.Errorf("store.Rekey: bad column %q", col.Enc)
		}
		cols = append(cols, col.Enc)
	}
	if batch <= 0 {
		batch = RekeyBatch
	}
	sel := "SELECT " + t.ID + ", " + strings.Join(cols, ", ") + " FROM " + t.Table + " WHERE " + t.ID + " > ? ORDER BY " + t.ID + " LIMIT ?"
	box := db.box
	var after int64
	for {
		n := 0
		err := db.Write(ctx, func(tx *Tx) error {
			type row struct {
				id  int64
				enc [][]byte
			}
			rows, err := tx.Query(ctx, sel, after, batch)
			if err != nil {
				return err
			}
			var todo []row
			for rows.Next() {
				r := row{enc: make([][]byte, len(cols))}
				dest := []any{&r.id}
				for i := range r.enc {
					dest = append(dest, &r.enc[i])
				}
				if err := rows.Scan(dest...); err != nil {
					rows.Close()
					return err
				}
				todo = append(todo, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			n = len(todo)
			for _, r := range todo {
				after = r.id
				c.Rows++
				var set, where []string
				var setArgs, whereArgs []any
				type move struct {
					col      SealedColumn
					old, new string
				}
				var moves []move
				for i, col := range t.Columns {
					if r.enc[i] == nil || box.Current(r.enc[i]) { // NULL: an optional text never given
						continue
					}
					pt, err := box.Open(r.enc[i])
					if err != nil {
						return fmt.Errorf("%s %s=%d %s: %w", t.Table, t.ID, r.id, col.Enc, err)
					}
					set = append(set, col.Enc+" = ?")
					setArgs = append(setArgs, box.Seal(pt))
					where = append(where, col.Enc+" = ?")
					whereArgs = append(whereArgs, r.enc[i])
					if col.Idx == "" { // a sealed text nobody searches by
						continue
					}
					idx := box.Indexes(col.Purpose, pt)
					set = append(set, col.Idx+" = ?")
					setArgs = append(setArgs, idx[0])
					for _, old := range idx[1:] {
						moves = append(moves, move{col, old, idx[0]})
					}
				}
				if len(set) == 0 {
					c.Current++
					continue
				}
				res, err := tx.Exec(ctx, "UPDATE "+t.Table+" SET "+strings.Join(set, ", ")+" WHERE "+t.ID+" = ? AND "+
					strings.Join(where, " AND "), append(append(setArgs, r.id), whereArgs...)...)
				if err != nil {
					return fmt.Errorf("%s %s=%d: %w", t.Table, t.ID, r.id, err)
				}
				if k, _ := res.RowsAffected(); k == 0 {
					c.Changed++
					continue
				}
				c.Resealed++
				for _, m := range moves {
					if err := tx.moveIndexRefs(ctx, m.col.Refs, m.old, m.new); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return c, fmt.Errorf("store.Rekey: %w", err)
		}
		if progress != nil {
			progress(c)
		}
		if n < batch {
			return c, nil
		}
	}
}

// moveIndexRefs rewrites the rows of refs keyed by the index value old to
// new; where the column is a key and new already has a row, the old row
// goes (the newer one is what the current key finds).
func (t *Tx) moveIndexRefs(ctx context.Context, refs []IndexRef, old, new string) error {
	for _, r := range refs {
		if !validIdent(r.Table) || !validIdent(r.Column) {
			return fmt.Errorf("store.moveIndexRefs: bad column %s.%s", r.Table, r.Column)
		}
		q := "UPDATE " + r.Table + " SET " + r.Column + " = ? WHERE " + r.Column + " = ?"
		args := []any{new, old}
		if r.Unique {
			q += " AND NOT EXISTS (SELECT 1 FROM " + r.Table + " x WHERE x." + r.Column + " = ?)"
			args = append(args, new)
		}
		if _, err := t.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store.moveIndexRefs %s: %w", r.Table, err)
		}
		if r.Unique {
			if _, err := t.Exec(ctx, "DELETE FROM "+r.Table+" WHERE "+r.Column+" = ?", old); err != nil {
				return fmt.Errorf("store.moveIndexRefs %s: %w", r.Table, err)
			}
		}
	}
	return nil
}

// RekeyAll runs Rekey over every table of SealedTables.
func (db *DB) RekeyAll(ctx context.Context, batch int, progress func(RekeyCount)) ([]RekeyCount, error) {
	var out []RekeyCount
	for _, t := range SealedTables {
		c, err := db.Rekey(ctx, t, batch, progress)
		out = append(out, c)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// StaleSealed counts the values of SealedTables not sealed under the current
// key (a rotation is finished when it is 0).
func (db *DB) StaleSealed(ctx context.Context) (int, error) {
	n := 0
	for _, t := range SealedTables {
		for _, col := range t.Columns {
			rows, err := db.query(ctx, "SELECT "+col.Enc+" FROM "+t.Table+" WHERE "+col.Enc+" IS NOT NULL")
			if err != nil {
				return 0, fmt.Errorf("store.StaleSealed: %w", err)
			}
			for rows.Next() {
				var enc []byte
				if err := rows.Scan(&enc); err != nil {
					rows.Close()
					return 0, fmt.Errorf("store.StaleSealed: %w", err)
				}
				if !db.box.Current(enc) {
					n++
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return 0, fmt.Errorf("store.StaleSealed: %w", err)
			}
		}
	}
	return n, nil
}

// inIndexes is the condition "col matches any of idx" and its arguments:
// "col = ?" outside a rotation, "col IN (?, ?)" during one.
func inIndexes(col string, idx []string) (string, []any) {
	args := make([]any, len(idx))
	for i, v := range idx {
		args[i] = v
	}
	if len(idx) == 1 {
		return col + " = ?", args
	}
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(idx)), ", ") + ")", args
}
