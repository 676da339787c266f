package e2e

import "strings"

// brokenLabelsJS lists the short labels (at most six characters: 岗位,
// 身份证号, a table header, a bottom-nav entry, a button) whose text wraps
// onto a second line, e.g. 学/历 one character per line at 375 px.
const brokenLabelsJS = `(() => {
	const sel = "label, th, dt, legend, nav.bottom a, .tabs a, .chips a, .btn, button, .tag, .badge, summary, td[data-label]";
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		const cs = getComputedStyle(el);
		if (cs.display === "none" || cs.visibility === "hidden" || el.getClientRects().length === 0) continue;
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (n.parentElement.closest(".sr-only")) continue;
			const t = n.textContent.trim();
			if (t.length < 2 || t.length > 6 || /\s/.test(t)) continue;
			const r = document.createRange();
			r.selectNodeContents(n);
			const tops = new Set();
			for (const q of r.getClientRects()) if (q.width > 0 && q.height > 0) tops.add(Math.round(q.top));
			if (tops.size > 1) out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " “" + t + "”");
		}
	}
	return out;
})()`

// noBrokenLabels fails the test for every short label that wraps on the page.
func (b *browser) noBrokenLabels(page string) {
	b.t.Helper()
	if broken := eval[[]string](b, brokenLabelsJS); len(broken) > 0 {
		b.t.Errorf("%s: short labels break across lines at %d px: %s", page, phoneWidth, strings.Join(broken, "; "))
	}
}
