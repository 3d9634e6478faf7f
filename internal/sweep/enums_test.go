package sweep

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Walks the Format and DesignType blocks: every constant has a name that parses back to it and is written
// to manifest.json as that name.
func TestEnumTables(t *testing.T) {
	require.Len(t, formats, int(numFormats))
	for f := range numFormats {
		require.NotEmpty(t, f.String(), "format %d has no row", int(f))
		got, err := ParseFormat(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, got)
		b, err := json.Marshal(f)
		require.NoError(t, err)
		assert.Equal(t, `"`+f.String()+`"`, string(b))
	}
	require.Len(t, designTypes, int(numDesignTypes))
	for d := range numDesignTypes {
		require.NotEmpty(t, d.String(), "design type %d has no row", int(d))
		got, err := ParseDesignType(d.String())
		require.NoError(t, err)
		assert.Equal(t, d, got)
	}
	_, err := ParseFormat("xml")
	assert.EqualError(t, err, `--format "xml": want csv or parquet`)
	_, err = ParseDesignType("grid")
	assert.EqualError(t, err, `--design "grid": want full, lhs or points`)

	var m Manifest
	require.NoError(t, json.Unmarshal([]byte(`{"format":"parquet","design":{"type":"lhs"}}`), &m))
	assert.Equal(t, Parquet, m.Format)
	assert.Equal(t, LHS, m.Design.Type)
	assert.Error(t, json.Unmarshal([]byte(`{"format":"xml"}`), &m), "an unknown format in a manifest is an error")
	_, err = json.Marshal(Format(7))
	assert.Error(t, err)
}
