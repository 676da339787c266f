package server_test

import "github.com/jiuye/jiuye/internal/server"

// serverOpts disables the per-IP auth limit: tests log in hundreds of times
// from one address. The limit itself is tested separately.
func serverOpts() server.Options { return server.Options{AuthPerMinute: 0} }
