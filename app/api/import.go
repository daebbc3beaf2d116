package api

import (
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// importFailure is the 422 body of an import with rejected rows: the
// contract's error envelope beside the report.
type importFailure struct {
	Error errorDetail `json:"error"`
	*app.ImportReport
}

func (s *Server) registerImportRoutes() {
	s.add(route{Method: "POST", Path: v1 + "/imports/:kind",
		Summary: "Import enterprises, investors or products from .xlsx or .csv (the file as the body, or a multipart field \"file\"); " +
			"422 with the report when rows are rejected and nothing was written",
		Tag: "imports", Resp: app.ImportReport{}, Query: []string{"dry_run", "keep_valid"},
		RawBody: []string{mimeXLSX, "text/csv", "multipart/form-data"}}, s.handleImport)
	s.AcceptUploads(v1+"/imports/:kind", func(c *fiber.Ctx) bool { return principal(c) != nil })
}

func (s *Server) handleImport(c *fiber.Ctx) error {
	kind := strings.Clone(c.Params("kind"))
	dryRun, err := queryBool(c, "dry_run")
	if err != nil {
		return err
	}
	keepValid, err := queryBool(c, "keep_valid")
	if err != nil {
		return err
	}
	data, err := uploaded(c)
	if err != nil {
		return err
	}
	rep, err := s.svc.Imports.Import(c.UserContext(), kind, data, app.ImportOptions{DryRun: dryRun, KeepValid: keepValid})
	if err != nil {
		return err
	}
	if rep.Rejected() && (!keepValid || rep.Truncated) {
		msg := fmt.Sprintf("%d problem(s) in the file; nothing was written (fix them, or send keep_valid=true to write the valid rows)",
			len(rep.Errors))
		return c.Status(fiber.StatusUnprocessableEntity).JSON(importFailure{
			Error: newErrorDetail(app.EINVALID, msg, nil), ImportReport: rep})
	}
	return c.JSON(rep)
}

// uploaded returns the file: the body itself, or the "file" field of a
// multipart form. The body is not copied (it may be the size of the body
// limit): the import reads it within the handler and keeps nothing of it.
// A Content-Encoding is refused: decoding has no bound (a small gzip body
// inflates to gigabytes), and a spreadsheet gains nothing from it.
func uploaded(c *fiber.Ctx) ([]byte, error) {
	if enc := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); enc != "" && !strings.EqualFold(enc, "identity") {
		return nil, app.Errorf(app.EBADREQUEST, "send the spreadsheet without a Content-Encoding (got %q); .xlsx is compressed already", enc)
	}
	if !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEMultipartForm) {
		return c.Request().Body(), nil
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, app.FieldError("file", "send the spreadsheet in a multipart field named file")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("api: open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("api: read upload: %w", err)
	}
	return data, nil
}

// queryBool reads an optional true/false query parameter.
func queryBool(c *fiber.Ctx, name string) (bool, error) {
	switch strings.ToLower(c.Query(name)) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, app.FieldError(name, "must be true or false")
}
