package write

// CreateParquet and CreateCSV open a writer of one file of a table, so that
// benchmarks can measure each format alone.
func CreateParquet(dir, table string, opts Options) (*TableWriter, error) {
	return create(dir, table, opts, parquetFormat)
}

func CreateCSV(dir, table string, opts Options) (*TableWriter, error) {
	return create(dir, table, opts, csvFormat)
}
