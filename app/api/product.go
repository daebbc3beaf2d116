package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

func (s *Server) registerProductRoutes() {
	ps := s.svc.Products
	s.add(route{Method: "GET", Path: v1 + "/products", Summary: "List financing products", Tag: "products",
		Resp: app.List[*app.Product]{}, Query: []string{"investor_id", "instrument", "sector", "stage", "q", "limit", "cursor"}},
		listOf(s.parseProductFilter, ps.FindProducts))
	s.add(route{Method: "POST", Path: v1 + "/products", Summary: "Add a financing product (admin, or the investor itself)",
		Tag: "products", Body: app.Product{}, Resp: app.Product{}, Status: fiber.StatusCreated},
		create(s, false, func(_ *fiber.Ctx, p *app.Product) error { p.ID = 0; return nil }, ps.CreateProduct))
	s.add(route{Method: "GET", Path: v1 + "/products/:id", Summary: "Get a product", Tag: "products", Resp: app.Product{}},
		getByID(ps.FindProductByID))
	s.add(route{Method: "PATCH", Path: v1 + "/products/:id", Summary: "Update a product", Tag: "products",
		Body: app.ProductUpdate{}, Resp: app.Product{}}, patchByID(s, ps.UpdateProduct))
	s.add(route{Method: "DELETE", Path: v1 + "/products/:id", Summary: "Delete a product", Tag: "products",
		Status: fiber.StatusNoContent}, deleteByID(ps.DeleteProduct))
}

func (s *Server) parseProductFilter(c *fiber.Ctx) (f app.ProductFilter, err error) {
	f = app.ProductFilter{Sector: queryText(c, "sector"), Q: queryText(c, "q")}
	v := s.svc.Vocabulary
	if f.Instrument, err = queryEnum(c, "instrument", app.Codes(v.Instruments)); err != nil {
		return f, err
	}
	if f.Stage, err = queryEnum(c, "stage", app.Codes(v.Stages)); err != nil {
		return f, err
	}
	if err = queryInts(c, map[string]*int64{"investor_id": &f.InvestorID}); err != nil {
		return f, err
	}
	f.Page, err = queryPage(c)
	return f, err
}
