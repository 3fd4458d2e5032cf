package settings

// Reader: a comma-ok map read into locals.
func (s *Settings) Get(key string) (string, bool) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	v, ok := s.values[key]
	return v, ok
}

// Reader: `len` only.
func (s *Settings) Len() int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return len(s.values)
}
