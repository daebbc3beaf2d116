package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"roadshow/app/store/storetest"
)

// TestSchemaParity migrates a fresh SQLite and a fresh MySQL/MariaDB
// database and compares what the two migration series produce: the
// tables, each column's name, nullability and type class, the primary
// keys, the foreign keys (columns, target, ON DELETE) and the indexes
// (unique or not, columns in order). Index names may differ (SQLite names
// the indexes of UNIQUE constraints itself), and the index InnoDB adds for
// a foreign key that has none is left out: SQLite has no such index.
func TestSchemaParity(t *testing.T) {
	ctx := context.Background()
	my := storetest.OpenEmpty(t, "mysql") // skips without EnvMySQL
	lite := storetest.OpenEmpty(t, "sqlite")
	if _, err := lite.Migrate(ctx); err != nil {
		t.Fatalf("migrate sqlite: %v", err)
	}
	if _, err := my.Migrate(ctx); err != nil {
		t.Fatalf("migrate mysql: %v", err)
	}
	a, err := sqliteSchema(ctx, lite.DB())
	if err != nil {
		t.Fatal(err)
	}
	b, err := mysqlSchema(ctx, my.DB())
	if err != nil {
		t.Fatal(err)
	}
	if len(a) == 0 {
		t.Fatal("read no schema from SQLite")
	}
	onlyLite, onlyMy := setDiff(a, b), setDiff(b, a)
	if len(onlyLite)+len(onlyMy) > 0 {
		t.Errorf("the SQLite and MySQL migrations differ:\n  only in sqlite:\n    %s\n  only in mysql:\n    %s",
			strings.Join(onlyLite, "\n    "), strings.Join(onlyMy, "\n    "))
	}
}

// setDiff returns the lines of a that b lacks, sorted.
func setDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// typeClass folds a declared column type into integer, bool, number, text,
// time, date or blob.
func typeClass(decl string) string {
	d := strings.ToLower(strings.TrimSpace(decl))
	switch {
	case d == "tinyint(1)" || strings.HasPrefix(d, "bool"):
		return "bool"
	case strings.Contains(d, "int"):
		return "integer"
	case strings.Contains(d, "char") || strings.Contains(d, "text") || strings.Contains(d, "clob") ||
		strings.HasPrefix(d, "json") || strings.HasPrefix(d, "enum"):
		return "text"
	case strings.HasPrefix(d, "datetime") || strings.HasPrefix(d, "timestamp"):
		return "time"
	case d == "date":
		return "date"
	case strings.Contains(d, "blob") || strings.Contains(d, "binary"):
		return "blob"
	case strings.HasPrefix(d, "real") || strings.HasPrefix(d, "double") || strings.HasPrefix(d, "float") ||
		strings.HasPrefix(d, "decimal") || strings.HasPrefix(d, "numeric"):
		return "number"
	}
	return "unknown " + d
}

func columnLine(table, name, decl string, notNull bool) string {
	null := "null"
	if notNull {
		null = "not null"
	}
	return fmt.Sprintf("%s.%s %s %s", table, name, typeClass(decl), null)
}

func indexLine(table string, unique bool, cols []string) string {
	kind := "index"
	if unique {
		kind = "unique index"
	}
	return fmt.Sprintf("%s %s (%s)", table, kind, strings.Join(cols, ", "))
}

// queryStrings runs a query whose rows are one string each.
func queryStrings(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sqliteSchema describes a SQLite database's tables, columns, primary keys
// and indexes, one line each.
func sqliteSchema(ctx context.Context, db *sql.DB) ([]string, error) {
	tables, err := queryStrings(ctx, db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tbl := range tables {
		out = append(out, "table "+tbl)
		cols, err := sqliteColumns(ctx, db, tbl)
		if err != nil {
			return nil, err
		}
		out = append(out, cols...)
		idx, err := sqliteIndexes(ctx, db, tbl)
		if err != nil {
			return nil, err
		}
		out = append(out, idx...)
		fks, err := sqliteForeignKeys(ctx, db, tbl)
		if err != nil {
			return nil, err
		}
		out = append(out, fks...)
	}
	return out, nil
}

// foreignKey is one foreign key constraint.
type foreignKey struct {
	table, target    string
	cols, targetCols []string
	onDelete         string
}

func (f *foreignKey) line() string {
	rule := strings.ToLower(f.onDelete)
	if rule == "no action" {
		rule = "restrict" // what both engines do when none is given
	}
	return fmt.Sprintf("%s foreign key (%s) references %s (%s) on delete %s",
		f.table, strings.Join(f.cols, ", "), f.target, strings.Join(f.targetCols, ", "), rule)
}

func sqliteForeignKeys(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, "table", "from", COALESCE("to", 'id'), on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	if err != nil {
		return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
	}
	defer rows.Close()
	byID := map[int]*foreignKey{}
	var ids []int
	for rows.Next() {
		var id int
		var target, from, to, onDelete string
		if err := rows.Scan(&id, &target, &from, &to, &onDelete); err != nil {
			return nil, err
		}
		f := byID[id]
		if f == nil {
			f = &foreignKey{table: table, target: target, onDelete: onDelete}
			byID[id] = f
			ids = append(ids, id)
		}
		f.cols, f.targetCols = append(f.cols, from), append(f.targetCols, to)
	}
	var out []string
	for _, id := range ids {
		out = append(out, byID[id].line())
	}
	return out, rows.Err()
}

func sqliteColumns(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, table)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out, pk []string
	for rows.Next() {
		var name, decl string
		var notNull bool
		var pkPos, hidden int
		if err := rows.Scan(&name, &decl, &notNull, &pkPos, &hidden); err != nil {
			return nil, err
		}
		if hidden == 1 {
			continue // a virtual table's hidden column
		}
		out = append(out, columnLine(table, name, decl, notNull || pkPos > 0))
		if pkPos > 0 {
			pk = append(pk, fmt.Sprintf("%d:%s", pkPos, name))
		}
	}
	slices.Sort(pk)
	for i := range pk {
		_, pk[i], _ = strings.Cut(pk[i], ":")
	}
	if len(pk) > 0 {
		out = append(out, fmt.Sprintf("%s primary key (%s)", table, strings.Join(pk, ", ")))
	}
	return out, rows.Err()
}

func sqliteIndexes(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, "unique", origin FROM pragma_index_list(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("indexes of %s: %w", table, err)
	}
	type index struct {
		name   string
		unique bool
	}
	var list []index
	for rows.Next() {
		var ix index
		var origin string
		if err := rows.Scan(&ix.name, &ix.unique, &origin); err != nil {
			rows.Close()
			return nil, err
		}
		if origin == "pk" {
			continue // the primary key, listed with the columns
		}
		list = append(list, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, ix := range list {
		cols, err := queryStrings(ctx, db, "SELECT COALESCE(name, '(expression)') FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", ix.name)
		if err != nil {
			return nil, err
		}
		out = append(out, indexLine(table, ix.unique, cols))
	}
	return out, nil
}

// mysqlSchema describes the current MySQL database like sqliteSchema.
func mysqlSchema(ctx context.Context, db *sql.DB) ([]string, error) {
	tables, err := queryStrings(ctx, db,
		"SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tbl := range tables {
		out = append(out, "table "+tbl)
	}
	cols, err := mysqlColumns(ctx, db)
	if err != nil {
		return nil, err
	}
	fks, err := mysqlForeignKeys(ctx, db)
	if err != nil {
		return nil, err
	}
	implicit := map[string]bool{} // table.constraint
	for _, f := range fks {
		implicit[f.table+"."+f.name] = true
		out = append(out, f.line())
	}
	idx, err := mysqlIndexes(ctx, db, implicit)
	if err != nil {
		return nil, err
	}
	return append(append(out, cols...), idx...), nil
}

// namedForeignKey is a MySQL foreign key and its constraint's name.
type namedForeignKey struct {
	foreignKey
	name string
}

func mysqlForeignKeys(ctx context.Context, db *sql.DB) ([]*namedForeignKey, error) {
	rows, err := db.QueryContext(ctx, `SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name,
			k.referenced_column_name, r.delete_rule
		FROM information_schema.key_column_usage k
		JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema
			AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
		WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL
		ORDER BY k.table_name, k.constraint_name, k.ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("mysql foreign keys: %w", err)
	}
	defer rows.Close()
	var out []*namedForeignKey
	for rows.Next() {
		var table, name, col, target, targetCol, onDelete string
		if err := rows.Scan(&table, &name, &col, &target, &targetCol, &onDelete); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].table != table || out[n-1].name != name {
			out = append(out, &namedForeignKey{foreignKey: foreignKey{table: table, target: target, onDelete: onDelete}, name: name})
		}
		f := out[len(out)-1]
		f.cols, f.targetCols = append(f.cols, col), append(f.targetCols, targetCol)
	}
	return out, rows.Err()
}

func mysqlColumns(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name, column_type, is_nullable
		FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("mysql columns: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, name, decl, nullable string
		if err := rows.Scan(&table, &name, &decl, &nullable); err != nil {
			return nil, err
		}
		out = append(out, columnLine(table, name, decl, nullable == "NO"))
	}
	return out, rows.Err()
}

// mysqlIndexes lists the indexes but those named in implicit
// (table.index): the ones InnoDB made for a foreign key.
func mysqlIndexes(ctx context.Context, db *sql.DB, implicit map[string]bool) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, index_name, non_unique, COALESCE(column_name, '(expression)')
		FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index`)
	if err != nil {
		return nil, fmt.Errorf("mysql indexes: %w", err)
	}
	defer rows.Close()
	type key struct{ table, index string }
	var order []key
	cols := map[key][]string{}
	unique := map[key]bool{}
	for rows.Next() {
		var k key
		var nonUnique int
		var col string
		if err := rows.Scan(&k.table, &k.index, &nonUnique, &col); err != nil {
			return nil, err
		}
		if _, ok := cols[k]; !ok {
			order = append(order, k)
		}
		cols[k] = append(cols[k], col)
		unique[k] = nonUnique == 0
	}
	var out []string
	for _, k := range order {
		if k.index == "PRIMARY" {
			out = append(out, fmt.Sprintf("%s primary key (%s)", k.table, strings.Join(cols[k], ", ")))
			continue
		}
		if implicit[k.table+"."+k.index] {
			continue
		}
		out = append(out, indexLine(k.table, unique[k], cols[k]))
	}
	return out, rows.Err()
}
