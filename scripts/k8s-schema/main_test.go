package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A miniature of Kubernetes' swagger.json: a core kind, a batch kind, the shared types they use, and one
// definition nothing references.
const miniSpec = `{"definitions": {
  "io.k8s.api.core.v1.ConfigMap": {
    "description": "ConfigMap holds configuration data.",
    "type": "object",
    "properties": {
      "apiVersion": {"type": "string"},
      "kind": {"type": "string"},
      "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
      "data": {"type": "object", "additionalProperties": {"type": "string"}}
    },
    "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "ConfigMap"}]
  },
  "io.k8s.api.batch.v1.Job": {
    "type": "object",
    "properties": {
      "kind": {"type": "string"},
      "spec": {"$ref": "#/definitions/io.k8s.api.batch.v1.JobSpec"}
    },
    "x-kubernetes-group-version-kind": [{"group": "batch", "version": "v1", "kind": "Job"}]
  },
  "io.k8s.api.batch.v1.JobSpec": {
    "type": "object",
    "required": ["template", "cpu"],
    "properties": {
      "parallelism": {"type": "integer", "format": "int32"},
      "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"},
      "maxSurge": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString"},
      "cpu": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}
    }
  },
  "io.k8s.api.core.v1.PodTemplateSpec": {"type": "object", "properties": {"image": {"type": "string"}}},
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object", "properties": {"name": {"type": "string"}}},
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": "string", "format": "int-or-string"},
  "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string"},
  "io.k8s.apimachinery.pkg.runtime.RawExtension": {"type": "object"},
  "io.k8s.api.unused.v1.Thing": {"type": "object", "properties": {"x": {"type": "string"}}}
}}`

func convertMini(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := convert(strings.NewReader(miniSpec))
	require.NoError(t, err)
	out := map[string]map[string]any{}
	for path, b := range files {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc), path)
		out[path] = doc
	}
	return out
}

func def(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	defs, ok := doc["definitions"].(map[string]any)
	require.True(t, ok, "no definitions")
	d, ok := defs[name].(map[string]any)
	require.True(t, ok, "definition %s missing", name)
	return d
}

func prop(t *testing.T, d map[string]any, name string) map[string]any {
	t.Helper()
	props, ok := d["properties"].(map[string]any)
	require.True(t, ok, "no properties")
	p, ok := props[name].(map[string]any)
	require.True(t, ok, "property %s missing", name)
	return p
}

func TestConvertPathsFollowKubeconformTemplate(t *testing.T) {
	files := convertMini(t)
	assert.Len(t, files, 2)
	require.Contains(t, files, "v1/v1/configmap.json") // {{ .Group }} is "v1" for apiVersion v1
	require.Contains(t, files, "batch/v1/job.json")
	assert.Equal(t, "#/definitions/io.k8s.api.batch.v1.Job", files["batch/v1/job.json"]["$ref"])
}

func TestConvertIsStrict(t *testing.T) {
	job := convertMini(t)["batch/v1/job.json"]
	assert.Equal(t, false, def(t, job, "io.k8s.api.batch.v1.Job")["additionalProperties"], "root")
	assert.Equal(t, false, def(t, job, "io.k8s.api.batch.v1.JobSpec-or-null")["additionalProperties"], "nested")
	cm := convertMini(t)["v1/v1/configmap.json"]
	data := prop(t, def(t, cm, "io.k8s.api.core.v1.ConfigMap"), "data")
	assert.Equal(t, map[string]any{"type": "string"}, data["additionalProperties"], "a map keeps its value schema")
	raw, err := convert(strings.NewReader(miniSpec))
	require.NoError(t, err)
	assert.NotContains(t, string(raw["v1/v1/configmap.json"]), "ConfigMap holds", "descriptions dropped")
}

func TestConvertOptionalFieldsTakeNull(t *testing.T) {
	job := convertMini(t)["batch/v1/job.json"]
	assert.Equal(t, "#/definitions/io.k8s.api.batch.v1.JobSpec-or-null",
		prop(t, def(t, job, "io.k8s.api.batch.v1.Job"), "spec")["$ref"])
	spec := def(t, job, "io.k8s.api.batch.v1.JobSpec-or-null")
	assert.Equal(t, []any{"object", "null"}, spec["type"])
	assert.Equal(t, []any{"integer", "null"}, prop(t, spec, "parallelism")["type"])
	assert.Equal(t, "#/definitions/io.k8s.api.core.v1.PodTemplateSpec", prop(t, spec, "template")["$ref"],
		"a required field stays non-null")
	assert.NotContains(t, job["definitions"], "io.k8s.api.batch.v1.JobSpec", "only the nullable variant is used")
}

func TestConvertIntOrStringAndQuantity(t *testing.T) {
	job := convertMini(t)["batch/v1/job.json"]
	ios := def(t, job, "io.k8s.apimachinery.pkg.util.intstr.IntOrString-or-null")
	assert.Equal(t, []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}, map[string]any{"type": "null"}},
		ios["oneOf"])
	q := def(t, job, "io.k8s.apimachinery.pkg.api.resource.Quantity") // required: not nullable
	assert.Equal(t, []any{map[string]any{"type": "string", "pattern": quantityPattern}, map[string]any{"type": "number"}},
		q["oneOf"])
}

func TestConvertCarriesOnlyReachableDefinitions(t *testing.T) {
	job := convertMini(t)["batch/v1/job.json"]
	defs := job["definitions"].(map[string]any)
	assert.Contains(t, defs, "io.k8s.api.core.v1.PodTemplateSpec")
	assert.NotContains(t, defs, "io.k8s.api.unused.v1.Thing")
	assert.NotContains(t, defs, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "the Job here has no metadata")
}

func TestConvertRejectsBadInput(t *testing.T) {
	_, err := convert(strings.NewReader(`{"swagger": "2.0"}`))
	assert.ErrorContains(t, err, "no definitions")
	_, err = convert(strings.NewReader(`not json`))
	assert.ErrorContains(t, err, "not an OpenAPI v2 document")
	_, err = convert(strings.NewReader(`{"definitions": {
	  "a.Job": {"type": "object", "x-kubernetes-group-version-kind": [{"group": "batch", "version": "v1", "kind": "Job"}]},
	  "b.Job": {"type": "object", "x-kubernetes-group-version-kind": [{"group": "batch", "version": "v1", "kind": "Job"}]}}}`))
	assert.ErrorContains(t, err, "are both batch/v1/job.json")
}

func TestRunWritesFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "swagger.json")
	require.NoError(t, os.WriteFile(in, []byte(miniSpec), 0o644))
	n, err := run(in, filepath.Join(dir, "out"))
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	b, err := os.ReadFile(filepath.Join(dir, "out", "batch", "v1", "job.json"))
	require.NoError(t, err)
	assert.True(t, json.Valid(b))
}
