package store

import (
	"context"
	"net/http"
	"time"
)

// DB is a slow backend.
type DB struct{}

// Get reads one item.
func (DB) Get(ctx context.Context, id string) (string, error) { return id, ctx.Err() }

// Store wraps the backend.
type Store struct{ db DB }

// Fires (Unsafe fix): the parent of the timeout should be the caller's context.
func (s *Store) Load(ctx context.Context, id string) (string, error) {
	tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want "GF403"
	defer cancel()
	return s.db.Get(tctx, id)
}

// Fires (Unsafe fix): TODO in a handler, where `r.Context()` is the request's context.
func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	v, err := s.db.Get(context.TODO(), r.URL.Query().Get("id")) // want "GF403"
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write([]byte(v))
}

// Fires (Unsafe fix): a context derived from the caller's is in scope; the nearest is used.
func (s *Store) refresh(ctx context.Context, ids []string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	for _, id := range ids {
		if _, err := s.db.Get(context.Background(), id); err != nil { // want "GF403"
			return err
		}
	}
	return ctx.Err()
}

// Fires (Unsafe fix) in a callback: the closure sees the enclosing function's context.
func (s *Store) each(ctx context.Context, ids []string, visit func(func(string) error) error) error {
	return visit(func(id string) error {
		_, err := s.db.Get(context.Background(), id) // want "GF403"
		return err
	})
}

// Fires, no fix: two context parameters; which one is meant is a guess.
func (s *Store) pick(ctx, other context.Context, id string) (string, error) {
	return s.db.Get(context.Background(), id) // want "GF403"
}

// Fires (Unsafe fix): a comment that is not about the context explains nothing.
func (s *Store) comment(ctx context.Context) (string, error) {
	// Look the key up.
	return s.db.Get(context.Background(), "key") // want "GF403"
}

// Fires (Unsafe fix): a nil check of something else is no default for the context.
func (s *Store) otherNil(ctx context.Context, ids []string) (string, error) {
	if ids == nil {
		return s.db.Get(context.Background(), "none") // want "GF403"
	}
	return s.db.Get(ctx, ids[0])
}
