package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// nameCache looks up the names of enterprises and investors (public, through
// ReportService.PartyNames) and products as the caller may see them, once
// per id and request; a party that cannot be found is shown by its id.
type nameCache struct {
	w           *Console
	c           *fiber.Ctx
	enterprises map[int64]string
	investors   map[int64]string
	products    map[int64]*app.Product
}

func (w *Console) names(c *fiber.Ctx) *nameCache {
	return &nameCache{w: w, c: c, enterprises: map[int64]string{}, investors: map[int64]string{},
		products: map[int64]*app.Product{}}
}

func (n *nameCache) enterprise(id int64) string {
	if s, ok := n.enterprises[id]; ok {
		return s
	}
	s := "#" + strconv.FormatInt(id, 10)
	if pn, err := n.w.svc.Reports.PartyNames(ctx(n.c), []int64{id}, nil); err == nil && pn.Enterprises[id] != "" {
		s = pn.Enterprises[id]
	}
	n.enterprises[id] = s
	return s
}

func (n *nameCache) investor(id int64) string {
	if s, ok := n.investors[id]; ok {
		return s
	}
	s := "#" + strconv.FormatInt(id, 10)
	if pn, err := n.w.svc.Reports.PartyNames(ctx(n.c), nil, []int64{id}); err == nil && pn.Investors[id] != "" {
		s = pn.Investors[id]
	}
	n.investors[id] = s
	return s
}

func (n *nameCache) product(id int64) *app.Product {
	if p, ok := n.products[id]; ok {
		return p
	}
	p, err := n.w.svc.Products.FindProductByID(ctx(n.c), id)
	if err != nil {
		p = &app.Product{ID: id, Name: "#" + strconv.FormatInt(id, 10)}
	}
	n.products[id] = p
	return p
}
