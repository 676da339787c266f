// Command pinyingen writes ../data/occupation_pinyin.csv: the pinyin of
// every level-4 occupation name and alias in ../data/csco2022.csv, so a
// search for "hangong" or "hg" finds 焊工 (codes.Pinyin). It is a module of
// its own so the platform does not depend on the pinyin dictionary at run
// time; run it again when the occupation table changes:
//
//	cd internal/codes/pinyingen && go run . > ../data/occupation_pinyin.csv
//
// A character with several readings is given its most common one (the
// dictionary's first): 重型 is "zhong xing".
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

func main() {
	f, err := os.Open("../data/csco2022.csv")
	if err != nil {
		fail(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		fail(err)
	}
	a := pinyin.NewArgs()
	seen := map[string]bool{}
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"code", "name", "pinyin"})
	for _, r := range recs[1:] {
		if r[0] != "4" {
			continue
		}
		names := append([]string{r[2]}, strings.Split(r[3], ",")...)
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" || seen[r[1]+n] || !allHan(n) {
				continue
			}
			seen[r[1]+n] = true
			if p := pinyin.LazyPinyin(n, a); len(p) == len([]rune(n)) {
				w.Write([]string{r[1], n, strings.Join(p, " ")})
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fail(err)
	}
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
