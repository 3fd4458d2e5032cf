package etl

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// Record is one parsed row.
type Record struct {
	Name  string
	Score int
}

// Fires (Safe): a generator of parsed records, ranged over by loadAll below.
func records(r io.Reader) <-chan Record {
	out := make(chan Record)
	go func() { // want "GF201"
		cr := csv.NewReader(r)
		for {
			row, err := cr.Read()
			if err != nil {
				return
			}
			score, _ := strconv.Atoi(row[1])
			out <- Record{Name: row[0], Score: score}
		}
	}()
	return out
}

// loadAll ranges over the record generator.
func loadAll(r io.Reader) []Record {
	var all []Record
	for rec := range records(r) {
		all = append(all, rec)
	}
	return all
}

// Fires (Safe): a filter stage whose output the function itself ranges over.
func highScores(recs []Record, min int) []string {
	names := make(chan string, len(recs))
	go func() { // want "GF201"
		for _, rec := range recs {
			if rec.Score >= min {
				names <- rec.Name
			}
		}
	}()
	var out []string
	for n := range names {
		out = append(out, n)
	}
	return out
}

// Fires (Safe): a goroutine taking an argument, with sends on two paths.
func splitFields(line string) []string {
	var parts = make(chan string)
	go func(sep string) { // want "GF201"
		if !strings.Contains(line, sep) {
			parts <- line
			return
		}
		for _, p := range strings.Split(line, sep) {
			parts <- strings.TrimSpace(p)
		}
	}(",")
	var out []string
	for p := range parts {
		out = append(out, p)
	}
	return out
}

// Fires (Safe): the caller stores the generator's result before ranging.
func upper(words []string) <-chan string {
	ch := make(chan string)
	go func() { // want "GF201"
		for _, w := range words {
			ch <- strings.ToUpper(w)
		}
	}()
	return ch
}

// shout joins the upper-cased words.
func shout(words []string) string {
	c := upper(words)
	var b strings.Builder
	for w := range c {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}
