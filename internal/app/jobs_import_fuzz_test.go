package app

import (
	"testing"

	"github.com/jiuye/jiuye/internal/apperr"
)

// FuzzReadTable feeds arbitrary bytes to the import's file reader as .csv
// and .xlsx: it must return rows or an Invalid error with a message, never
// panic, and never return more rows than asked.
func FuzzReadTable(f *testing.F) {
	f.Add("a.csv", []byte("岗位名称,职业代码,最低月薪\n电焊工,6-18-02-04,6000\n"))
	f.Add("a.csv", []byte("\xef\xbb\xbf岗位名称,最低月薪\n\"叉车,司机\",5000\n"))
	f.Add("a.csv", []byte("\xb8\xda\xce\xbb\xc3\xfb\xb3\xc6,x\n1,2\n")) // GBK
	f.Add("a.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"))
	f.Add("a.csv", []byte("\"unterminated\n"))
	f.Fuzz(func(t *testing.T, name string, raw []byte) {
		rows, err := readTable(name, raw, 50)
		if err != nil {
			if e := apperr.As(err); e.Code != apperr.Invalid || e.Message == "" {
				t.Fatalf("error %v is not a clear Invalid", err)
			}
			return
		}
		if len(rows) > 51 { // header + 50
			t.Fatalf("%d rows with a limit of 50", len(rows))
		}
	})
}
