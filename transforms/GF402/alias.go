package fetch

import (
	stdctx "context"
	"time"
)

// Fires (Safe fix): `context` is imported under another name.
func aliased(ctx stdctx.Context) error {
	ctx, _ = stdctx.WithTimeout(ctx, time.Second) // want "GF402"
	return ctx.Err()
}

// Fires (Safe fix): `_ = cancel` is deleted once the cancel function is deferred.
func silencedAlias(ctx stdctx.Context) error {
	sub, cancel := stdctx.WithCancel(ctx) // want "GF402"
	_ = cancel
	return sub.Err()
}

// fakeContext has a method named like the package function.
type fakeContext struct{}

func (fakeContext) WithCancel(ctx stdctx.Context) (stdctx.Context, func()) { return ctx, func() {} }

// OK: `stdctx` is a local variable here, and `stdctx.WithCancel` its method.
func shadowedPackage(ctx stdctx.Context) error {
	stdctx := fakeContext{}
	sub, _ := stdctx.WithCancel(ctx)
	return sub.Err()
}
