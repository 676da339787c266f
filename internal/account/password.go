package account

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed" // the common-password list
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"github.com/jiuye/jiuye/internal/apperr"
)

// HashParams are argon2id cost parameters. DefaultHashParams follow OWASP's
// password storage recommendation (m=19 MiB, t=2, p=1).
type HashParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultHashParams is used for every stored password; never lower it for speed.
var DefaultHashParams = HashParams{Memory: 19 * 1024, Time: 2, Threads: 1}

// HashPassword returns an encoded argon2id hash in the PHC string format.
func HashPassword(pw string, p HashParams) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("account.HashPassword: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches an encoded argon2id hash.
func CheckPassword(pw, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var p HashParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || p.Memory > 1<<20 || p.Time > 16 || p.Threads == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// commonPasswords is the embedded list of the 10,000 most common passwords,
// lower case, one a line (data/README.md says where it comes from). It is
// read-only.
//
//go:embed data/common-passwords.txt
var commonPasswords string

// Password messages, in plain words for the person choosing one.
const (
	msgPasswordCommon   = "这个密码太常见，很容易被别人猜到。请换一个：可以用几个词组成一句话，再加上数字"
	msgPasswordPersonal = "密码不能包含您的手机号、姓名或身份证号"
)

// ValidatePassword enforces the password rules on pw after NFKC
// normalisation, so full-width letters and digits count as the ASCII ones
// they look like: 8 to 128 characters with at least one letter and one
// digit; not one of the 10,000 most common passwords nor a trivial variant
// of one (any case, digits, years or punctuation added before or after,
// leetspeak such as p@ssw0rd); and not containing any of personal — the
// user's phone number, name or ID number (entries shorter than 4 bytes,
// such as a two-letter name, are ignored).
func ValidatePassword(pw string, personal ...string) error {
	if !utf8.ValidString(pw) {
		return apperr.Field("password", "密码包含无效字符")
	}
	pw = norm.NFKC.String(pw)
	n := utf8.RuneCountInString(pw)
	if n < 8 {
		return apperr.Field("password", "密码至少 8 位，需同时包含字母和数字")
	}
	if n > 128 {
		return apperr.Field("password", "密码不能超过 128 位")
	}
	var letter, digit bool
	for _, r := range pw {
		switch {
		case r < 128 && unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		}
	}
	if !letter || !digit {
		return apperr.Field("password", "密码需同时包含字母和数字")
	}
	lower := strings.ToLower(pw)
	for _, p := range personal {
		p = strings.ToLower(norm.NFKC.String(strings.TrimSpace(p)))
		if len(p) >= 4 && strings.Contains(lower, p) {
			return apperr.Field("password", msgPasswordPersonal)
		}
	}
	for _, v := range passwordVariants(lower) {
		if isCommonPassword(v) {
			return apperr.Field("password", msgPasswordCommon)
		}
	}
	return nil
}

// isCommonPassword reports whether s is a line of the embedded list.
func isCommonPassword(s string) bool {
	if s == "" || strings.ContainsRune(s, '\n') {
		return false
	}
	return strings.HasPrefix(commonPasswords, s+"\n") || strings.Contains(commonPasswords, "\n"+s+"\n")
}

// passwordVariants returns what a lower-cased password is a trivial variant
// of: itself, without the digits and punctuation around it, and each of
// those read as leetspeak.
func passwordVariants(s string) []string {
	out := []string{s, trimDecoration(s)}
	for _, base := range []string{s, out[1]} {
		for _, v := range unleet(base) {
			out = append(out, v, trimDecoration(v))
		}
	}
	return out
}

// trimDecoration strips the digits, years, punctuation and spaces that
// people put before or after a word ("password123!" → "password").
func trimDecoration(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// unleet returns s read as leetspeak (@ and 4 → a, 0 → o, 3 → e, $ and
// 5 → s, 7 → t), once with 1 as i and once as l; nothing when s has none.
func unleet(s string) []string {
	if !strings.ContainsAny(s, "@403$571") {
		return nil
	}
	t := strings.NewReplacer("@", "a", "4", "a", "0", "o", "3", "e", "$", "s", "5", "s", "7", "t").Replace(s)
	return []string{strings.ReplaceAll(t, "1", "i"), strings.ReplaceAll(t, "1", "l")}
}
