// Package sheet writes tables to .xlsx for every "export to Excel" button,
// so modules share one way to export and the files open in WPS and Excel.
package sheet

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/bidi"
)

// Write streams one sheet with a bold header row and the given rows to w.
// Bidirectional control characters are stripped from every text cell (see
// package bidi): the fields refuse them, and an export must not show a
// name reordered even if one got in before.
func Write(w io.Writer, title string, header []string, rows [][]any) error {
	return WriteTabs(w, Tab{Title: title, Header: header, Rows: rows})
}

// Tab is one sheet of a workbook: its name, header and rows.
type Tab struct {
	Title  string
	Header []string
	Rows   [][]any
}

// WriteTabs streams a workbook of one sheet per tab, in order, each as
// Write makes it.
func WriteTabs(w io.Writer, tabs ...Tab) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for i, t := range tabs {
		name := "Sheet" + strconv.Itoa(i+1)
		if t.Title != "" {
			name = cutTitle(t.Title)
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("sheet.Write: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
		head := make([]any, len(t.Header))
		for i, h := range t.Header {
			head[i] = excelize.Cell{StyleID: bold, Value: bidi.Strip(h)}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
		for i, r := range t.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, stripRow(r)); err != nil {
				return fmt.Errorf("sheet.Write: %w", err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// stripRow returns r with bidirectional controls taken out of its text
// cells; r itself is left as it is.
func stripRow(r []any) []any {
	var out []any
	for i, v := range r {
		if s, ok := v.(string); ok && bidi.Contains(s) {
			if out == nil {
				out = append([]any(nil), r...)
			}
			out[i] = bidi.Strip(s)
		}
	}
	if out == nil {
		return r
	}
	return out
}

// cutTitle keeps a sheet name within Excel's 31-character limit and without
// the characters Excel forbids.
func cutTitle(s string) string {
	out := []rune{}
	for _, r := range bidi.Strip(s) {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		out = append(out, r)
		if len(out) == 31 {
			break
		}
	}
	return string(out)
}

// ContentType is the MIME type of the files Write produces.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
