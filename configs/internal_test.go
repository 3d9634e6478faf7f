package configs

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leafPaths lists the index path of every value in s.
func leafPaths(v reflect.Value, n *node, p string, out *[]string) {
	for _, f := range n.fields {
		fp := joinKey(p, f.key)
		switch f.kind {
		case kTable:
			leafPaths(v.Field(f.index), f.sub, fp, out)
		case kArray:
			for i := range v.Field(f.index).Len() {
				leafPaths(v.Field(f.index).Index(i), f.sub, joinIndex(fp, i), out)
			}
		default:
			*out = append(*out, fp)
		}
	}
}

// The baseline writes every key, each on the line the index finds for it.
func TestBaselineWritesEveryKey(t *testing.T) {
	s, err := preset("baseline")
	require.NoError(t, err)
	o := originOf(s)
	require.NotNil(t, o)
	src, err := presetFS.ReadFile("presets/baseline.toml")
	require.NoError(t, err)
	lines := strings.Split(string(src), "\n")
	var paths []string
	leafPaths(reflect.ValueOf(s).Elem(), root(), "", &paths)
	assert.Greater(t, len(paths), 1000)
	for _, p := range paths {
		l, ok := o.lines[p]
		if !assert.True(t, ok, "no line for %s", p) {
			continue
		}
		segs, err := splitPath(p)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(strings.TrimSpace(lines[l-1]), segs[len(segs)-1].key+" ="), "%s at line %d: %q", p, l, lines[l-1])
		assert.Truef(t, strings.Contains(lines[l-1], "#"), "%s at line %d has no source comment", p, l)
	}
}

func TestLineIndex(t *testing.T) {
	src := `top = 1 # comment
"quoted key" = 2
dotted.key = 3
arr = [
  "a", # [not a table]
  "b",
]
text = """
[fake]
x = 1
"""
[t]
a = { inline = 1 }
[[e]]
id = "first"
[[e]]
id = "second"
[e.sub]
y = 2
[[e.list]]
z = 1
[[e.list]]
z = 2
[t.deeper]
w = 'lit#eral'
after = 4
`
	idx := indexLines(src)
	for path, want := range map[string]int{
		"top": 1, `"quoted key"`: 2, "dotted": 3, "dotted.key": 3, "arr": 4, "text": 8,
		"t": 12, "t.a": 13, "e": 14, "e[0]": 14, "e[0].id": 15, "e[1]": 16, "e[1].id": 17,
		"e[1].sub": 18, "e[1].sub.y": 19, "e[1].list[0].z": 21, "e[1].list[1].z": 23,
		"t.deeper.w": 25, "t.deeper.after": 26,
	} {
		assert.Equal(t, want, idx[path], path)
	}
	for _, absent := range []string{"fake", "fake.x", "x", "t.a.inline"} {
		assert.NotContains(t, idx, absent)
	}
	// A key written inside an inline table takes its table's line; an absent key has none.
	present := map[string]bool{"t.a.inline": true}
	assert.Equal(t, 13, idx.lineOf("t.a.inline", present))
	assert.Equal(t, 0, idx.lineOf("t.b", present))
}

func TestPaths(t *testing.T) {
	segs, err := splitPath(`province[3].neighbours`)
	require.NoError(t, err)
	assert.Equal(t, []seg{{"province", 3}, {"neighbours", -1}}, segs)
	segs, err = splitPath(`a."b.c".d`)
	require.NoError(t, err)
	assert.Equal(t, []seg{{"a", -1}, {"b.c", -1}, {"d", -1}}, segs)
	for _, bad := range []string{"", "a.", ".a", "a[x]", "a[1", `a."b`, "a[1]b"} {
		_, err := splitPath(bad)
		assert.Error(t, err, bad)
	}
	assert.Equal(t, "province[3]", parentPath("province[3].neighbours"))
	assert.Equal(t, "province", parentPath("province[3]"))
	assert.Equal(t, `a`, parentPath(`a."b.c"`))
	assert.Equal(t, "", parentPath("a"))
}

func TestSuggest(t *testing.T) {
	keys := []string{"seed", "start", "end", "enforcement", "compliance"}
	assert.Equal(t, "seed", suggest("Seed", keys))
	assert.Equal(t, "seed", suggest("sed", keys))
	assert.Equal(t, "enforcement", suggest("enforcment", keys))
	assert.Equal(t, "compliance", suggest("complaince", keys))
	assert.Equal(t, "", suggest("zzz", keys))
	assert.Equal(t, "", suggest("seed", keys))
	assert.True(t, editDistance1("abc", "ab"))
	assert.True(t, editDistance1("abc", "abd"))
	assert.True(t, editDistance1("abc", "acb"))
	assert.False(t, editDistance1("abc", "cab"))
	assert.False(t, editDistance1("abc", "abc"))
}
