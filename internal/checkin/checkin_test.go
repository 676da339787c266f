package checkin

import "testing"

func TestCodeAndMatches(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	c := Code(key, "gig-checkin", 42)
	if len(c) != Digits {
		t.Fatalf("code %q is not %d digits", c, Digits)
	}
	if c != Code(key, "gig-checkin", 42) {
		t.Fatal("code is not stable")
	}
	if c == Code(key, "gig-checkin", 43) || c == Code(key, "activity-checkin", 42) {
		t.Fatal("codes of other sessions and purposes equal this one")
	}
	spaced := c[:3] + " " + c[3:]
	full := ""
	for _, r := range c {
		full += string('０' + (r - '0'))
	}
	for _, typed := range []string{c, spaced, c[:3] + "-" + c[3:], c[:3] + "\u3000" + c[3:], full} {
		if !Matches(key, "gig-checkin", 42, typed) {
			t.Errorf("%q should match %q", typed, c)
		}
	}
	for _, typed := range []string{"", c[:5], c + "0", Code(key, "gig-checkin", 43)} {
		if typed != c && Matches(key, "gig-checkin", 42, typed) {
			t.Errorf("%q should not match", typed)
		}
	}
	if Matches(key, "training-checkin", 42, c) {
		t.Error("a gig code opened a training session")
	}
}
