package policy

// FormatYuan writes an amount the way people read money: "¥1,500",
// "¥923.78", "-¥20" — thousands separators, no needless decimals.
func FormatYuan(v float64) string { return string(appendYuan(nil, v, true)) }
