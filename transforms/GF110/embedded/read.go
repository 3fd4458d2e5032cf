package peers

// Reader: a comma-ok map read into locals.
func (p *Peers) Addr(id string) (string, bool) {
	p.Lock()
	defer p.Unlock()
	addr, ok := p.addrs[id]
	return addr, ok
}

// Reader: `len` only.
func (p *Peers) Len() int {
	p.Lock()
	defer p.Unlock()
	return len(p.addrs)
}
