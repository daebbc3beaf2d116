package api

import (
	"github.com/gofiber/fiber/v2"

	"roadshow/app"
)

// vocabularyResponse lists the controlled vocabularies with display names.
type vocabularyResponse struct {
	Sectors       []app.Term `json:"sectors"`
	Subsectors    []app.Term `json:"subsectors"`
	Stages        []app.Term `json:"stages"`
	Labels        []app.Term `json:"labels"`
	Instruments   []app.Term `json:"instruments"`
	InvestorKinds []string   `json:"investor_kinds"`
	EventKinds    []string   `json:"event_kinds"`
	Provinces     []string   `json:"provinces"`
}

func (s *Server) registerVocabularyRoutes() {
	s.add(route{Method: "GET", Path: v1 + "/vocabulary", Summary: "Sectors, stages, labels, instruments and provinces with names",
		Tag: "vocabulary", Auth: authNone, Resp: vocabularyResponse{}}, s.handleVocabulary)
}

func (s *Server) handleVocabulary(c *fiber.Ctx) error {
	v := s.svc.Vocabulary
	return c.JSON(vocabularyResponse{Sectors: v.Sectors, Subsectors: v.Subsectors, Stages: v.Stages, Labels: v.Labels,
		Instruments: v.Instruments, InvestorKinds: app.InvestorKinds, EventKinds: app.EventKinds, Provinces: v.Provinces})
}
