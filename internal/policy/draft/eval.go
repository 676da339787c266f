package draft

import "sort"

// Report is the leave-one-out accuracy of the classifier on a set of labelled
// examples, suitable for showing to staff next to a suggestion.
type Report struct {
	N int `json:"n"`

	CategoryAccuracy    float64 `json:"category_accuracy"`
	BeneficiaryAccuracy float64 `json:"beneficiary_accuracy"`

	// Target groups are compared after mapping both sides to the canonical tag
	// vocabulary (CanonicalTags); micro-averaged over all examples.
	TargetGroupPrecision float64 `json:"target_group_precision"`
	TargetGroupRecall    float64 `json:"target_group_recall"`
	TargetGroupF1        float64 `json:"target_group_f1"`

	// The two parts of the category classifier on their own. The keyword
	// table is fixed Go source written while reading the catalog, so its
	// figure is not out-of-sample; the model figure is.
	CategoryAccuracyModelOnly    float64 `json:"category_accuracy_model_only"`
	CategoryAccuracyRulesOnly    float64 `json:"category_accuracy_rules_only"`
	BeneficiaryAccuracyModelOnly float64 `json:"beneficiary_accuracy_model_only"`

	Misses []Miss `json:"misses"`
}

// Miss is one wrong answer in the leave-one-out run.
type Miss struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title"`
	What  string `json:"what"` // category | beneficiary | target_groups
	Want  string `json:"want"`
	Got   string `json:"got"`
}

// LeaveOneOut trains on all examples but one, classifies the held-out one from
// its title and text (never its labels), and repeats for every example.
func LeaveOneOut(examples []Example) Report {
	r := Report{N: len(examples)}
	if len(examples) == 0 {
		return r
	}
	var catOK, benOK, modelOK, rulesOK, benModelOK int
	var tp, fp, fn int
	for i, ex := range examples {
		train := make([]Example, 0, len(examples)-1)
		train = append(train, examples[:i]...)
		train = append(train, examples[i+1:]...)
		c := New(train)
		s := c.Suggest(ex.Title, ex.Text)

		title, text := normalize(ex.Title), normalize(ex.Text)
		if argmax(c.categoryScores(title, text, true, false)) == ex.Category {
			modelOK++
		}
		if argmax(c.categoryScores(title, text, false, true)) == ex.Category {
			rulesOK++
		}
		if c.beneficiary != nil && argmax(c.beneficiary.probs(docFor(title, text), 1)) == ex.Beneficiary {
			benModelOK++
		}
		if s.Category == ex.Category {
			catOK++
		} else {
			r.Misses = append(r.Misses, Miss{ex.ID, ex.Title, "category", ex.Category, s.Category})
		}
		if s.Beneficiary == ex.Beneficiary {
			benOK++
		} else {
			r.Misses = append(r.Misses, Miss{ex.ID, ex.Title, "beneficiary", ex.Beneficiary, s.Beneficiary})
		}
		want := CanonicalTags(ex.TargetGroups)
		got := CanonicalTags(s.TargetGroups)
		t, p, n := overlap(want, got)
		tp, fp, fn = tp+t, fp+p, fn+n
		if p+n > 0 {
			r.Misses = append(r.Misses, Miss{ex.ID, ex.Title, "target_groups", join(want), join(got)})
		}
	}
	n := float64(len(examples))
	r.CategoryAccuracy = float64(catOK) / n
	r.BeneficiaryAccuracy = float64(benOK) / n
	r.CategoryAccuracyModelOnly = float64(modelOK) / n
	r.CategoryAccuracyRulesOnly = float64(rulesOK) / n
	r.BeneficiaryAccuracyModelOnly = float64(benModelOK) / n
	if tp+fp > 0 {
		r.TargetGroupPrecision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r.TargetGroupRecall = float64(tp) / float64(tp+fn)
	}
	if p, q := r.TargetGroupPrecision, r.TargetGroupRecall; p+q > 0 {
		r.TargetGroupF1 = 2 * p * q / (p + q)
	}
	return r
}

func argmax(m map[string]float64) string {
	best, bestV := "", -1.0
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] > bestV {
			best, bestV = k, m[k]
		}
	}
	return best
}

// overlap counts true positives, false positives and false negatives.
func overlap(want, got []string) (tp, fp, fn int) {
	w := map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	g := map[string]bool{}
	for _, x := range got {
		g[x] = true
		if w[x] {
			tp++
		} else {
			fp++
		}
	}
	for _, x := range want {
		if !g[x] {
			fn++
		}
	}
	return
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "、"
		}
		out += x
	}
	return out
}

func sortStrings(s []string) { sort.Strings(s) }
