package account

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestValidatePassword(t *testing.T) {
	for pw, ok := range map[string]bool{
		"abc12345xyz": true, "abcdefgh": false, "12345678": false, "ab12": false,
		"密码密码密码12": false, "Passw0rd!": false, "Bl0ssom!Tide": true, string([]byte{0xff, 'a', '1', 'b', 'c', 'd', 'e', 'f'}): false,
	} {
		err := ValidatePassword(pw)
		if (err == nil) != ok {
			t.Errorf("ValidatePassword(%q) = %v, want ok=%v", pw, err, ok)
		}
		if err != nil && apperr.As(err).Fields["password"] == "" {
			t.Errorf("ValidatePassword(%q): no field message", pw)
		}
	}
}

func TestHashAndCheck(t *testing.T) {
	p := HashParams{Memory: 1024, Time: 1, Threads: 1}
	h, err := HashPassword("abc12345", p)
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword("abc12345", h) || CheckPassword("abc12346", h) {
		t.Fatal("password check wrong")
	}
	for _, bad := range []string{"", "$argon2id$", "$argon2id$v=19$m=x$a$b", h[:len(h)-3] + "!!!"} {
		if CheckPassword("abc12345", bad) {
			t.Fatalf("malformed hash %q accepted", bad)
		}
	}
}

func TestNameAndRoles(t *testing.T) {
	if ValidateName("name", "") == nil || ValidateName("name", "<b>") == nil || ValidateName("name", "张三") != nil {
		t.Fatal("ValidateName wrong")
	}
	if !RoleAdmin.IsBureau() || RolePerson.IsBureau() || Role("x").Valid() || !RoleStaff.Valid() {
		t.Fatal("role predicates wrong")
	}
	if ShouldLock(MaxFailures-1) || !ShouldLock(MaxFailures) {
		t.Fatal("ShouldLock wrong")
	}
}

func TestFreshLogin(t *testing.T) {
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]bool{0: true, 4*time.Minute + 59*time.Second: true, RevealWindow: false, time.Hour: false, -time.Minute: false} {
		if got := FreshLogin(now.Add(-d), now); got != want {
			t.Errorf("FreshLogin(%v ago) = %v, want %v", d, got, want)
		}
	}
	if FreshLogin(time.Time{}, now) {
		t.Error("FreshLogin(zero) = true")
	}
}
