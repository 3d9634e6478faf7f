package chart

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"

	"dongshu/game/i18n"
)

func TestNiceTicks(t *testing.T) {
	en, err := i18n.Load("en")
	require.NoError(t, err)
	var labels []string
	for _, tk := range NewNiceTicks(en, &plot.New().X).Ticks(0, 1) {
		labels = append(labels, tk.Label)
	}
	assert.Equal(t, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, labels)
	labels = nil
	for _, tk := range NewNiceTicks(en, &plot.New().X).Ticks(0, 5300) {
		labels = append(labels, tk.Label)
	}
	assert.Equal(t, []string{"0", "1,000", "2,000", "3,000", "4,000", "5,000"}, labels)
}
