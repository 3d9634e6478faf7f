package session

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/configs"
	"dongshu/economy"
)

// arity is how many provinces and numbers each catalog line takes (the view formats provinces, then
// numbers).
var arity = map[string][2]int{
	"news.hub_designated": {1, 0}, "news.hubs_designated": {0, 2},
	"news.event.more": {0, 1}, "news.event.other": {0, 2}, "news.event.policy.national": {0, 0},
	"news.penalised": {1, 0}, "news.penalised.one": {2, 0}, "news.penalised.many": {1, 1},
	"news.moderation": {1, 0}, "news.moderation.one": {2, 0}, "news.moderation.many": {1, 1},
	"news.rivalry": {2, 2}, "news.idle_far": {1, 2}, "news.unserved": {0, 2},
	"news.you.round": {1, 4}, "news.you.caught": {1, 2}, "news.you.free": {1, 1},
	// A what-if's line takes three strings, all formatted by the view: the lever, its level, the month.
	"news.whatif": {3, 0},
}

// reasonArity is how many strings each reason takes: the share of the country's work, then the rival.
var reasonArity = map[string]int{"score.reason.none": 0, "score.reason.latency": 1, "score.reason.transit": 1,
	"score.reason.rival": 2, "score.reason.no_demand": 0}

func keyArity(key string) [2]int {
	if a, ok := arity[key]; ok {
		return a
	}
	if strings.HasPrefix(key, "score.") {
		return [2]int{} // a label
	}
	if strings.HasSuffix(key, ".national") {
		return [2]int{0, 2}
	}
	return [2]int{1, 2} // a province's event: magnitude and duration
}

// catalogs reads the session's catalogs straight from the assets (package i18n is not needed).
func catalogs(t *testing.T) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range []string{"en", "fr"} {
		c := map[string]string{}
		for _, file := range []string{"session.toml", "score.toml"} {
			var part map[string]string
			_, err := toml.DecodeFile(filepath.Join("..", "..", "assets", "i18n", lang, file), &part)
			require.NoError(t, err, lang)
			for k, v := range part {
				if !strings.HasPrefix(k, "ui.") { // the game's own strings
					c[k] = v
				}
			}
		}
		out[lang] = c
	}
	return out
}

// format renders a news line as the view does: province names first, then the numbers.
func format(f string, n News) string {
	args := make([]any, 0, len(n.Provinces)+len(n.Args))
	for _, p := range n.Provinces {
		args = append(args, p)
	}
	for _, a := range n.Args {
		args = append(args, a)
	}
	return fmt.Sprintf(f, args...)
}

func TestCatalogsHaveEveryKey(t *testing.T) {
	cats := catalogs(t)
	keys := append(append(NewsKeys(), ScoreKeys()...), UnitKeys()...)
	for lang, c := range cats {
		// A unit takes the number already formatted in the language.
		for _, k := range UnitKeys() {
			line := fmt.Sprintf(c[k], "12,5")
			assert.NotContains(t, line, "%!", "%s %s: %q", lang, k, line)
			assert.Contains(t, line, "12,5", "%s %s shows its number", lang, k)
		}
		for _, k := range keys {
			if slices.Contains(UnitKeys(), k) {
				assert.Contains(t, c, k, "%s: missing %q", lang, k)
				continue
			}
			f, ok := c[k]
			if !assert.True(t, ok, "%s: missing %q", lang, k) {
				continue
			}
			a := keyArity(k)
			n := News{Key: k}
			for range a[0] {
				n.Provinces = append(n.Provinces, "Ningxia")
			}
			for range a[1] {
				n.Args = append(n.Args, 12.5)
			}
			line := format(f, n)
			assert.NotContains(t, line, "%!", "%s %s: %q", lang, k, line)
			for _, p := range n.Provinces {
				assert.Contains(t, line, p, "%s %s names its province", lang, k)
			}
		}
		// The tension and reason lines take strings, formatted by the game: role or share first.
		for _, k := range append(TensionKeys(), ReasonKeys()...) {
			args := []any{"Ningxia", "12,5", "34", "Use", "9 %"}
			if strings.HasPrefix(k, "score.reason.") {
				args = []any{"12,5", "Ningxia"}[:reasonArity[k]]
			}
			line := fmt.Sprintf(c[k], args...)
			assert.NotContains(t, line, "%!", "%s %s: %q", lang, k, line)
		}
		keys := append(append(append(keys, DriverKeys()...), TensionKeys()...), ReasonKeys()...)
		for k := range c {
			assert.True(t, slices.Contains(keys, k), "%s: %q is not a key the session emits", lang, k)
		}
	}
	assert.Contains(t, cats["fr"]["news.idle_far"], "à", "French with its accents")
}

func TestNewsIdleFarInBaselineBy2023(t *testing.T) {
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal})
	autoplayTo(t, s, month(2023, 12))
	var far []News
	for _, n := range s.News() {
		if n.Key == "news.idle_far" {
			far = append(far, n)
		}
	}
	require.NotEmpty(t, far)
	n := far[0]
	w := s.Model().W
	p := w.ProvinceIndex(n.Provinces[0])
	require.GreaterOrEqual(t, p, 0)
	assert.Equal(t, economy.WestHub, w.Provinces[p].HubSide)
	assert.Equal(t, 12, n.Month.MonthOfYear())
	assert.Greater(t, n.Args[0], 50.0, "more than half empty")
	assert.Equal(t, 10.0, n.Args[1], "the hot class's bound")
	assert.Equal(t, fmt.Sprintf("Ningxia's new halls stand %.0f %% empty: hot data cannot reach them within 10 ms", n.Args[0]),
		format(catalogs(t)["en"]["news.idle_far"], News{Provinces: []string{"Ningxia"}, Args: n.Args}))
}

// TestNewsRules plays every preset in autoplay and a game with human roles, and checks every line
// emitted: a known key with its catalog's arity, formatted cleanly in both languages, few per month.
func TestNewsRules(t *testing.T) {
	cats := catalogs(t)
	seen := map[string]bool{}
	check := func(name string, s *Session) {
		perMonth, personal := map[configs.Month]int{}, map[configs.Month]int{}
		last := configs.Month(0)
		for _, n := range s.News() {
			require.Contains(t, NewsKeys(), n.Key, name)
			a := keyArity(n.Key)
			assert.Len(t, n.Provinces, a[0], "%s %s", name, n.Key)
			assert.Len(t, n.Args, a[1], "%s %s", name, n.Key)
			for lang, c := range cats {
				assert.NotContains(t, format(c[n.Key], n), "%!", "%s %s %s", name, lang, n.Key)
			}
			assert.GreaterOrEqual(t, n.Month, last, "oldest first")
			last = n.Month
			perMonth[n.Month]++
			if strings.HasPrefix(n.Key, "news.you.") {
				personal[n.Month]++
			}
			seen[n.Key] = true
		}
		for m, k := range perMonth {
			k -= personal[m] // the player's own lines come on top
			assert.LessOrEqual(t, k, maxNewsPerMonth, "%s %s", name, m)
		}
		assert.Less(t, len(s.News()), 4*len(s.History().Months)/5, "%s: news is not a flood", name)
	}
	for _, p := range configs.Presets() {
		s := newGame(t, Setup{Preset: p, Seed: 1, Difficulty: Normal})
		autoplayTo(t, s, month(2035, 12))
		check(p, s)
	}
	s := newGame(t, players.setup(2))
	players.drive(t, s, month(2035, 12))
	check("players", s)
	for _, k := range []string{"news.hubs_designated", "news.idle_far", "news.penalised.many", "news.moderation.many",
		"news.rivalry", "news.unserved", "news.event.drought", "news.event.coal_price.national", "news.event.outage",
		"news.event.chip_supply.national", "news.you.round", "news.you.caught"} {
		assert.True(t, seen[k], "%s never emitted", k)
	}
}

func TestNewsOfAHumanDesignation(t *testing.T) {
	// A hub designated by a human planner ahead of its date is news on its own line.
	s := newGame(t, Setup{Seed: 1, Difficulty: Normal, Role: Role{Planner: true}})
	pd := s.Model().PlannerPolicy()
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Planner: &pd}))
	require.NoError(t, s.Step())
	pd = s.Model().PlannerPolicy()
	pd.Designate = []int{7} // ningxia_hub
	require.NoError(t, s.Submit(Action{Month: s.Model().W.Now, Planner: &pd}))
	require.NoError(t, s.Step())
	assert.Contains(t, s.News(), News{Month: month(2013, 2), Key: "news.hub_designated", Provinces: []string{"ningxia"}})
}

// TestManyNewsCounts: one province is named alone, two are both named (".one", so that no line reads
// "and 1 other provinces"), more are the first and a count of the others (at least 2).
func TestManyNewsCounts(t *testing.T) {
	ids := []string{"shanxi", "hebei", "henan", "anhui"}
	id := func(p int) []string { return []string{ids[p]} }
	var got []News
	add := func(key string, provinces []string, args ...float64) {
		got = append(got, News{Key: key, Provinces: provinces, Args: args})
	}
	for n := range 5 {
		manyNews(add, id, "news.penalised", []int{0, 1, 2, 3}[:n])
	}
	assert.Equal(t, []News{
		{Key: "news.penalised", Provinces: []string{"shanxi"}},
		{Key: "news.penalised.one", Provinces: []string{"shanxi", "hebei"}},
		{Key: "news.penalised.many", Provinces: []string{"shanxi"}, Args: []float64{2}},
		{Key: "news.penalised.many", Provinces: []string{"shanxi"}, Args: []float64{3}},
	}, got)
	cats := catalogs(t)
	for _, key := range []string{"news.penalised", "news.moderation"} {
		for lang, c := range cats {
			line := format(c[key+".one"], News{Key: key + ".one", Provinces: []string{"Shanxi", "Hebei"}})
			assert.Contains(t, line, "Shanxi", "%s %s", lang, key)
			assert.Contains(t, line, "Hebei", "%s %s", lang, key)
			assert.NotContains(t, line, "1", "%s %s: no count", lang, key)
		}
	}
}

// TestFrenchNewsNoArticleBeforeProvinces: French needs an article that depends on the province (du
// Ningxia, de la Mongolie-Intérieure, du Guangdong, de Pékin...), so no French news line puts a province
// name after a preposition or an article; each names its provinces at the start, before " : ".
func TestFrenchNewsNoArticleBeforeProvinces(t *testing.T) {
	fr := catalogs(t)["fr"]
	bad := regexp.MustCompile(`(?i)\b(de|du|des|d'|pour|à|au|aux|en|le|la|les|l'|vers|dans|par)\s*%\[\d\]s`)
	names := 0
	for k, v := range fr {
		if !strings.HasPrefix(k, "news.") {
			continue
		}
		assert.False(t, bad.MatchString(v), "%s: %q puts a province after an article or a preposition", k, v)
		if strings.Contains(v, "%[1]s") {
			names++
			assert.True(t, strings.HasPrefix(v, "%[1]s"), "%s: %q names its province first", k, v)
		}
	}
	assert.Greater(t, names, 10)
}
