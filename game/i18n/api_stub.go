// Package i18n holds the game's translation catalogs (assets/i18n/<lang>/*.toml, embedded) and picks the
// language from --lang or the environment's locale.
package i18n

// This file holds the API the game layer is written against while the view helper builds it; it is
// deleted when the real implementation lands.

// Languages are the catalogs shipped, the default first.
var Languages = []string{"en", "fr"}

// Catalog is one language's strings.
type Catalog struct{}

// Load returns the catalog of lang ("en" or "fr"); an unknown language is an error naming the known ones.
func Load(lang string) (*Catalog, error) { panic("i18n: not built yet") }

// Lang is the catalog's language.
func (c *Catalog) Lang() string { panic("i18n: not built yet") }

// T returns the string for key with fmt-style args; a missing key returns "!key" (the completeness test
// keeps that from shipping).
func (c *Catalog) T(key string, args ...any) string { panic("i18n: not built yet") }

// Has reports whether the catalog has key.
func (c *Catalog) Has(key string) bool { panic("i18n: not built yet") }

// Province is the province's name in this language (by province id).
func (c *Catalog) Province(id string) string { panic("i18n: not built yet") }

// Number formats v with the language's decimal separator and digits.
func (c *Catalog) Number(v float64, digits int) string { panic("i18n: not built yet") }

// Detect picks a language from the environment (LC_ALL, LC_MESSAGES, LANG), "en" when none matches.
func Detect(getenv func(string) string) string { panic("i18n: not built yet") }
