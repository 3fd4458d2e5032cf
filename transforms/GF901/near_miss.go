package cache

import "sync"

// Table is a map guarded by a mutex.
type Table struct {
	mu sync.Mutex
	m  map[string]string
}

// OK: a reason after the codes.
func (t *Table) reason(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore GF102 callers hold the table only briefly
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a reason after `//`, as golangci-lint users write it.
func (t *Table) slashReason(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore GF102 // benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: `//nolint:gofix // reason`.
func (t *Table) nolintReason(k string) (string, bool) {
	t.mu.Lock() //nolint:gofix // benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a bare `//nolint` needs no reason from gofix (golangci-lint's nolintlint judges it),
// and silences every linter, gofix included.
func (t *Table) bareNolint(k string) (string, bool) {
	t.mu.Lock() //nolint
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: `//nolint:all` is a bare `//nolint`.
func (t *Table) nolintAll(k string) (string, bool) {
	t.mu.Lock() //nolint:all
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a `//nolint` naming other linters only is not gofix's.
func (t *Table) otherLinter(k string) string {
	t.mu.Lock() //nolint:errcheck
	defer t.mu.Unlock()
	return t.m[k]
}
