// Command k8s-schema turns the Kubernetes OpenAPI v2 document (api/openapi-spec/swagger.json in the
// k8s.io/kubernetes module) into strict JSON schemas that kubeconform reads offline: one standalone file
// per kind, OUT/<group>/<version>/<kind>.json (the core group's group is "v1", as kubeconform names it), for
//
//	kubeconform -schema-location 'OUT/{{ .Group }}/{{ .ResourceAPIVersion }}/{{ .ResourceKind }}.json'
//
// It does what openapi2jsonschema does for kubeconform's published schemas (kubeconform cannot read the
// OpenAPI document itself), so that the check needs no network beyond the Go module proxy:
//   - strict: an object schema that lists its properties rejects any other (additionalProperties: false),
//     as the API server's strict field validation does;
//   - an optional field may be null (the API server decodes null as absent, and kubectl prints
//     creationTimestamp: null);
//   - int-or-string fields take a string or an integer; a resource.Quantity takes a number or a string in
//     Kubernetes' quantity syntax (the pattern controller-gen emits for Quantity);
//   - each file carries the definitions it references (#/definitions/...), without descriptions.
//
// Usage: go run ./scripts/k8s-schema SWAGGER.json OUT   (scripts/k8s-check.sh runs it)
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const (
	defPrefix  = "#/definitions/"
	nullSuffix = "-or-null"
	quantity   = "io.k8s.apimachinery.pkg.api.resource.Quantity"
	// quantityPattern is Kubernetes' quantity syntax as controller-gen writes it into CRD schemas.
	quantityPattern = `^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$`
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: k8s-schema SWAGGER.json OUT")
		os.Exit(2)
	}
	n, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "k8s-schema:", err)
		os.Exit(1)
	}
	fmt.Printf("k8s-schema: %d kinds from %s\n", n, os.Args[1])
}

// run writes the schema of every kind of the OpenAPI document at in under out and returns how many.
func run(in, out string) (int, error) {
	f, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	files, err := convert(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", in, err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// convert reads an OpenAPI v2 document and returns each kind's schema file by its path under OUT.
func convert(r io.Reader) (map[string][]byte, error) {
	var doc struct {
		Definitions map[string]map[string]any `json:"definitions"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an OpenAPI v2 document: %w", err)
	}
	if len(doc.Definitions) == 0 {
		return nil, errors.New("no definitions (expected an OpenAPI v2 document such as api/openapi-spec/swagger.json)")
	}
	defs := make(map[string]any, len(doc.Definitions))
	for name, s := range doc.Definitions {
		if name == quantity {
			defs[name] = map[string]any{"oneOf": []any{
				map[string]any{"type": "string", "pattern": quantityPattern},
				map[string]any{"type": "number"},
			}}
			continue
		}
		defs[name] = strict(s)
	}
	for name := range doc.Definitions {
		defs[name+nullSuffix] = nullable(maps.Clone(defs[name].(map[string]any)))
	}
	files := map[string][]byte{}
	owner := map[string]string{} // path -> definition, to refuse two definitions of one kind
	for name, s := range doc.Definitions {
		gvks, _ := s["x-kubernetes-group-version-kind"].([]any)
		for _, g := range gvks {
			gvk, _ := g.(map[string]any)
			group, _ := gvk["group"].(string)
			version, _ := gvk["version"].(string)
			kind, _ := gvk["kind"].(string)
			if version == "" || kind == "" {
				return nil, fmt.Errorf("definition %s: x-kubernetes-group-version-kind without version or kind", name)
			}
			if group == "" {
				group = version // kubeconform's {{ .Group }} for apiVersion "v1"
			}
			path := group + "/" + version + "/" + strings.ToLower(kind) + ".json"
			if other, dup := owner[path]; dup {
				return nil, fmt.Errorf("definitions %s and %s are both %s", other, name, path)
			}
			owner[path] = name
			closure := map[string]any{}
			reach(defs, name, closure)
			b, err := json.Marshal(map[string]any{"$ref": defPrefix + name, "definitions": closure})
			if err != nil {
				return nil, err
			}
			files[path] = b
		}
	}
	return files, nil
}

// strict returns a copy of an OpenAPI schema for JSON-schema validation: unknown properties rejected,
// optional properties nullable, int-or-string as a union, descriptions dropped.
func strict(s map[string]any) map[string]any {
	if s["format"] == "int-or-string" {
		return map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}
	}
	out := make(map[string]any, len(s))
	for k, v := range s {
		switch k {
		case "description":
		case "items", "additionalProperties":
			if m, ok := v.(map[string]any); ok {
				v = strict(m)
			}
			out[k] = v
		case "allOf", "anyOf", "oneOf":
			list, _ := v.([]any)
			conv := make([]any, len(list))
			for i, e := range list {
				if m, ok := e.(map[string]any); ok {
					conv[i] = strict(m)
				} else {
					conv[i] = e
				}
			}
			out[k] = conv
		case "properties":
		default:
			out[k] = v
		}
	}
	props, ok := s["properties"].(map[string]any)
	if !ok {
		return out
	}
	required := map[string]bool{}
	if list, ok := s["required"].([]any); ok {
		for _, r := range list {
			if name, ok := r.(string); ok {
				required[name] = true
			}
		}
	}
	conv := make(map[string]any, len(props))
	for name, p := range props {
		m, ok := p.(map[string]any)
		if !ok {
			conv[name] = p
			continue
		}
		m = strict(m)
		if !required[name] {
			m = nullable(m)
		}
		conv[name] = m
	}
	out["properties"] = conv
	if _, set := s["additionalProperties"]; !set {
		out["additionalProperties"] = false
	}
	return out
}

// nullable lets a schema also accept null.
func nullable(s map[string]any) map[string]any {
	switch t := s["type"].(type) {
	case string:
		s["type"] = []any{t, "null"}
		return s
	case []any:
		s["type"] = append(t, "null")
		return s
	}
	if one, ok := s["oneOf"].([]any); ok && len(s) == 1 {
		s["oneOf"] = append(one, map[string]any{"type": "null"})
		return s
	}
	if ref, ok := s["$ref"].(string); ok && strings.HasPrefix(ref, defPrefix) {
		// A variant of the definition that also takes null (convert adds one for each): clearer errors
		// than anyOf [null, $ref], which would report every mismatch twice.
		s["$ref"] = ref + nullSuffix
	}
	return s
}

// reach adds definition name and every definition it references to closure.
func reach(defs map[string]any, name string, closure map[string]any) {
	if _, done := closure[name]; done {
		return
	}
	d, ok := defs[name]
	if !ok {
		return // a dangling reference fails when kubeconform compiles the schema
	}
	closure[name] = d
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && strings.HasPrefix(ref, defPrefix) {
				reach(defs, strings.TrimPrefix(ref, defPrefix), closure)
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(d)
}
