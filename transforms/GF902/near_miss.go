package cache

import "sync"

// Table is a map guarded by a mutex.
type Table struct {
	mu sync.Mutex
	m  map[string]string
}

// OK: a code in lower case.
func (t *Table) lowerCase(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore gf102 callers hold the table only briefly
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: a prefix, a name and `ALL`, as --select takes them.
func (t *Table) prefix(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore GF1 benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

func (t *Table) name(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore lock-held-on-return benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

func (t *Table) all(k string) (string, bool) {
	t.mu.Lock() //gofix:ignore ALL benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: linters other than gofix in a `//nolint` list are golangci-lint's to know.
func (t *Table) otherLinters(k string) (string, bool) {
	t.mu.Lock() //nolint:errcheck,gofix,made-up-linter // benchmark only
	v, ok := t.m[k]
	if !ok {
		return "", false
	}
	t.mu.Unlock()
	return v, true
}

// OK: prose that mentions gofix: is no directive.
func (t *Table) prose(k string) string {
	// gofix: the deferred unlock below is what GF101 asks for.
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[k]
}
