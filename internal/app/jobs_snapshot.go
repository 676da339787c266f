package app

// Restarting from a snapshot. serve writes the job index and the
// employers' candidate pool to a file in the data directory when it stops
// and every few minutes; at start it reads the file back, checks that it
// belongs to this store and is whole, applies the post changes made since
// (the job change sequence), and serves at once. A snapshot that is
// missing, damaged, of another format version or occupation table, or of
// another store (store.JobStore.StoreIdentity: a restored backup is another store)
// is never used: the index is then rebuilt from the database in the
// background, and /readyz answers 503 until it is ready.
//
// The file: a header (magic, frame version, store identity, the change
// sequence number the index has applied, the pool's times), the index as
// search.Encode writes it, the pool, and the SHA-256 of everything
// before it. Nothing personal beyond what the database holds in clear is
// in it: the pool keeps the matching view of each resume, not the names
// or the phones a candidate list shows (those are read from the store).

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/search"
)

// JobSnapshotFile is the snapshot's name in the data directory.
const JobSnapshotFile = "jobs-index.snapshot"

// snapFrameVersion is the version of the file's framing (the index inside
// has its own, search.SnapshotVersion).
const snapFrameVersion = 1

const snapMagic = "JIUYESNP"

// snapHeader is what the file says about itself.
type snapHeader struct {
	Identity              string
	Seq                   int64
	Written               time.Time
	PoolLoaded, PoolSince time.Time // zero when the pool was not loaded
}

// snapPerson is one person of the pool as the snapshot keeps it.
type snapPerson struct {
	ID      int64
	Person  match.Person
	Version time.Time
	InPool  bool
}

// JobIndexStart reports how serve's job index came up.
type JobIndexStart struct {
	JobIndexStats
	Restored   bool   // from the snapshot (then caught up)
	Background bool   // being rebuilt in the background; /readyz says not ready meanwhile
	Why        string // why the snapshot was not used
	// Done is closed when the index is ready: at once when restored, else
	// once the rebuild and the snapshot written after it are done.
	Done <-chan struct{}
	// Built reports the rebuild once Done is closed (zero when restored).
	Built *JobIndexStats
}

// StartJobIndex brings the job index up for serve: from the snapshot at
// path when it is usable (and then current), else by a rebuild from the
// store started in the background, which writes a new snapshot when done.
func (x *Jobs) StartJobIndex(ctx context.Context, path string) (JobIndexStart, error) {
	start := time.Now()
	done := make(chan struct{})
	err := restoreSnapshot(ctx, x, path)
	if err == nil {
		st, err := x.CatchUpJobs(ctx)
		st.Elapsed = time.Since(start)
		close(done)
		return JobIndexStart{JobIndexStats: st, Restored: true, Done: done, Built: &JobIndexStats{}}, err
	}
	if ctx.Err() != nil {
		return JobIndexStart{}, ctx.Err()
	}
	why := err.Error()
	x.log.Info("job index snapshot not used: rebuilding in the background", "why", why)
	j := &x.state.index
	j.building.Store(true)
	built := &JobIndexStats{}
	go func() {
		defer close(done)
		st, err := x.LoadJobIndex(ctx)
		j.building.Store(false)
		*built = st
		if err != nil {
			if ctx.Err() == nil {
				x.log.Error("job index rebuild", "err", err)
			}
			return
		}
		x.log.Info("job index rebuilt", "posts", st.Posts, "elapsed", st.Elapsed.Round(time.Millisecond).String())
		if err := x.WriteJobSnapshot(ctx, path); err != nil && ctx.Err() == nil {
			x.log.Error("job index snapshot", "err", err)
		}
	}()
	return JobIndexStart{Background: true, Why: why, Done: done, Built: built}, nil
}

// JobIndexReady reports whether searches can be served: false only while
// StartJobIndex rebuilds in the background.
func (x *Jobs) JobIndexReady() bool { return !x.state.index.building.Load() }

// WriteJobSnapshot writes the index and the pool to path, through a
// temporary file renamed over it when complete, so a crash leaves the old
// snapshot or the new one. Catch-ups and index writers wait meanwhile;
// searches do not.
func (x *Jobs) WriteJobSnapshot(ctx context.Context, path string) error {
	id, err := x.db.Jobs().StoreIdentity(ctx)
	if err != nil {
		return err
	}
	j := &x.state.index
	j.mu.Lock()
	defer j.mu.Unlock()
	ix := j.ix.Load()
	if ix == nil {
		return errors.New("app.WriteJobSnapshot: the index is not loaded")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil { // a PostgreSQL instance may have no data yet
		return fmt.Errorf("app.WriteJobSnapshot: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("app.WriteJobSnapshot: %w", err)
	}
	defer os.Remove(tmp) // after the rename, nothing
	h := sha256.New()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := io.MultiWriter(bw, h)
	hd := snapHeader{Identity: id, Seq: j.seq, Written: x.now()}
	people, err := x.pool.snapshot(&hd)
	if err == nil {
		err = writeSnapshot(w, &hd, ix, people)
	}
	if err == nil {
		_, err = bw.Write(h.Sum(nil))
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		return fmt.Errorf("app.WriteJobSnapshot: %w", err)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// writeSnapshot writes everything but the checksum.
func writeSnapshot(w io.Writer, hd *snapHeader, ix *search.Index, people []byte) error {
	var head bytes.Buffer
	head.WriteString(snapMagic)
	binary.Write(&head, binary.LittleEndian, uint32(snapFrameVersion))
	if err := gob.NewEncoder(&head).Encode(hd); err != nil {
		return err
	}
	if err := writeFramed(w, head.Bytes()); err != nil {
		return err
	}
	if err := ix.Encode(w); err != nil {
		return err
	}
	return writeFramed(w, people)
}

// writeFramed writes b with its length before it.
func writeFramed(w io.Writer, b []byte) error {
	if err := binary.Write(w, binary.LittleEndian, uint64(len(b))); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// snapshot encodes the pool's persons and sets the header's pool times;
// an unloaded pool is written as none.
func (c *candidatePool) snapshot(hd *snapHeader) ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var people []snapPerson
	if c.pool != nil {
		hd.PoolLoaded, hd.PoolSince = c.loaded, c.since
		people = make([]snapPerson, 0, len(c.version))
		for id, v := range c.version {
			p, ok := c.pool.Get(id)
			sp := snapPerson{ID: id, Version: v, InPool: ok}
			if ok {
				sp.Person = *p
			}
			people = append(people, sp)
		}
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(people); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// errSnapshot is wrapped by every reason a snapshot is not used.
var errSnapshot = errors.New("job index snapshot")

// restoreSnapshot reads the snapshot at path and, if it is usable, makes
// its index and pool the App's; it changes nothing otherwise.
func restoreSnapshot(ctx context.Context, x *Jobs, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %w", errSnapshot, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %w", errSnapshot, err)
	}
	size := fi.Size() - sha256.Size
	if size <= 0 {
		return fmt.Errorf("%w: too short", errSnapshot)
	}
	h := sha256.New()
	br := bufio.NewReaderSize(f, 1<<20)
	r := &hashReader{r: io.LimitReader(br, size), h: h}
	head, err := readFramed(r, 1<<20)
	if err != nil {
		return fmt.Errorf("%w: header: %w", errSnapshot, err)
	}
	if len(head) < len(snapMagic)+4 || string(head[:len(snapMagic)]) != snapMagic {
		return fmt.Errorf("%w: not a snapshot", errSnapshot)
	}
	if v := binary.LittleEndian.Uint32(head[len(snapMagic):]); v != snapFrameVersion {
		return fmt.Errorf("%w: frame version %d, this program reads %d", errSnapshot, v, snapFrameVersion)
	}
	var hd snapHeader
	if err := gob.NewDecoder(bytes.NewReader(head[len(snapMagic)+4:])).Decode(&hd); err != nil {
		return fmt.Errorf("%w: header: %w", errSnapshot, err)
	}
	id, err := x.db.Jobs().StoreIdentity(ctx)
	if err != nil {
		return err
	}
	if hd.Identity != id {
		return fmt.Errorf("%w: taken from another store", errSnapshot)
	}
	seq, err := x.db.Jobs().JobSeq(ctx)
	if err != nil {
		return err
	}
	if hd.Seq > seq {
		return fmt.Errorf("%w: ahead of the store (change %d, store at %d)", errSnapshot, hd.Seq, seq)
	}
	ix, err := search.DecodeIndex(r, size, search.Options{Occupations: x.codes.Occupations, DropTexts: true})
	if err != nil {
		return fmt.Errorf("%w: %w", errSnapshot, err)
	}
	peopleRaw, err := readFramed(r, size)
	if err != nil {
		return fmt.Errorf("%w: pool: %w", errSnapshot, err)
	}
	if n, _ := io.Copy(io.Discard, r); n != 0 {
		return fmt.Errorf("%w: %d bytes after the pool", errSnapshot, n)
	}
	sum := make([]byte, sha256.Size)
	if _, err := io.ReadFull(br, sum); err != nil {
		return fmt.Errorf("%w: checksum: %w", errSnapshot, err)
	}
	if !bytes.Equal(sum, h.Sum(nil)) {
		return fmt.Errorf("%w: checksum does not match (damaged)", errSnapshot)
	}
	var people []snapPerson
	if err := gob.NewDecoder(bytes.NewReader(peopleRaw)).Decode(&people); err != nil {
		return fmt.Errorf("%w: pool: %w", errSnapshot, err)
	}
	x.pool.restore(&hd, people)
	j := &x.state.index
	j.mu.Lock()
	j.seq = hd.Seq
	j.ix.Store(ix)
	j.gen.Add(1)
	j.mu.Unlock()
	return nil
}

// restore makes the snapshot's persons the pool, unless a pool is loaded
// already. Contacts are read from the store when a list shows them.
func (c *candidatePool) restore(hd *snapHeader, people []snapPerson) {
	if hd.PoolLoaded.IsZero() {
		return
	}
	p := &candidatePool{pool: match.NewPool(), contacts: map[int64]contact{}, version: make(map[int64]time.Time, len(people))}
	for _, sp := range people {
		p.version[sp.ID] = sp.Version
		if sp.InPool {
			p.pool.Put(sp.ID, sp.Person)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pool != nil {
		return
	}
	c.pool, c.contacts, c.version = p.pool, p.contacts, p.version
	c.loaded, c.checked, c.since = hd.PoolLoaded, time.Time{}, hd.PoolSince
}

// readFramed reads what writeFramed wrote, refusing a length over limit.
func readFramed(r io.Reader, limit int64) ([]byte, error) {
	var n uint64
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > uint64(limit) {
		return nil, errors.New("length out of range")
	}
	b := make([]byte, n)
	_, err := io.ReadFull(r, b)
	return b, err
}

// hashReader hashes what is read through it.
type hashReader struct {
	r io.Reader
	h hash.Hash
}

func (r *hashReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.h.Write(p[:n])
	return n, err
}
