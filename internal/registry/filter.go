package registry

// PersonFilter selects persons for the staff search.
type PersonFilter struct {
	Query  string // name substring, exact ID number or exact phone
	Limit  int
	Offset int
}

// EnterpriseFilter selects enterprises for staff lists.
type EnterpriseFilter struct {
	Query      string // name substring or exact credit code
	Unverified bool
	Limit      int
	Offset     int
}
