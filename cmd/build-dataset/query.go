package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parleydata/parley/duckdb"
)

// queryCommand runs SQL over a built dataset.
func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run SQL over a built dataset",
		UsageText: "build-dataset query [--out DIR] [--format table|csv|json] SQL",
		Description: "Opens the dataset in an in-memory DuckDB where every table (meetings, participants, dyads,\n" +
			"actors, mentions, articles, rejects, redirects) is a view over its Parquet file, runs SQL and\n" +
			"prints the result. Dates print as YYYY-MM-DD, lists as JSON arrays; csv and json print values\n" +
			"as they are, without the dataset CSV's apostrophe before formula-like text.\n\n" +
			"Example:\n" +
			"   build-dataset query \"select date, place from meetings order by date\"\n" +
			"   build-dataset query \"select year, country_a, country_b, count(*) meetings from dyads group by all order by all\"\n" +
			"   build-dataset query --format csv \"select p.name, count(*) n from participants p group by 1 order by n desc\"",
		Flags: []cli.Flag{
			outFlag,
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(duckdb.Formats, ", ")},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return errors.New("query: give one SQL statement (quote it)")
			}
			format := c.String("format")
			if !slices.Contains(duckdb.Formats, format) {
				return errors.New("query: --format is one of " + strings.Join(duckdb.Formats, ", "))
			}
			dir := c.String("out")
			db, err := duckdb.Open(dir)
			if err != nil {
				return err
			}
			defer db.Close()
			if len(db.Tables()) == 0 {
				return fmt.Errorf("query: no tables in %s (run build-dataset build first)", filepath.Join(dir, "parquet"))
			}
			res, err := db.Query(c.Context, c.Args().First())
			if err != nil {
				return err
			}
			return res.Write(c.App.Writer, format)
		},
	}
}
