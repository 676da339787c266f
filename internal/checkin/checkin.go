// Package checkin is the sign-in code shown at the door — of a gig shift,
// a training session or an activity's session — as six digits and as a QR
// image of a link carrying them. A code is derived from a server key and
// the session's number, so nothing stored can rebuild it and the code of
// one session never opens another; the purpose keeps a training session's
// code from opening the gig shift or the activity with the same number.
package checkin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
)

// Digits is the length of the code typed by hand.
const Digits = 6

// Code is the code of session id for purpose (e.g. "gig-checkin").
func Code(key []byte, purpose string, id int64) string {
	m := hmac.New(sha256.New, key)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write(b[:])
	sum := m.Sum(nil)
	return fmt.Sprintf("%06d", binary.BigEndian.Uint32(sum[:4])%1000000)
}

// Matches compares a typed code with the session's in constant time,
// ignoring the spaces, full-width spaces and dashes a person may type
// between digit groups, and full-width digits.
func Matches(key []byte, purpose string, id int64, typed string) bool {
	typed = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\u3000' || r == '-':
			return -1
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		}
		return r
	}, typed)
	return hmac.Equal([]byte(typed), []byte(Code(key, purpose, id)))
}
