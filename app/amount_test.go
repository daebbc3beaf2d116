package app_test

import (
	"math"
	"testing"

	"roadshow/app"
)

func TestAddAmount(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{
		{0, 0, 0},
		{app.MaxAmountCNY, app.MaxAmountCNY, 2 * app.MaxAmountCNY},
		{9e18, 9e18, math.MaxInt64},
		{math.MaxInt64, 1, math.MaxInt64},
		{5, 0, 5},
	} {
		if got := app.AddAmount(c.a, c.b); got != c.want {
			t.Errorf("AddAmount(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
