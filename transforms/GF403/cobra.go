package store

import (
	"context"

	"github.com/spf13/cobra"
)

// Fires (Unsafe fix): a cobra command carries the context its caller set up (signals,
// deadlines): `cmd.Context()`.
func runSync(cmd *cobra.Command, args []string) error {
	var db DB
	_, err := db.Get(context.Background(), args[0]) // want "GF403"
	return err
}

// OK: a command without the context is not given one.
func version(args []string) {
	_ = context.Background()
}
