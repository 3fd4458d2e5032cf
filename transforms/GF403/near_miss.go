package store

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Server serves until its context is done, then shuts down.
type Server struct {
	srv    *http.Server
	ctx    context.Context
	cancel context.CancelFunc
}

// OK: no context in scope.
func (s *Server) ping(db DB) error {
	_, err := db.Get(context.Background(), "ping")
	return err
}

// OK: the caller's context is already done when the shutdown starts; a fresh one with its
// own deadline is the only way to give the shutdown time.
func (s *Server) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(shutdownCtx)
}

// OK: inside the `case <-ctx.Done():` itself.
func (s *Server) serve(ctx context.Context, reqs <-chan string, db DB) {
	for {
		select {
		case id := <-reqs:
			_, _ = db.Get(ctx, id)
		case <-ctx.Done():
			flushCtx, cancel := context.WithTimeout(context.Background(), time.Second)
			_, _ = db.Get(flushCtx, "flush")
			cancel()
			return
		}
	}
}

// OK: a deferred cleanup outlives the request on purpose.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, db DB) {
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, _ = db.Get(ctx, "audit")
	}()
	_, _ = db.Get(r.Context(), "work")
}

// OK: a function named for shutdown gives the shutdown its own deadline.
func (s *Server) Shutdown(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(tctx); err != nil {
		return errors.Join(err, ctx.Err())
	}
	return nil
}

// OK: the fresh context goes to `srv.Shutdown` (a shutdown path whatever the function's
// name).
func (s *Server) restart(ctx context.Context) error {
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		return err
	}
	return ctx.Err()
}

// OK: detached work started with `go`.
func (s *Server) kick(ctx context.Context, db DB) {
	go s.warm(context.Background(), db)
}

func (s *Server) warm(ctx context.Context, db DB) { _, _ = db.Get(ctx, "warm") }

// OK: the server's own lifetime context, stored in its fields.
func (s *Server) init(ctx context.Context) {
	s.ctx, s.cancel = context.WithCancel(context.Background())
}

// OK: stored in a struct literal.
func newServer(ctx context.Context) *Server {
	return &Server{ctx: context.Background()}
}

// OK: the only context in scope is this function's own, not the caller's.
func fresh(db DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := db.Get(ctx, "a"); err != nil {
		return err
	}
	_, err := db.Get(context.Background(), "b")
	return err
}

// OK: the check says the caller's context is done.
func (s *Server) drainAfterCancel(ctx context.Context, db DB) error {
	if ctx.Err() != nil {
		_, err := db.Get(context.Background(), "drain")
		return err
	}
	return nil
}

// OK: a default for a missing context, not a replacement for a present one.
func orDefault(ctx context.Context, db DB) error {
	if ctx == nil {
		ctx = context.Background()
	}
	_, err := db.Get(ctx, "k")
	return err
}

// OK: the comment above says why the caller's context is not used.
func audit(ctx context.Context, db DB) error {
	// The audit record must be written even when the client cancels the request.
	actx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := db.Get(actx, "audit")
	return errors.Join(err, ctx.Err())
}

// OK: so does the comment at the end of the line.
func audit2(ctx context.Context, db DB) error {
	_, err := db.Get(context.Background(), "audit") // outlives the request context on purpose
	return errors.Join(err, ctx.Err())
}
