// Package sheet writes tables to .xlsx for every "export to Excel" button,
// so modules share one way to export and the files open in WPS and Excel.
package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/bidi"
)

// Write streams one sheet with a bold header row and the given rows to w.
// Bidirectional control characters are stripped from every text cell (see
// package bidi): the fields refuse them, and an export must not show a
// name reordered even if one got in before.
func Write(w io.Writer, title string, header []string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	name := "Sheet1"
	if title != "" {
		if err := f.SetSheetName(name, cutTitle(title)); err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
		name = cutTitle(title)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet.Write: %w", err)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = excelize.Cell{StyleID: bold, Value: bidi.Strip(h)}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("sheet.Write: %w", err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, stripRow(r)); err != nil {
			return fmt.Errorf("sheet.Write: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet.Write: %w", err)
	}
	_, err = f.WriteTo(w)
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
