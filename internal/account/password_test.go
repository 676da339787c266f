package account

import (
	"bufio"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/apperr"
)

// TestCommonPasswordsRefused: the common list and its trivial variants (any
// case, trailing digits/years/punctuation, leetspeak, full-width forms)
// are refused with a plain Chinese message; good passphrases pass.
func TestCommonPasswordsRefused(t *testing.T) {
	for _, pw := range []string{
		"password1", "Password123!", "ｐａｓｓｗｏｒｄ１", "p@ssw0rd1", "PASSWORD2024", "P@$$w0rd!!",
		"abc12345", "qwerty123", "iloveyou520", "Sunshine1990.", "dragon8888", "1qaz2wsx", "l3tm3in99",
		"monkey!2023", "Footba11!", "superman1",
	} {
		err := ValidatePassword(pw)
		if err == nil {
			t.Errorf("ValidatePassword(%q) passed; it is a common password or a trivial variant of one", pw)
			continue
		}
		if msg := apperr.As(err).Fields["password"]; !strings.Contains(msg, "太常见") {
			t.Errorf("ValidatePassword(%q): message %q, want the plain Chinese common-password message", pw, msg)
		}
	}
	for _, pw := range []string{
		"river crane paper 58", "Tiaozao-Xiaban-7jiang", "abc12345xyz", "Zyxwvuts9876kk",
		"ｒｉｖｅｒ ｃｒａｎｅ ｐａｐｅｒ ５８", // full-width: the same as its ASCII form
	} {
		if err := ValidatePassword(pw); err != nil {
			t.Errorf("ValidatePassword(%q) = %v, want ok", pw, err)
		}
	}
}

// TestPasswordFullWidthNormalised: full-width letters and digits count as
// letters and digits (NFKC) for the length and class rules.
func TestPasswordFullWidthNormalised(t *testing.T) {
	if err := ValidatePassword("ｑｕｉｅｔｒｉｖｅｒ７"); err != nil { // quietriver7
		t.Errorf("full-width letters and digits: %v", err)
	}
	if err := ValidatePassword("ｑｕｉｅｔｒｉｖｅｒ"); err == nil {
		t.Error("full-width letters without a digit passed")
	}
}

// TestPasswordPersonalData: the user's phone, name or ID number inside the
// password is refused.
func TestPasswordPersonalData(t *testing.T) {
	phone, name, id := "13812345678", "王小明", "42011219900101123X"
	for _, pw := range []string{"x13812345678", "13812345678abc", "王小明river7", "ab42011219900101123x"} {
		err := ValidatePassword(pw, phone, name, id)
		if err == nil || !strings.Contains(apperr.As(err).Fields["password"], "手机号") {
			t.Errorf("ValidatePassword(%q) with the user's own data = %v", pw, err)
		}
	}
	if err := ValidatePassword("river crane paper 58", phone, name, id); err != nil {
		t.Errorf("unrelated passphrase refused: %v", err)
	}
	if err := ValidatePassword("climbing hill 42", "", "Li"); err != nil { // two-letter names would refuse too much
		t.Errorf("short name refused an unrelated passphrase: %v", err)
	}
}

// TestCommonPasswordList: the embedded list has 10,000 distinct lower-case
// entries, one a line.
func TestCommonPasswordList(t *testing.T) {
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswords))
	for sc.Scan() {
		w := sc.Text()
		if w == "" || w != strings.ToLower(w) || seen[w] {
			t.Fatalf("bad or repeated line %q", w)
		}
		seen[w] = true
	}
	if len(seen) != 10000 || !seen["password"] || !seen["123456"] {
		t.Fatalf("%d entries", len(seen))
	}
}
