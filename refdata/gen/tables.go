package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
)

// readTSV reads a tab-separated file with a header row into maps keyed by
// column name, checking that the header holds the wanted columns.
func readTSV(path string, want ...string) ([]map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	for _, w := range want {
		if !slices.Contains(header, w) {
			return nil, fmt.Errorf("%s: no column %q in header %q", path, w, header)
		}
	}
	rows := make([]map[string]string, 0, len(lines)-1)
	for i, line := range lines[1:] {
		fields := strings.Split(line, "\t")
		if len(fields) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, i+2, len(fields), len(header))
		}
		row := make(map[string]string, len(header))
		for k, h := range header {
			row[h] = strings.TrimSpace(fields[k])
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// writeTSV writes a header and rows, tab-separated, refusing a tab or a
// newline inside a field.
func writeTSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, row := range append([][]string{header}, rows...) {
		for _, field := range row {
			if strings.ContainsAny(field, "\t\n") {
				f.Close()
				return fmt.Errorf("field %q holds a tab or newline", field)
			}
		}
		fmt.Fprintln(w, strings.Join(row, "\t"))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func splitList(cell string) []string {
	if cell == "" {
		return nil
	}
	return strings.Split(cell, "|")
}
