package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parleydata/parley/schemas"
)

// TestDataPackageMatchesSchemas reads datapackage.json back: one Parquet
// and one CSV resource per table, each with the size and SHA-256 of its
// file and a Table Schema that says what schemas/ says.
func TestDataPackageMatchesSchemas(t *testing.T) {
	t.Parallel()
	_, dest := sampleRelease(t)
	b, err := os.ReadFile(filepath.Join(dest, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg DataPackage
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Version != "2025.01.31" || pkg.SchemaVersion != schemas.Version || pkg.Created != "2025-01-31T00:00:00Z" {
		t.Errorf("version %q, schema version %q, created %q", pkg.Version, pkg.SchemaVersion, pkg.Created)
	}
	if len(pkg.Licenses) != 1 || pkg.Licenses[0].Name != "CC-BY-4.0" {
		t.Errorf("licenses %+v, want CC-BY-4.0", pkg.Licenses)
	}
	if len(pkg.Sources) == 0 || pkg.Sources[0].Path != "corpus/sample" {
		t.Errorf("sources %+v, want the input first", pkg.Sources)
	}
	names := map[string]bool{}
	for _, r := range pkg.Resources {
		names[r.Name] = true
	}
	if len(pkg.Resources) != 2*len(schemas.Tables) {
		t.Fatalf("%d resources, want %d", len(pkg.Resources), 2*len(schemas.Tables))
	}
	for _, r := range pkg.Resources {
		t.Run(r.Name, func(t *testing.T) {
			size, sum, err := fileDigest(filepath.Join(dest, filepath.FromSlash(r.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Bytes != size || r.Hash != "sha256:"+sum {
				t.Errorf("bytes %d hash %s, the file has %d sha256:%s", r.Bytes, r.Hash, size, sum)
			}
			table, suffix := r.Name, ""
			if r.Format == "csv" {
				table, suffix = r.Name[:len(r.Name)-len("-csv")], "-csv"
			}
			st := schemas.MustLookup(table)
			if r.Path != map[string]string{"parquet": "parquet/" + table + ".parquet", "csv": "csv/" + table + ".csv"}[r.Format] {
				t.Errorf("path %s for format %s", r.Path, r.Format)
			}
			if len(r.Schema.Fields) != len(st.Columns) {
				t.Fatalf("%d fields, %d columns", len(r.Schema.Fields), len(st.Columns))
			}
			for i, c := range st.Columns {
				f := r.Schema.Fields[i]
				want := map[schemas.ColumnType]string{schemas.String: "string", schemas.Date: "date", schemas.Integer: "integer",
					schemas.Number: "number", schemas.Boolean: "boolean", schemas.List: "array"}[c.Type]
				if f.Name != c.Name || f.Type != want || f.Description != c.Description {
					t.Errorf("field %d: %s %s %q, want %s %s %q", i, f.Name, f.Type, f.Description, c.Name, want, c.Description)
				}
				required := f.Constraints != nil && f.Constraints.Required
				if required == c.Nullable {
					t.Errorf("%s: required %v, nullable %v", c.Name, required, c.Nullable)
				}
				var enum []string
				if f.Constraints != nil {
					enum = f.Constraints.Enum
					if f.Constraints.Pattern != c.Pattern {
						t.Errorf("%s: pattern %q, want %q", c.Name, f.Constraints.Pattern, c.Pattern)
					}
				}
				if !slices.Equal(enum, c.Enum) {
					t.Errorf("%s: enum %v, want %v", c.Name, enum, c.Enum)
				}
			}
			key := r.Schema.PrimaryKey
			if key == nil && len(r.Schema.UniqueKeys) == 1 {
				key = r.Schema.UniqueKeys[0]
			}
			if !slices.Equal(key, st.PrimaryKey) {
				t.Errorf("key %v (primary %v, unique %v), want %v", key, r.Schema.PrimaryKey, r.Schema.UniqueKeys, st.PrimaryKey)
			}
			if len(r.Schema.ForeignKeys) != len(st.ForeignKeys) {
				t.Fatalf("%d foreign keys, want %d", len(r.Schema.ForeignKeys), len(st.ForeignKeys))
			}
			for i, fk := range st.ForeignKeys {
				got := r.Schema.ForeignKeys[i]
				if !slices.Equal(got.Fields, fk.Fields) || got.Reference.Resource != fk.Table+suffix || !slices.Equal(got.Reference.Fields, fk.RefFields) {
					t.Errorf("foreign key %+v, want %v → %s%s.%v", got, fk.Fields, fk.Table, suffix, fk.RefFields)
				}
				if !names[got.Reference.Resource] {
					t.Errorf("foreign key refers to %s, which is no resource", got.Reference.Resource)
				}
			}
		})
	}
	// Minimums come from the JSON Schema unchanged.
	meetings := pkg.Resources[slices.IndexFunc(pkg.Resources, func(r Resource) bool { return r.Name == "meetings" })]
	for _, f := range meetings.Schema.Fields {
		if f.Name == "participant_count" && string(f.Constraints.Minimum) != "2" {
			t.Errorf("participant_count minimum %s, want 2", f.Constraints.Minimum)
		}
		if f.Name == "latitude" && (string(f.Constraints.Minimum) != "-90" || string(f.Constraints.Maximum) != "90") {
			t.Errorf("latitude range %s..%s, want -90..90", f.Constraints.Minimum, f.Constraints.Maximum)
		}
	}
}
