package account

import (
	"crypto/rand"
	"math/big"
	"time"
)

// SMS verification codes (找回密码, 注册验证手机号): the rules, with no
// storage. The store keeps a code only as a keyed MAC under the phone's
// blind index; these constants decide how long it lives, how often it may
// be tried and how often one may be sent.
const (
	SMSCodeDigits      = 6
	SMSCodeTTL         = 10 * time.Minute // a code works for 10 minutes, once
	SMSMaxAttempts     = 5                // wrong tries before the code is spent
	SMSResendGap       = 60 * time.Second // between two sends to one phone
	SMSPerPhonePerDay  = 10               // sends to one phone in 24 hours
	SMSPerIPPerHour    = 30               // sends asked from one IP in an hour (a service hall shares one)
	SMSPurposeRegister = "register"
	SMSPurposeReset    = "reset"
)

// ValidSMSPurpose reports whether purpose is one a code may be sent for.
func ValidSMSPurpose(purpose string) bool {
	return purpose == SMSPurposeRegister || purpose == SMSPurposeReset
}

// NewSMSCode returns a uniformly random code of SMSCodeDigits digits.
func NewSMSCode() string {
	const digits = "0123456789"
	b := make([]byte, SMSCodeDigits)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		b[i] = digits[n.Int64()]
	}
	return string(b)
}

// WellFormedSMSCode reports whether code could be a code at all (six
// ASCII digits), so anything else is refused without touching the store.
func WellFormedSMSCode(code string) bool {
	if len(code) != SMSCodeDigits {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// TempPasswordAlphabet is what a staff reset's temporary password is made
// of: no 0/O, 1/l/I, so it can be read out at a counter.
const TempPasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// NewTempPassword returns a 10-character temporary password with at least
// one letter and one digit, which ValidatePassword accepts.
func NewTempPassword() string {
	for {
		b := make([]byte, 10)
		letters, digits := 0, 0
		for i := range b {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(TempPasswordAlphabet))))
			if err != nil {
				panic(err)
			}
			c := TempPasswordAlphabet[n.Int64()]
			if c >= '2' && c <= '9' {
				digits++
			} else {
				letters++
			}
			b[i] = c
		}
		if letters > 0 && digits > 0 {
			return string(b)
		}
	}
}
