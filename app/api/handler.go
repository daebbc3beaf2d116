package api

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// getByID serves GET …/:id with a finder.
func getByID[T any](find func(context.Context, int64) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		v, err := find(c.UserContext(), id)
		if err != nil {
			return err
		}
		return c.JSON(v)
	}
}

// patchByID serves PATCH …/:id: a bearer token, a JSON update, the updated
// resource back.
func patchByID[U any, T any](s *Server, update func(context.Context, int64, U) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		if err := app.RequireAuth(principal(c)); err != nil {
			return err
		}
		var u U
		if err := s.decode(c, &u); err != nil {
			return err
		}
		v, err := update(c.UserContext(), id, u)
		if err != nil {
			return err
		}
		return c.JSON(v)
	}
}

// postByID serves POST …/:id/action: no body, the changed resource back.
func postByID[T any](act func(context.Context, int64) (T, error)) fiber.Handler {
	return getByID(act)
}

// deleteByID serves DELETE …/:id with 204.
func deleteByID(del func(context.Context, int64) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := paramID(c, "id")
		if err != nil {
			return err
		}
		if err := del(c.UserContext(), id); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}

// create serves POST of a new resource: a bearer token (unless anonymous
// is allowed), a JSON body, 201 with the created resource.
func create[T any](s *Server, anonymous bool, prepare func(c *fiber.Ctx, v *T) error, save func(context.Context, *T) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !anonymous {
			if err := app.RequireAuth(principal(c)); err != nil {
				return err
			}
		}
		v := new(T)
		if err := s.decode(c, v); err != nil {
			return err
		}
		if prepare != nil {
			if err := prepare(c, v); err != nil {
				return err
			}
		}
		if err := save(c.UserContext(), v); err != nil {
			return err
		}
		return c.Status(fiber.StatusCreated).JSON(v)
	}
}

// listOf serves a list with a filter parsed from the query.
func listOf[F any, T any](parse func(c *fiber.Ctx) (F, error), find func(context.Context, F) (app.List[T], error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, err := parse(c)
		if err != nil {
			return err
		}
		list, err := find(c.UserContext(), f)
		if err != nil {
			return err
		}
		return c.JSON(list)
	}
}
