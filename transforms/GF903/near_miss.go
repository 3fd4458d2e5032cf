//gofix:file-ignore GF102 the table is only read at start-up

// OK: every directive below silences something, or is not gofix's to judge.
package cache

import "sync"

// Table is a map guarded by a mutex.
type Table struct {
	mu sync.Mutex
	m  map[string]string
}

// OK: the file-wide suppression is used here.
func (t *Table) fileWide(k string) (string, bool) {
	t.mu.Lock()
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: silences the finding on its line (the file-wide one does too; both count as used).
func (t *Table) used(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore GF102 benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a bare `//nolint` silencing nothing may be another linter's.
func (t *Table) bareNolint(k string) string {
	t.mu.Lock() //nolint
	defer t.mu.Unlock()
	return t.m[k]
}

// OK: `//nolint` for other linters only.
func (t *Table) otherLinter(k string) string {
	t.mu.Lock() //nolint:errcheck // the error is logged by the caller
	defer t.mu.Unlock()
	return t.m[k]
}

// OK: a `//nolint:gofix` above a function reaches the whole function, as in golangci-lint.
//
//nolint:gofix // legacy code, rewritten in the next release
func (t *Table) wholeFunction(k string) (string, bool) {
	t.mu.Lock()
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a directive that names GF903 keeps itself even where it silences nothing else.
func (t *Table) kept(k string) string {
	t.mu.Lock() //gofix:ignore GF102,GF903 kept for the rewrite
	defer t.mu.Unlock()
	return t.m[k]
}
