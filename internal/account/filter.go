package account

// UserFilter selects users for the admin list.
type UserFilter struct {
	Role   string
	Query  string // name substring or exact phone
	Limit  int
	Offset int
}

// Session kinds: a browser cookie or an API bearer token.
const (
	SessionWeb = "web"
	SessionAPI = "api"
)
