package app

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/policy"
	"go.yaml.in/yaml/v3"
)

// splitCatalog cuts a catalog file into its parameters document (meta and
// parameters) and one YAML document per policy, so each policy can be
// versioned on its own.
func splitCatalog(raw []byte) (string, []*policy.Doc, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return "", nil, fmt.Errorf("目录文件不是有效的 YAML：%w", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return "", nil, fmt.Errorf("目录文件顶层应为包含 meta、parameters、policies 的映射")
	}
	top := doc.Content[0]
	params := &yaml.Node{Kind: yaml.MappingNode}
	var policies *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "meta", "parameters":
			params.Content = append(params.Content, k, v)
		case "policies":
			policies = v
		}
	}
	if policies == nil || policies.Kind != yaml.SequenceNode {
		return "", nil, fmt.Errorf("目录文件缺少 policies 列表")
	}
	pb, err := encodeNode(params)
	if err != nil {
		return "", nil, err
	}
	var docs []*policy.Doc
	for i, p := range policies.Content {
		d, err := policyDocOf(p)
		if err != nil {
			return "", nil, fmt.Errorf("policies[%d]: %w", i, err)
		}
		docs = append(docs, d)
	}
	return pb, docs, nil
}

// policyDocOf reads the listing columns of one policy node and keeps its YAML.
func policyDocOf(n *yaml.Node) (*policy.Doc, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("每条政策应为映射")
	}
	var head struct {
		ID             string `yaml:"id"`
		Name           string `yaml:"name"`
		Category       string `yaml:"category"`
		Beneficiary    string `yaml:"beneficiary"`
		MatchMode      string `yaml:"match_mode"`
		ExclusiveGroup string `yaml:"exclusive_group"`
		Channel        string `yaml:"channel"`
		NoApply        *bool  `yaml:"no_apply"`
	}
	if err := n.Decode(&head); err != nil {
		return nil, err
	}
	if head.ID == "" || head.Name == "" {
		return nil, fmt.Errorf("政策缺少 id 或 name")
	}
	body, err := encodeNode(n)
	if err != nil {
		return nil, err
	}
	noApply := strings.Contains(head.Channel, "免申即享")
	if head.NoApply != nil {
		noApply = *head.NoApply
	}
	return &policy.Doc{ID: head.ID, Name: head.Name, Category: head.Category, Beneficiary: head.Beneficiary,
		MatchMode: head.MatchMode, ExclusiveGroup: head.ExclusiveGroup, NoApply: noApply, Body: body}, nil
}

// joinCatalog rebuilds one catalog document from stored parameters and
// policy bodies, for the engine to parse.
func joinCatalog(params string, bodies []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(strings.TrimRight(params, "\n"))
	b.WriteString("\npolicies:\n")
	for _, body := range bodies {
		for i, line := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
			if i == 0 {
				b.WriteString("- ")
			} else {
				b.WriteString("  ")
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.Bytes(), nil
}

func encodeNode(n *yaml.Node) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return "", err
	}
	enc.Close()
	return b.String(), nil
}
