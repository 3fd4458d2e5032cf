package render

// Page is one page to render.
type Page struct {
	Path  string
	Title string
}

// Fires: the `//line` directive makes the compiler and go vet name other.go:100 onwards, but
// gofix reports the real position in this file, and the version still comes from go.mod.
func renderAll(pages []Page, tmpl func(Page) string, out chan<- string) {
//line other.go:100
	for _, p := range pages {
		go func() {
			out <- tmpl(p) // want "GF320"
		}()
	}
}
