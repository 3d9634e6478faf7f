// Package i18n holds the game's translation catalogs (assets/i18n/<lang>/*.toml, embedded) and picks the
// language from --lang or the environment's locale.
//
// A catalog is every *.toml file of a language's directory merged into one flat table of strings: a key
// may be written quoted ("layer.debt" = "...") or as TOML dotted keys or tables, it is the dotted path
// either way. A key defined twice in one language, across files or spellings, is a load error, so that
// no file silently overrides another.
package i18n

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dongshu/assets"
)

// Languages are the catalogs shipped, the default first.
var Languages = []string{"en", "fr"}

// Catalog is one language's strings.
type Catalog struct {
	lang    string
	strings map[string]string
	// Number formatting: decimal separator and thousands separator.
	decimal, group string
}

// Load returns the catalog of lang ("en" or "fr"); an unknown language is an error naming the known ones.
func Load(lang string) (*Catalog, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("unknown language %q (known: %s)", lang, strings.Join(Languages, ", "))
	}
	return LoadFS(assets.FS, "i18n", lang)
}

// LoadFS reads the catalog of lang from dir/<lang>/*.toml in fsys (Load reads the embedded assets; tests
// and tools read other trees).
func LoadFS(fsys fs.FS, dir, lang string) (*Catalog, error) {
	ldir := path.Join(dir, lang)
	files, err := fs.Glob(fsys, path.Join(ldir, "*.toml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("language %q: no catalog files in %s", lang, ldir)
	}
	slices.Sort(files) // Glob sorts already; the error messages must not depend on it
	c := &Catalog{lang: lang, strings: map[string]string{}, decimal: ".", group: ","}
	from := map[string]string{} // key -> file, for duplicate messages
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		flat := map[string]string{}
		if err := flatten("", raw, flat); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, k := range sortedKeys(flat) {
			if prev, dup := from[k]; dup {
				return nil, fmt.Errorf("%s: key %q is already defined in %s", f, k, prev)
			}
			from[k] = f
			c.strings[k] = flat[k]
		}
	}
	// French: decimal comma, thousands grouped with a no-break space (U+00A0 rather than the narrow
	// U+202F, which many UI fonts lack).
	if lang == "fr" {
		c.decimal, c.group = ",", "\u00a0"
	}
	return c, nil
}

// flatten turns nested tables into dotted keys; a dotted path reached twice (a quoted "a.b" and a
// dotted a.b) is a duplicate.
func flatten(prefix string, m map[string]any, out map[string]string) error {
	for _, k := range sortedKeys(m) {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := m[k].(type) {
		case string:
			if _, dup := out[key]; dup {
				return fmt.Errorf("key %q is defined twice", key)
			}
			out[key] = v
		case map[string]any:
			if err := flatten(key, v, out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("key %q: value must be a string, not %T", key, v)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Lang is the catalog's language.
func (c *Catalog) Lang() string { return c.lang }

// Keys returns every key of the catalog, sorted.
func (c *Catalog) Keys() []string { return sortedKeys(c.strings) }

// Raw returns the catalog's string for key unformatted, and whether it exists.
func (c *Catalog) Raw(key string) (string, bool) {
	s, ok := c.strings[key]
	return s, ok
}

// T returns the string for key with fmt-style args; a missing key returns "!key" (the completeness test
// keeps that from shipping).
//
// With arguments the string is a fmt format whose verbs name their argument (%[1]s), so that a
// translation may reorder them; a literal % is then written %%. Without arguments the string is returned
// as written.
func (c *Catalog) T(key string, args ...any) string {
	s, ok := c.strings[key]
	if !ok {
		return "!" + key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether the catalog has key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.strings[key]
	return ok
}

// Province is the province's name in this language (by province id); a province the catalog does not
// know (a custom scenario's) shows its id.
func (c *Catalog) Province(id string) string {
	if s, ok := c.strings["province."+id]; ok {
		return s
	}
	return id
}

// MonthYear is a month of a year in this language ("May 2023", "mai 2023"); month is 1-12.
func (c *Catalog) MonthYear(year, month int) string {
	return c.T("date.month_year", c.T("date.month."+strconv.Itoa(month)), year)
}

// Number formats v with the language's decimal separator and digits.
//
// English: 12,345.6; French: 12 345,6 (no-break space). Thousands are grouped from four digits on. A
// value that rounds to zero has no minus sign; NaN and infinities print as "NaN", "∞" and "-∞".
func (c *Catalog) Number(v float64, digits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	digits = max(digits, 0)
	s := strconv.FormatFloat(v, 'f', digits, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.Trim(s, "0.") == "" { // -0.00: no sign on a zero
		neg = false
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3*len(c.group) + 1)
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(c.group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(c.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// N wraps v so that fmt verbs print it in the catalog's language: %[1]s or %[1]v choose the digits
// (see AutoDigits), %.1[1]f keeps one decimal (fmt wants the index after width and precision), %[1]d
// none. Arguments of T that are measured quantities go through N, so that a translator's verb never
// shows a dot decimal in French.
func (c *Catalog) N(v float64) fmt.Formatter { return num{c, v} }

type num struct {
	c *Catalog
	v float64
}

func (n num) Format(f fmt.State, verb rune) {
	digits, ok := f.Precision()
	switch {
	case verb == 'd':
		digits = 0
	case !ok:
		digits = AutoDigits(n.v)
	case verb == 'g' || verb == 'G':
		digits = sigDigits(n.v, digits)
	}
	s := n.c.Number(n.v, digits)
	if w, ok := f.Width(); ok && utf8.RuneCountInString(s) < w {
		pad := strings.Repeat(" ", w-utf8.RuneCountInString(s))
		if f.Flag('-') {
			s += pad
		} else {
			s = pad + s
		}
	}
	_, _ = f.Write([]byte(s))
}

// sigDigits is the number of decimals that shows v with p significant digits (as %.pg, without the
// exponent form and without trailing zeros' worth of decimals).
func sigDigits(v float64, p int) int {
	a := math.Abs(v)
	if a == 0 || math.IsNaN(a) || math.IsInf(a, 0) {
		return 0
	}
	d := max(0, max(p, 1)-1-int(math.Floor(math.Log10(a))))
	// %g drops trailing zeros: 0.80 at two significant digits is 0.8.
	for d > 0 {
		s := strconv.FormatFloat(v, 'f', d, 64)
		if s[len(s)-1] != '0' {
			break
		}
		d--
	}
	return d
}

// AutoDigits is the number of decimals that shows v without false precision: none for whole numbers
// and from 100 up, one from 10 up, two below.
func AutoDigits(v float64) int {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || a == math.Trunc(a) || a >= 100:
		return 0
	case a >= 10:
		return 1
	}
	return 2
}

// Detect picks a language from the environment (LC_ALL, LC_MESSAGES, LANG), "en" when none matches.
//
// As in POSIX, the first of the three that is set decides, even if it names a language we lack: LC_ALL=C
// with LANG=fr_FR.UTF-8 is English.
func Detect(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		// ll_CC.encoding@modifier, or ll-CC: the language is what comes before the first separator.
		lang := strings.ToLower(v)
		if i := strings.IndexAny(lang, "_-.@"); i >= 0 {
			lang = lang[:i]
		}
		if slices.Contains(Languages, lang) {
			return lang
		}
		return Languages[0]
	}
	return Languages[0]
}
