package configs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Walks the EventKind block: every constant has a complete row of eventKinds, and the derived
// vocabularies (parse, the enums of event.kind and random_event.kind) agree with the table.
func TestEventKindTable(t *testing.T) {
	require.Len(t, eventKinds, NumEventKinds, "one row per EventKind constant")
	seen := map[string]bool{}
	for _, k := range EventKinds() {
		spec := k.Spec()
		require.NotEmpty(t, spec.Name, "kind %d has no row", int(k))
		assert.True(t, isBareKey(spec.Name), "%s: a bare key (it is a catalog key segment)", spec.Name)
		assert.False(t, seen[spec.Name], "%s listed twice", spec.Name)
		seen[spec.Name] = true
		got, err := ParseEventKind(spec.Name)
		require.NoError(t, err)
		assert.Equal(t, k, got)
		assert.Equal(t, spec.Name, k.String())
		assert.Equal(t, spec.Lasts, spec.Duration != (Range{}), "%s: a duration range exactly for kinds that last", spec.Name)
		assert.True(t, spec.Duration.Lo <= spec.Duration.Hi && spec.Magnitude.Lo <= spec.Magnitude.Hi, spec.Name)
		assert.True(t, k.HasNews(false) || k.HasNews(true), "%s: has a news line", spec.Name)
		assert.False(t, spec.Lever && spec.Target != NotUsed, "%s: a lever is national", spec.Name)
		assert.False(t, spec.Percent && spec.Magnitude == (Range{}), "%s: a percentage needs a magnitude", spec.Name)
	}
	assert.Equal(t, eventKindNames(), root().byName["event"].sub.byName["kind"].enum)
	assert.Equal(t, randomKindNames(), root().byName["random_event"].sub.byName["kind"].enum)
	_, err := ParseEventKind("meteor")
	assert.ErrorContains(t, err, `unknown event kind "meteor"`)
	assert.Equal(t, "EventKind(99)", EventKind(99).String())
	assert.Equal(t, EventSpec{}, EventKind(-1).Spec())
}

// Each kind's needs, as its row says, are what validation asks for.
func TestEventNeeds(t *testing.T) {
	cases := []struct {
		name string
		ev   Event
		key  string
		msg  string
	}{
		{"target", Event{Kind: "outage", Month: "2021-01", DurationMonths: 2}, "event[0].target", "a outage event needs a target province"},
		{"to", Event{Kind: "fibre", Month: "2021-01", Target: "beijing"}, "event[0].to", "a fibre event needs the other end"},
		{"two ends", Event{Kind: "fibre", Month: "2021-01", Target: "beijing", To: "beijing"}, "event[0].to", "a fibre line needs two different ends"},
		{"duration", Event{Kind: "drought", Month: "2021-01", Target: "beijing", Magnitude: 0.5}, "event[0].duration_months", "a drought event needs a duration of at least 1 month"},
		{"lever", Event{Kind: "policy", Month: "2021-01", Key: "planner.margin", Value: 1}, "event[0].key", `unknown policy key "planner.margin"`},
		{"kind", Event{Kind: "meteor", Month: "2021-01"}, "event[0].kind", `"meteor" is not one of: ixp, fibre`},
		// A value outside the field's own range is reported once, by the field.
		{"magnitude", Event{Kind: "drought", Month: "2021-01", Target: "beijing", DurationMonths: 1, Magnitude: 200}, "event[0].magnitude", "200 is out of range [0,100]"},
		{"long", Event{Kind: "drought", Month: "2021-01", Target: "beijing", DurationMonths: 601, Magnitude: 0.5}, "event[0].duration_months", "601 month is out of range [0,600]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := LoadPreset("baseline")
			require.NoError(t, err)
			s.Events = []Event{tc.ev}
			err = s.Validate()
			var ps Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps, 1, "%v", err) // one problem, even where the kind's and the field's ranges agree
			assert.Equal(t, tc.key, ps[0].Key)
			assert.Contains(t, ps[0].Msg, tc.msg)
		})
	}
}

// A kind's ranges may be narrower than the fields' (a new kind's row says so); random events are checked
// against the same row, and each problem is reported once.
func TestEventKindRanges(t *testing.T) {
	c := &checker{}
	spec := EventSpec{Name: "heat", Lasts: true, Duration: Range{1, 12}, Magnitude: Range{0, 1}}
	c.kindRanges("event[0]", root().byName["event"].sub, spec, 24, 2)
	c.kindRanges("event[1]", root().byName["event"].sub, spec, 6, 0.5)
	c.kindRanges("event[2]", root().byName["event"].sub, spec, 0, 0.5)
	require.Len(t, c.probs, 3)
	assert.Equal(t, rawProblem{path: "event[0].duration_months", msg: "24 is out of range [1,12] for a heat event"}, c.probs[0])
	assert.Equal(t, rawProblem{path: "event[0].magnitude", msg: "2 is out of range [0,1] for a heat event"}, c.probs[1])
	assert.Equal(t, rawProblem{path: "event[2].duration_months", msg: "a heat event needs a duration of at least 1 month"}, c.probs[2])

	s, err := LoadPreset("baseline")
	require.NoError(t, err)
	s.RandomEvents = []RandomEvent{{Kind: "outage", RatePerYear: 1, DurationMonths: 0}}
	var ps Problems
	require.ErrorAs(t, s.Validate(), &ps)
	require.Len(t, ps, 1, "%v", ps)
	assert.Equal(t, "random_event[0].duration_months", ps[0].Key)
}
