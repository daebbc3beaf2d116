package api

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// openAPI builds the OpenAPI 3.0 document from the registered routes; the
// schemas come from the Go request and response types by reflection.
type openAPI struct {
	schemas map[string]any
}

func (s *Server) handleOpenAPI(c *fiber.Ctx) error { return c.JSON(s.OpenAPI()) }

// OpenAPI returns the document describing every registered route.
func (s *Server) OpenAPI() map[string]any {
	g := &openAPI{schemas: map[string]any{"Error": g0ErrorSchema()}}
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		p := openAPIPath(rt.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(rt.Method)] = g.operation(rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "roadshow API", "version": "1",
			"description": "Torch Empowers (火炬赋能) financing roadshows and bank–enterprise matchmaking."},
		"paths": paths,
		"components": map[string]any{
			"schemas":         g.schemas,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

func g0ErrorSchema() map[string]any {
	codes := ErrorCodes()
	names := slices.Sorted(maps.Keys(codes))
	desc := make([]string, len(names))
	for i, c := range names {
		desc[i] = c + " " + strconv.Itoa(codes[c])
	}
	return map[string]any{"type": "object", "required": []string{"error"}, "properties": map[string]any{"error": map[string]any{
		"type": "object", "required": []string{"code", "message", "fields"}, "properties": map[string]any{
			"code": map[string]any{"type": "string", "enum": names,
				"description": "the error code and its HTTP status: " + strings.Join(desc, ", ")},
			"message": map[string]any{"type": "string"},
			"fields": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
				"description": "one message per offending field; {} when none is named"},
		}}}}
}

func (g *openAPI) operation(rt route) map[string]any {
	op := map[string]any{"summary": rt.Summary, "tags": []string{rt.Tag},
		"operationId": strings.ToLower(rt.Method) + strings.NewReplacer("/", "_", ":", "", ".", "_").Replace(rt.Path)}
	var params []any
	for _, name := range pathParams(rt.Path) {
		params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	for _, name := range rt.Query {
		schema := map[string]any{"type": "string"}
		if enum, ok := rt.Enums[name]; ok {
			schema["enum"] = enum
		}
		params = append(params, map[string]any{"name": name, "in": "query", "schema": schema})
	}
	if params != nil {
		op["parameters"] = params
	}
	switch rt.Auth {
	case authBearer:
		op["security"] = []any{map[string]any{"bearer": []string{}}}
	case authOptional:
		op["security"] = []any{map[string]any{}, map[string]any{"bearer": []string{}}}
	}
	if rt.Body != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Body))}}}
	}
	if len(rt.RawBody) > 0 {
		content := map[string]any{}
		for _, ct := range rt.RawBody {
			content[ct] = map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
		}
		op["requestBody"] = map[string]any{"required": true, "content": content}
	}
	op["responses"] = g.responses(rt)
	return op
}

func (g *openAPI) responses(rt route) map[string]any {
	ok := map[string]any{"description": "success"}
	switch {
	case rt.Raw != "":
		ok["content"] = map[string]any{rt.Raw: map[string]any{"schema": map[string]any{"type": "string"}}}
	case rt.Resp != nil:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.Resp))}}
	}
	errRef := map[string]any{"description": "error", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	return map[string]any{strconv.Itoa(rt.Status): ok, "default": errRef}
}

var timeType = reflect.TypeOf(time.Time{})

// schema returns the JSON schema of t, registering named structs as
// components.
func (g *openAPI) schema(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.Struct:
		return g.structRef(t)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return map[string]any{"type": "string", "format": "byte"}
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case t.Kind() == reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case t.Kind() == reflect.Bool:
		return map[string]any{"type": "boolean"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return map[string]any{"type": "integer"}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return map[string]any{"type": "number"}
	case t.Kind() == reflect.String:
		return map[string]any{"type": "string"}
	}
	return map[string]any{}
}

func (g *openAPI) structRef(t reflect.Type) map[string]any {
	name := schemaName(t)
	if name == "" {
		return g.structSchema(t)
	}
	if _, ok := g.schemas[name]; !ok {
		g.schemas[name] = map[string]any{} // placeholder against recursion
		g.schemas[name] = g.structSchema(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func schemaName(t reflect.Type) string {
	if t.Name() == "" {
		return ""
	}
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 { // generic: List[*app.Event] → EventList
		arg := name[i+1 : len(name)-1]
		arg = arg[strings.LastIndexAny(arg, ".*")+1:]
		return arg + name[:i]
	}
	if pkg == "app" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func (g *openAPI) structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if sub, ok := g.structSchema(ft)["properties"].(map[string]any); ok {
				for k, v := range sub {
					props[k] = v
				}
			}
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		props[tag] = g.schema(f.Type)
	}
	return map[string]any{"type": "object", "properties": props}
}
