// Package draft suggests how to file a newly pasted policy text: its category,
// beneficiary type and target groups, plus a DRAFT criteria tree (in the catalog's
// DSL) built from the conditions it can recognise, each with the snippet it came
// from. Staff confirm or edit the draft; nothing here is authoritative.
//
// The classifier combines two parts:
//
//   - a built-in keyword/phrase table (rules.go), shipped as Go source, which
//     works with no training data at all (New(nil));
//   - a character-bigram TF-IDF nearest-centroid model trained on labelled
//     examples, normally the policies of the current catalog
//     (ExamplesFromCatalog), so that the suggestions follow the catalog's own
//     labelling conventions as it grows.
//
// The package parses the catalog itself and does not depend on the eligibility
// engine.
package draft

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Categories are the catalog's policy categories, in the catalog's order.
var Categories = []string{"创业扶持", "就业补贴", "社保补贴", "培训补贴", "见习补贴", "人才引进", "贷款贴息", "其他"}

// Beneficiary types.
const (
	Person     = "person"
	Enterprise = "enterprise"
)

// Suggestion is what the classifier proposes for a pasted policy.
type Suggestion struct {
	Category       string         `json:"category"`
	CategoryScores []Scored       `json:"category_scores"` // top 3 with scores (sum over all categories = 1)
	Beneficiary    string         `json:"beneficiary"`
	TargetGroups   []string       `json:"target_groups"`
	Conditions     []Condition    `json:"conditions"` // each recognised leaf with its snippet
	Criteria       map[string]any `json:"criteria"`   // {"all":[…]} ready to edit; nil when none found
	Benefit        *BenefitGuess  `json:"benefit,omitempty"`
}

// Scored is a label with its score in [0,1].
type Scored struct {
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// Condition is one recognised leaf {field, op, value} of the draft criteria tree.
//
// Scope is "" for a condition on the applicant itself and "new_hires" for a
// condition on each hired person of an enterprise policy (the catalog puts those
// under {exists: new_hires, where: …}). Leaves with the same non-zero Group are
// alternatives read from "…或…": the group becomes {any:[…]}, and leaves sharing
// a Branch inside it are AND-ed.
type Condition struct {
	Field   string `json:"field"`
	Op      string `json:"op"`
	Value   any    `json:"value,omitempty"`
	Snippet string `json:"snippet"`
	Text    string `json:"text"` // Chinese reading, e.g. "年龄不超过 35 周岁"
	Scope   string `json:"scope,omitempty"`
	Group   int    `json:"group,omitempty"`
	Branch  int    `json:"branch,omitempty"`
}

// BenefitGuess is the amount the text appears to grant.
type BenefitGuess struct {
	Type       string  `json:"type"` // fixed | per_person | percent | loan
	AmountYuan float64 `json:"amount_yuan,omitempty"`
	Percent    float64 `json:"percent,omitempty"` // for type percent: 70 means 70 %
	Unit       string  `json:"unit"`
	Snippet    string  `json:"snippet"`
}

// Example is one labelled policy. Text is the policy's conditions and benefit
// text; TargetGroups are added to the training text by New (they are labels,
// so they are never part of a text to classify).
type Example struct {
	ID           string   `json:"id,omitempty"`
	Title        string   `json:"title"`
	Text         string   `json:"text"`
	Category     string   `json:"category"`
	Beneficiary  string   `json:"beneficiary"`
	TargetGroups []string `json:"target_groups"`
}

// Classifier suggests labels for policy texts. It is immutable after New and
// safe for concurrent use.
type Classifier struct {
	category    *centroidModel
	beneficiary *centroidModel
	learnedTags []string // catalog target-group tags with no canonical form, matched literally
}

// New builds a classifier from labelled examples plus the built-in keyword
// table. With no examples it uses the keyword table alone.
func New(examples []Example) *Classifier {
	c := &Classifier{}
	var catDocs, cats, benDocs, bens []string
	seen := map[string]bool{}
	for _, ex := range examples {
		doc := trainingDoc(ex)
		if ex.Category != "" {
			catDocs = append(catDocs, doc)
			cats = append(cats, ex.Category)
		}
		if ex.Beneficiary == Person || ex.Beneficiary == Enterprise {
			benDocs = append(benDocs, doc)
			bens = append(bens, ex.Beneficiary)
		}
		for _, raw := range ex.TargetGroups {
			raw = strings.TrimSpace(raw)
			if raw == "" || seen[raw] {
				continue
			}
			seen[raw] = true
			if len(canonicalTags(raw)) == 0 && len([]rune(raw)) >= 3 {
				c.learnedTags = append(c.learnedTags, raw)
			}
		}
	}
	c.category = trainCentroids(catDocs, cats)
	c.beneficiary = trainCentroids(benDocs, bens)
	sort.Strings(c.learnedTags)
	return c
}

// trainingDoc is title + text + target groups, as the brief specifies.
func trainingDoc(ex Example) string {
	return docFor(ex.Title, ex.Text+"\n"+strings.Join(ex.TargetGroups, "、"))
}

// docFor weights the title three times: it is short and the most telling part.
func docFor(title, text string) string {
	t := normalize(title)
	return t + "\n" + t + "\n" + t + "\n" + normalize(text)
}

// Suggest classifies a pasted policy and drafts its criteria.
func (c *Classifier) Suggest(title, text string) Suggestion {
	title, text = normalize(title), normalize(text)
	full := title + "\n" + text
	var s Suggestion

	scores := c.categoryScores(title, text, true, true)
	s.CategoryScores = topScores(scores, 3)
	s.Category = s.CategoryScores[0].Label

	s.Beneficiary = c.beneficiaryOf(title, text)
	s.TargetGroups = c.targetGroups(title, text, s.Beneficiary)
	s.Conditions = ExtractConditions(full, s.Beneficiary)
	if s.Conditions == nil {
		s.Conditions = []Condition{}
	}
	s.Criteria = BuildCriteria(s.Conditions)
	s.Benefit = ExtractBenefit(full)
	return s
}

// categoryScores combines the model and the keyword table. useModel/useRules
// exist so the evaluation can report each part alone.
func (c *Classifier) categoryScores(title, text string, useModel, useRules bool) map[string]float64 {
	final := map[string]float64{}
	var pm map[string]float64
	if useModel && c.category != nil {
		pm = c.category.probs(docFor(title, text), 12)
	}
	var pr map[string]float64
	var titleHit bool
	if useRules {
		pr, titleHit = ruleScores(categoryRules, title, text)
	}
	switch {
	case pm == nil && pr == nil:
		final["其他"] = 1
	case pm == nil:
		final = pr
	case pr == nil:
		final = pm
	default:
		beta := 0.5 // weight of the keyword table
		if titleHit {
			beta = 0.75
		}
		for l, p := range pm {
			final[l] += (1 - beta) * p
		}
		for l, p := range pr {
			final[l] += beta * p
		}
	}
	return final
}

func (c *Classifier) beneficiaryOf(title, text string) string {
	sc := c.beneficiaryScores(title, text)
	if sc[Enterprise] > sc[Person] {
		return Enterprise
	}
	return Person
}

func (c *Classifier) beneficiaryScores(title, text string) map[string]float64 {
	final := map[string]float64{}
	var pm map[string]float64
	if c.beneficiary != nil {
		pm = c.beneficiary.probs(docFor(title, text), 12)
	}
	pr, titleHit := ruleScores(beneficiaryRules, title, text)
	beta := 0.5
	if titleHit {
		beta = 0.75
	}
	if pm == nil {
		beta = 1
	}
	if pr == nil {
		beta = 0
	}
	for l, p := range pm {
		final[l] += (1 - beta) * p
	}
	for l, p := range pr {
		final[l] += beta * p
	}
	return final
}

func topScores(m map[string]float64, n int) []Scored {
	var out []Scored
	for _, l := range Categories {
		out = append(out, Scored{l, round3(m[l])})
	}
	for l, v := range m { // labels outside the fixed list (from a custom catalog)
		if !contains(Categories, l) {
			out = append(out, Scored{l, round3(v)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// catalogFile is the part of catalog.yaml this package reads.
type catalogFile struct {
	Policies []struct {
		ID           string   `yaml:"id"`
		Name         string   `yaml:"name"`
		Category     string   `yaml:"category"`
		Beneficiary  string   `yaml:"beneficiary"`
		TargetGroups []string `yaml:"target_groups"`
		Conditions   []string `yaml:"conditions"`
		Benefit      struct {
			AmountText string `yaml:"amount_text"`
		} `yaml:"benefit"`
	} `yaml:"policies"`
}

// ExamplesFromCatalog turns the policies of a catalog.yaml into labelled
// examples: Title = name, Text = conditions (one per line) + benefit.amount_text,
// plus category, beneficiary and target_groups as labels.
func ExamplesFromCatalog(yamlBytes []byte) ([]Example, error) {
	var cf catalogFile
	if err := yaml.Unmarshal(yamlBytes, &cf); err != nil {
		return nil, fmt.Errorf("draft: parse catalog: %w", err)
	}
	if len(cf.Policies) == 0 {
		return nil, fmt.Errorf("draft: catalog has no policies")
	}
	out := make([]Example, 0, len(cf.Policies))
	for i, p := range cf.Policies {
		if p.Name == "" {
			return nil, fmt.Errorf("draft: policy #%d (%q) has no name", i+1, p.ID)
		}
		text := strings.Join(p.Conditions, "\n")
		if p.Benefit.AmountText != "" {
			text += "\n" + p.Benefit.AmountText
		}
		out = append(out, Example{
			ID:           p.ID,
			Title:        p.Name,
			Text:         text,
			Category:     p.Category,
			Beneficiary:  p.Beneficiary,
			TargetGroups: append([]string(nil), p.TargetGroups...),
		})
	}
	return out, nil
}

// normalize folds full-width digits and punctuation that the patterns care
// about to ASCII, so "１６－２４岁" and "16-24岁" read the same.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		case r >= 'Ａ' && r <= 'Ｚ':
			r = r - 'Ａ' + 'A'
		case r >= 'ａ' && r <= 'ｚ':
			r = r - 'ａ' + 'a'
		case r == '％':
			r = '%'
		case r == '．':
			r = '.'
		case r == '／':
			r = '/'
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '～', r == '〜':
			r = '~'
		case r == '－', r == '—', r == '–', r == '‐', r == '―':
			r = '-'
		case r == '\u3000', r == '\t', r == '\r':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
