package report

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"dongshu/game/i18n"
)

// Languages are the languages the report is written in (the game's catalogs), the default first.
var Languages = i18n.Languages

// lang is the report's language: its strings come from the catalog's report.* keys
// (assets/i18n/<lang>/report.toml), province names from the catalog, numbers in its format, and the
// headline outcomes' labels from agents' table (English) or its translation (outcomes_fr.toml).
type lang struct {
	*i18n.Catalog
	outcomes *outcomeTranslation // nil: agents' English table
}

func newLang(code string) (*lang, error) {
	c, err := i18n.Load(code)
	if err != nil {
		return nil, err
	}
	l := &lang{Catalog: c}
	if code == "fr" {
		if l.outcomes, err = frOutcomes(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// outcomeTranslation is a translation of agents' outcome table.
type outcomeTranslation struct {
	Unit    map[string]string `toml:"unit"`
	Outcome map[string]struct {
		Label   string `toml:"label"`
		Explain string `toml:"explain"`
	} `toml:"outcome"`
}

//go:embed outcomes_fr.toml
var outcomesFR string

var frOutcomes = sync.OnceValues(func() (*outcomeTranslation, error) {
	var t outcomeTranslation
	md, err := toml.Decode(outcomesFR, &t)
	if err != nil {
		return nil, fmt.Errorf("internal/report/outcomes_fr.toml: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("internal/report/outcomes_fr.toml: unknown key %q", und[0].String())
	}
	return &t, nil
})

// unitSlug is a unit's key in a translation: "share, 0-1" is share_0_1.
func unitSlug(u string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(u) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		} else {
			under = true
		}
	}
	return b.String()
}

// unit is an outcome or metric unit (as agents or economy write it) in the language.
func (l *lang) unit(u string) string {
	if l.outcomes != nil {
		if s, ok := l.outcomes.Unit[unitSlug(u)]; ok {
			return s
		}
	}
	return u
}

// outcome describes a headline outcome in the language.
func (l *lang) outcome(name string) HeadlineInfo {
	if name == "months" {
		return HeadlineInfo{l.T("report.page.months"), l.T("report.page.months_unit"), l.T("report.page.months_explain")}
	}
	h := headlineInfo(name)
	if l.outcomes != nil {
		if o, ok := l.outcomes.Outcome[name]; ok {
			h.Label, h.Explain = o.Label, o.Explain
		}
	}
	h.Unit = l.unit(h.Unit)
	return h
}

// num formats a value for a table or a label in the language (its separators, Catalog.Number): integers
// from 100 up (grouped by thousands from 1,000), one decimal from 10, two from 1, three below; NaN is a dash.
func (l *lang) num(v float64) string {
	a := math.Abs(v)
	digits := 3
	switch {
	case math.IsNaN(v):
		return "–"
	case a >= 100 || a == 0:
		digits = 0
	case a >= 10:
		digits = 1
	case a >= 1:
		digits = 2
	}
	return l.Number(v, digits)
}
