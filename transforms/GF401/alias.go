package client

import (
	gocontext "context"
	nethttp "net/http"
)

// Fires (Unsafe fix): both packages under other names.
func aliased(ctx gocontext.Context, u string) (*nethttp.Request, error) {
	return nethttp.NewRequest(nethttp.MethodGet, u, nil) // want "GF401"
}

// OK: `http` is a local value here, not the package.
func shadowed(ctx gocontext.Context, u string) string {
	http := requester{}
	return http.NewRequest(u)
}

type requester struct{}

func (requester) NewRequest(u string) string { return u }
