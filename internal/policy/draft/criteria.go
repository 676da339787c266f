package draft

// BuildCriteria assembles conditions into a criteria tree in the catalog's DSL:
// {all:[…]} at the top, {any:[…]} for alternatives, and scoped leaves under
// {exists: <scope>, where: …}. It returns nil for no conditions.
func BuildCriteria(conds []Condition) map[string]any {
	if len(conds) == 0 {
		return nil
	}
	type grp struct {
		scope    string
		branches [][]any
	}
	var top []any
	scoped := map[string]*[]any{}
	var scopes []string
	groups := map[int]*grp{}
	// slots reserve the position of a group in top or hire
	type slot struct {
		list *[]any
		idx  int
		g    int
	}
	var slots []slot
	for _, c := range conds {
		list := &top
		if c.Scope != "" {
			if _, ok := scoped[c.Scope]; !ok {
				scoped[c.Scope] = &[]any{}
				scopes = append(scopes, c.Scope)
			}
			list = scoped[c.Scope]
		}
		if c.Group == 0 {
			*list = append(*list, leafNode(c))
			continue
		}
		g, ok := groups[c.Group]
		if !ok {
			g = &grp{scope: c.Scope}
			groups[c.Group] = g
			*list = append(*list, nil)
			slots = append(slots, slot{list, len(*list) - 1, c.Group})
		}
		for len(g.branches) < c.Branch {
			g.branches = append(g.branches, nil)
		}
		g.branches[c.Branch-1] = append(g.branches[c.Branch-1], leafNode(c))
	}
	for _, s := range slots {
		var anyOf []any
		for _, br := range groups[s.g].branches {
			if len(br) > 0 {
				anyOf = append(anyOf, allOf(br))
			}
		}
		(*s.list)[s.idx] = map[string]any{"any": anyOf}
	}
	for _, sc := range scopes {
		top = append(top, map[string]any{"exists": sc, "where": allOf(*scoped[sc])})
	}
	return map[string]any{"all": top}
}

// allOf ANDs nodes, or is the node itself when there is one.
func allOf(nodes []any) any {
	if len(nodes) == 1 {
		return nodes[0]
	}
	return map[string]any{"all": nodes}
}

// leafNode is a condition as a criteria leaf {field, op, value}; the value is
// left out for operators that take none (is_true).
func leafNode(c Condition) map[string]any {
	n := map[string]any{"field": c.Field, "op": c.Op}
	if c.Value != nil {
		n["value"] = c.Value
	}
	return n
}
