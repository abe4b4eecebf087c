package schemas

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// DescriptionKey is the Arrow field metadata key that carries a column's
// description, so that it travels into the Parquet files.
const DescriptionKey = "description"

// ArrowSchema returns the Arrow schema of the table: one field per column, in
// column order, with the column's nullability and its description in the field
// metadata under DescriptionKey.
func (t *Table) ArrowSchema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{
			Name:     c.Name,
			Type:     c.Type.ArrowType(),
			Nullable: c.Nullable,
			Metadata: arrow.NewMetadata([]string{DescriptionKey}, []string{c.Description}),
		}
	}
	return arrow.NewSchema(fields, nil)
}

// ArrowType returns the Arrow type that stores values of type ct. Lists hold
// strings and never null elements.
func (ct ColumnType) ArrowType() arrow.DataType {
	switch ct {
	case String:
		return arrow.BinaryTypes.String
	case Date:
		return arrow.FixedWidthTypes.Date32
	case Integer:
		return arrow.PrimitiveTypes.Int64
	case Number:
		return arrow.PrimitiveTypes.Float64
	case Boolean:
		return arrow.FixedWidthTypes.Boolean
	case List:
		return arrow.ListOfNonNullable(arrow.BinaryTypes.String)
	}
	// parse accepts only the types above, so this is a programming error.
	panic(fmt.Sprintf("schemas: no Arrow type for column type %q", ct))
}
