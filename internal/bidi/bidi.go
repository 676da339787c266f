// Package bidi recognises the Unicode bidirectional formatting characters:
// the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069
// and the marks U+200E, U+200F and U+061C. They are invisible and reorder
// the text around them, so "王\u202Egpj.exe" shows as "王exe.jpg": no name,
// title or description typed into the platform needs them. Every
// name-like field refuses them (registry.CheckText, account.ValidateName,
// policy.ParseCatalog) and the Excel exports strip them (sheet.Write).
package bidi

import "strings"

// Message is the field message for text that carries a bidirectional control.
const Message = "包含看不见的文字方向控制字符（如 U+202E），它会让文字显示的顺序与实际不同，请删除后重新输入"

// Is reports whether r is a bidirectional formatting character.
func Is(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// Contains reports whether s carries a bidirectional formatting character.
func Contains(s string) bool { return strings.IndexFunc(s, Is) >= 0 }

// Strip returns s without its bidirectional formatting characters.
func Strip(s string) string {
	if !Contains(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Is(r) {
			return -1
		}
		return r
	}, s)
}
