package store

import (
	"database/sql/driver"
	"fmt"

	sqlite "github.com/glebarez/go-sqlite"
)

// init gives SQLite connections the SQL functions MySQL has built in and
// the migrations use: roadshow_sha256(text), MySQL's SHA2(text, 256) — the
// lower-case hex SHA-256 of the text, as HashSecret computes it.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("roadshow_sha256", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case nil:
				return nil, nil
			case string:
				return HashSecret(v), nil
			case []byte:
				return HashSecret(string(v)), nil
			default:
				return nil, fmt.Errorf("roadshow_sha256: want text, got %T", v)
			}
		})
}
