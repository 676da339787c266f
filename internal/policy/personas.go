package policy

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Persona is a golden test profile: a subject and the policy ids it must be
// eligible for on EvalDate, exactly.
type Persona struct {
	ID       string
	Kind     string
	Label    string
	EvalDate time.Time
	Attrs    map[string]any
	Expected []string
}

// Subject returns the persona as a Subject.
func (p Persona) Subject() Subject { return Subject{Kind: p.Kind, Attrs: p.Attrs} }

// personasFile is the YAML layout of a personas file.
type personasFile struct {
	Meta struct {
		EvalDate string `yaml:"eval_date"`
	} `yaml:"meta"`
	Personas []struct {
		ID       string         `yaml:"id"`
		Kind     string         `yaml:"kind"`
		Label    string         `yaml:"label"`
		EvalDate string         `yaml:"eval_date"`
		Attrs    map[string]any `yaml:"attrs"`
		Expected []struct {
			PolicyID string `yaml:"policy_id"`
		} `yaml:"expected_eligible"`
	} `yaml:"personas"`
}

// ParsePersonas reads a personas file: meta.eval_date (a persona may carry
// its own eval_date) and each persona's kind, attrs and expected_eligible.
func ParsePersonas(yamlBytes []byte) ([]Persona, error) {
	var f personasFile
	if err := yaml.Unmarshal(yamlBytes, &f); err != nil {
		return nil, fmt.Errorf("画像文件不是有效的 YAML：%w", err)
	}
	var out []Persona
	for i, p := range f.Personas {
		ds := p.EvalDate
		if ds == "" {
			ds = f.Meta.EvalDate
		}
		d, err := parseCivil(ds)
		if err != nil {
			return nil, fmt.Errorf("画像 %d（%s）的评估日期无效：%w", i+1, p.ID, err)
		}
		if p.ID == "" {
			return nil, fmt.Errorf("画像 %d 缺少 id", i+1)
		}
		per := Persona{ID: p.ID, Kind: p.Kind, Label: p.Label, EvalDate: d.Time(), Attrs: normalizeYAML(p.Attrs).(map[string]any)}
		for _, e := range p.Expected {
			per.Expected = append(per.Expected, e.PolicyID)
		}
		out = append(out, per)
	}
	return out, nil
}

// normalizeYAML turns YAML-decoded values into the JSON-like shapes the
// API receives: time.Time dates become 'YYYY-MM-DD' strings.
func normalizeYAML(v any) any {
	switch x := v.(type) {
	case nil:
		return map[string]any{}
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeValue(e)
		}
		return x
	}
	return v
}

func normalizeValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return civilOf(x).String()
	case map[string]any:
		return normalizeYAML(x)
	case []any:
		for i, e := range x {
			x[i] = normalizeValue(e)
		}
	}
	return v
}

// RunPersonas matches every persona against c and compares the eligible set
// with expected_eligible. It prints one line per failing persona (id, missing
// and unexpected policy ids, or the error) and a last line exactly
// "N passed, M failed". err is for an unreadable file or a failed write.
func RunPersonas(c *Catalog, personasYAML []byte, w io.Writer) (passed, failed int, err error) {
	ps, err := ParsePersonas(personasYAML)
	if err != nil {
		return 0, 0, err
	}
	for _, p := range ps {
		line := checkPersona(c, p)
		if line == "" {
			passed++
			continue
		}
		failed++
		if _, err := fmt.Fprintln(w, line); err != nil {
			return passed, failed, err
		}
	}
	_, err = fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
	return passed, failed, err
}

// checkPersona returns "" when p passes, else its failure line.
func checkPersona(c *Catalog, p Persona) string {
	res, err := c.Match(p.Subject(), p.EvalDate)
	if err != nil {
		return fmt.Sprintf("FAIL %s error: %v", p.ID, err)
	}
	got := map[string]bool{}
	for _, e := range res.Eligible {
		got[e.PolicyID] = true
	}
	want := map[string]bool{}
	var missing, unexpected []string
	for _, id := range p.Expected {
		want[id] = true
		if !got[id] {
			missing = append(missing, id)
		}
	}
	for id := range got {
		if !want[id] {
			unexpected = append(unexpected, id)
		}
	}
	if len(missing) == 0 && len(unexpected) == 0 {
		return ""
	}
	sort.Strings(missing)
	sort.Strings(unexpected)
	return fmt.Sprintf("FAIL %s missing=[%s] unexpected=[%s]", p.ID, strings.Join(missing, " "), strings.Join(unexpected, " "))
}
