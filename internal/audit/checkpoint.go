package audit

import (
	"bytes"
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// Checkpoint is a signed record of the chain's head at a moment: the newest
// row's id and hash. Checkpoints are kept outside the database (a file in
// the data directory and a line in the shipped log), so deleting the newest
// rows, which leaves a valid shorter chain, is still seen: the chain no
// longer reaches the checkpoint's row, or reaches it with another hash.
type Checkpoint struct {
	ID    int64     `json:"id"`     // newest row, 0 for an empty log
	Hash  string    `json:"hash"`   // its hash (GenesisHash for an empty log)
	At    time.Time `json:"at"`     // when the head was read
	KeyID string    `json:"key_id"` // fingerprint of the key file that signed it
	Sig   string    `json:"sig"`    // hex HMAC-SM3 under the "audit-checkpoint" key
}

// LogKey is the attribute under which a checkpoint is logged, and how
// ParseCheckpoints finds it in a log line.
const LogKey = "audit_checkpoint"

// Errors of CheckSignature.
var (
	ErrCheckpointForged   = errors.New("signature does not match (the checkpoint was forged or altered)")
	ErrCheckpointOtherKey = errors.New("signed with another key file")
)

// Sign returns the checkpoint with At at microsecond precision in UTC and
// Sig set for key.
func (c Checkpoint) Sign(key []byte) Checkpoint {
	c.At = c.At.UTC().Truncate(time.Microsecond)
	c.Sig = hex.EncodeToString(c.mac(key))
	return c
}

// CheckSignature reports whether the checkpoint was signed with key, the
// checkpoint key of the key file whose fingerprint is keyID.
func (c Checkpoint) CheckSignature(key []byte, keyID string) error {
	sig, err := hex.DecodeString(c.Sig)
	if err != nil || !hmac.Equal(sig, c.mac(key)) {
		if c.KeyID != keyID {
			return fmt.Errorf("checkpoint of row %d: %w (%s, this key file is %s)", c.ID, ErrCheckpointOtherKey, c.KeyID, keyID)
		}
		return fmt.Errorf("checkpoint of row %d: %w", c.ID, ErrCheckpointForged)
	}
	return nil
}

func (c Checkpoint) mac(key []byte) []byte {
	m := hmac.New(sm3.New, key)
	for _, f := range []string{"jiuye/audit-checkpoint/v1", strconv.FormatInt(c.ID, 10), c.Hash,
		c.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"), c.KeyID} {
		m.Write([]byte(strconv.Itoa(len(f)) + ":" + f))
	}
	return m.Sum(nil)
}

// Line is the checkpoint as one JSON line, the format of the checkpoint file.
func (c Checkpoint) Line() []byte {
	b, _ := json.Marshal(c) // plain fields: cannot fail
	return append(b, '\n')
}

// ParseCheckpoints reads every checkpoint in data, one JSON object per line:
// either a checkpoint itself (the checkpoint file) or a JSON log line that
// carries one under LogKey (the shipped log). Other lines are skipped; no
// checkpoint at all is an error. Signatures are not checked here.
func ParseCheckpoints(data []byte) ([]Checkpoint, error) {
	var out []Checkpoint
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var logged struct {
			CP *Checkpoint `json:"audit_checkpoint"`
		}
		if err := json.Unmarshal(line, &logged); err != nil {
			return nil, fmt.Errorf("audit.ParseCheckpoints: line %d: %w", n+1, err)
		}
		cp := logged.CP
		if cp == nil {
			cp = new(Checkpoint)
			if err := json.Unmarshal(line, cp); err != nil {
				return nil, fmt.Errorf("audit.ParseCheckpoints: line %d: %w", n+1, err)
			}
			if cp.Sig == "" {
				continue // another log line
			}
		}
		if cp.Sig == "" || cp.Hash == "" {
			return nil, fmt.Errorf("audit.ParseCheckpoints: line %d: checkpoint without hash or signature", n+1)
		}
		out = append(out, *cp)
	}
	if len(out) == 0 {
		return nil, errors.New("audit.ParseCheckpoints: no checkpoint found")
	}
	return out, nil
}
