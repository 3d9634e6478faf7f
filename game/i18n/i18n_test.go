package i18n

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/assets"
)

func loadAll(t *testing.T) map[string]*Catalog {
	t.Helper()
	cats := map[string]*Catalog{}
	for _, lang := range Languages {
		c, err := Load(lang)
		require.NoError(t, err, lang)
		require.Equal(t, lang, c.Lang())
		cats[lang] = c
	}
	return cats
}

// verbRE matches one fmt verb (or %%): flags, argument indexes, width, precision, verb letter.
var verbRE = regexp.MustCompile(`%(?:%|[-+# 0]*(?:\[\d+\])?(?:\*|\d+)?(?:\.(?:\[\d+\])?(?:\*|\d+)?)?(?:\[\d+\])?[a-zA-Z])`)

// verbs returns the sorted set of a string's verbs, %% left out.
func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// TestShippedLanguages checks that the language list and the catalog directories agree.
func TestShippedLanguages(t *testing.T) {
	entries, err := fs.ReadDir(assets.FS, "i18n")
	require.NoError(t, err)
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	assert.ElementsMatch(t, Languages, dirs)
	assert.Equal(t, "en", Languages[0], "English is the default")
}

// TestCatalogComplete checks every catalog file of every language (all of assets/i18n, not only the
// view's): the same keys in every language, no empty value, verbs that name their argument, the same
// verbs in every language for each key, and formats that fmt accepts.
func TestCatalogComplete(t *testing.T) {
	cats := loadAll(t)
	ref := cats[Languages[0]]
	for _, lang := range Languages[1:] {
		c := cats[lang]
		for _, k := range ref.Keys() {
			assert.True(t, c.Has(k), "%s: key %q is in %s but missing", lang, k, ref.Lang())
		}
		for _, k := range c.Keys() {
			assert.True(t, ref.Has(k), "%s: key %q is not in %s", lang, k, ref.Lang())
		}
	}
	for _, lang := range Languages {
		c := cats[lang]
		for _, k := range c.Keys() {
			s, _ := c.Raw(k)
			assert.NotEmpty(t, strings.TrimSpace(s), "%s: %q is empty", lang, k)
			vs := verbs(s)
			for _, v := range vs {
				assert.Contains(t, v, "[", "%s: %q: verb %s must name its argument (%%[1]s)", lang, k, v)
			}
			if other := ref; lang != ref.Lang() && other.Has(k) {
				rs, _ := other.Raw(k)
				assert.Equal(t, verbs(rs), vs, "%s: %q: verbs differ from %s", lang, k, other.Lang())
			}
			if len(vs) > 0 {
				args := make([]any, 9)
				for i := range args {
					args[i] = c.N(1.5)
				}
				n := 0
				for _, v := range vs {
					var i int
					if _, err := fmt.Sscanf(v[strings.Index(v, "[")+1:], "%d", &i); err == nil {
						n = max(n, i)
					}
				}
				assert.NotContains(t, c.T(k, args[:n]...), "%!", "%s: %q: bad format", lang, k)
			}
		}
	}
}

func TestTAndHas(t *testing.T) {
	fsys := fstest.MapFS{
		"i/en/a.toml": {Data: []byte(`"x.greet" = "Hello %[2]s, %[1]s!"` + "\n" + `"x.pct" = "100%"` + "\n[y]\nplain = \"plain\"\n")},
	}
	c, err := LoadFS(fsys, "i", "en")
	require.NoError(t, err)
	assert.Equal(t, "Hello B, A!", c.T("x.greet", "A", "B"))
	assert.Equal(t, "100%", c.T("x.pct"), "no args: the string as written")
	assert.Equal(t, "plain", c.T("y.plain"), "TOML tables flatten to dotted keys")
	assert.Equal(t, "!nope", c.T("nope"))
	assert.True(t, c.Has("x.greet"))
	assert.False(t, c.Has("nope"))
	assert.Equal(t, []string{"x.greet", "x.pct", "y.plain"}, c.Keys())
}

func TestLoadErrors(t *testing.T) {
	_, err := Load("de")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "en, fr")

	dup := fstest.MapFS{
		"i/en/a.toml": {Data: []byte(`"k.one" = "1"`)},
		"i/en/b.toml": {Data: []byte(`"k.two" = "2"` + "\n" + `"k.one" = "again"`)},
	}
	_, err = LoadFS(dup, "i", "en")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"k.one"`)
	assert.Contains(t, err.Error(), "i/en/a.toml")

	// The same path spelt quoted and dotted in one file is a duplicate too.
	spelt := fstest.MapFS{"i/en/a.toml": {Data: []byte("\"k.one\" = \"1\"\n[k]\none = \"2\"\n")}}
	_, err = LoadFS(spelt, "i", "en")
	require.Error(t, err)

	notString := fstest.MapFS{"i/en/a.toml": {Data: []byte(`"k.n" = 3`)}}
	_, err = LoadFS(notString, "i", "en")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "string")

	_, err = LoadFS(fstest.MapFS{}, "i", "en")
	require.Error(t, err)
}

func TestProvince(t *testing.T) {
	cats := loadAll(t)
	assert.Equal(t, "Beijing", cats["en"].Province("beijing"))
	assert.Equal(t, "Pékin", cats["fr"].Province("beijing"))
	assert.Equal(t, "Mongolie-Intérieure", cats["fr"].Province("inner_mongolia"))
	assert.Equal(t, "atlantis", cats["fr"].Province("atlantis"), "unknown province: its id")
}

func TestNumber(t *testing.T) {
	cats := loadAll(t)
	en, fr := cats["en"], cats["fr"]
	cases := []struct {
		v      float64
		digits int
		en, fr string
	}{
		{0, 0, "0", "0"},
		{3.14159, 2, "3.14", "3,14"},
		{999, 0, "999", "999"},
		{1000, 0, "1,000", "1\u00a0000"},
		{1234567.891, 1, "1,234,567.9", "1\u00a0234\u00a0567,9"},
		{-12345.5, 1, "-12,345.5", "-12\u00a0345,5"},
		{-0.004, 2, "0.00", "0,00"},
		{0.5, 0, "0", "0"}, // round half to even, as strconv
		{2.5, -1, "2", "2"},
		{123456, 0, "123,456", "123\u00a0456"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.en, en.Number(tc.v, tc.digits), "en %v %d", tc.v, tc.digits)
		assert.Equal(t, tc.fr, fr.Number(tc.v, tc.digits), "fr %v %d", tc.v, tc.digits)
	}
	assert.Equal(t, "NaN", en.Number(nan(), 1))
}

func nan() float64 {
	z := 0.0
	return z / z
}

func TestN(t *testing.T) {
	cats := loadAll(t)
	fr := cats["fr"]
	assert.Equal(t, "1\u00a0234,5", fmt.Sprintf("%.1[1]f", fr.N(1234.5)))
	assert.Equal(t, "1\u00a0235", fmt.Sprintf("%[1]d", fr.N(1234.6)))
	assert.Equal(t, "0,35", fmt.Sprintf("%[1]s", fr.N(0.35)))
	assert.Equal(t, "12", fmt.Sprintf("%[1]v", fr.N(12)))
	assert.Equal(t, "  3,5", fmt.Sprintf("%5.1[1]f", fr.N(3.5)))
	assert.Equal(t, "1,5", fmt.Sprintf("%.2[1]g", fr.N(1.5)))
	assert.Equal(t, "0,8", fmt.Sprintf("%.2[1]g", fr.N(0.8)))
	assert.Equal(t, "12\u00a0346", fmt.Sprintf("%.2[1]g", fr.N(12345.6)))
	assert.Equal(t, "80", fmt.Sprintf("%.0[1]f", fr.N(80)))
	assert.Equal(t, 0, AutoDigits(250.4))
	assert.Equal(t, 1, AutoDigits(25.4))
	assert.Equal(t, 2, AutoDigits(0.254))
	assert.Equal(t, 0, AutoDigits(7))
}

func TestDetect(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_CA"}, "fr"},
		{map[string]string{"LANG": "fr"}, "fr"},
		{map[string]string{"LANG": "FR-be"}, "fr"},
		{map[string]string{"LANG": "fr_FR@euro"}, "fr"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LANG": "POSIX"}, "en"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}, "fr"},
		{map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, "fr"},
	}
	for _, tc := range cases {
		got := Detect(func(k string) string { return tc.env[k] })
		assert.Equal(t, tc.want, got, "%v", tc.env)
	}
}
