package web

import (
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// handleStatic serves the embedded stylesheet, script and icon.
func (w *Console) handleStatic(c *fiber.Ctx) error {
	name := path.Clean("/" + c.Params("*"))
	if strings.Contains(name, "..") {
		return fiber.ErrNotFound
	}
	b, err := staticFS.ReadFile("static" + name)
	if err != nil {
		return fiber.ErrNotFound
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Set(fiber.HeaderContentType, ct)
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(b)
}
