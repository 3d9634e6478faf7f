#!/usr/bin/env bash
# Validates every Kubernetes object in docs/cluster/*.yaml (today the Indexed Job sweep-job.yaml) against the
# Kubernetes API schema, strictly: unknown fields, wrong types, missing required fields, malformed quantities,
# duplicate keys and unknown kinds or apiVersions are errors. Offline apart from the Go module proxy:
#   - the schema is the OpenAPI document of Kubernetes itself, api/openapi-spec/swagger.json in the Go module
#     k8s.io/kubernetes@$KUBE_VERSION (default below; any release, e.g. KUBE_VERSION=v1.35.4 for an older
#     cluster);
#   - scripts/k8s-schema turns it into strict per-kind JSON schemas;
#   - kubeconform (built from the Go module proxy) validates the files against them.
# Then it validates deliberately broken copies of the Job and fails if any of them passes, or fails for
# another reason than the one it was broken for. Usage: scripts/k8s-check.sh   (make k8s-check)
set -euo pipefail
cd "$(dirname "$0")/.."
kube=${KUBE_VERSION:-v1.37.2}
kubeconform=v0.8.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Outside this module, so that the download touches neither go.mod nor go.sum.
dir=$(cd "$tmp" && go mod download -json "k8s.io/kubernetes@$kube" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
spec="$dir/api/openapi-spec/swagger.json"
[ -f "$spec" ] || { echo "k8s-check: no OpenAPI document in k8s.io/kubernetes@$kube ($spec)" >&2; exit 1; }
go run ./scripts/k8s-schema "$spec" "$tmp/schemas" >/dev/null
GOBIN="$tmp/bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@$kubeconform"
validate() {
  "$tmp/bin/kubeconform" -strict -schema-location "$tmp/schemas/{{ .Group }}/{{ .ResourceAPIVersion }}/{{ .ResourceKind }}.json" "$@"
}

shopt -s nullglob
files=(docs/cluster/*.yaml docs/cluster/*.yml)
[ ${#files[@]} -gt 0 ] || { echo "k8s-check: no YAML file in docs/cluster" >&2; exit 1; }
if ! validate -summary "${files[@]}"; then
  echo "k8s-check: invalid against the schema of Kubernetes $kube" >&2
  exit 1
fi

# Negative cases: NAME, sed expression applied to the Job, text kubeconform must print.
job=docs/cluster/sweep-job.yaml
cases=(
  "unknown field|s/completionMode: Indexed/completionsMode: Indexed/|additional properties 'completionsMode' not allowed"
  "wrong type|s/parallelism: 4/parallelism: \"two\"/|at '/spec/parallelism': got string, want null or integer"
  "missing required field|s/^      containers:/      initContainers:/|at '/spec/template/spec': missing property 'containers'"
  "malformed quantity|s/cpu: \"2\"/cpu: \"2 cores\"/|at '/spec/template/spec/containers/0/resources/requests/cpu'"
  "unknown apiVersion|s#^apiVersion: batch/v1#apiVersion: batch/v2#|could not find schema for Job"
  "duplicate key|s/^  parallelism: 4/  parallelism: 4\n  parallelism: 2/|already set in map"
)
for c in "${cases[@]}"; do
  name=${c%%|*}; rest=${c#*|}; want=${rest##*|}; expr=${rest%|*}
  bad="$tmp/broken-${name// /-}.yaml"
  sed "$expr" "$job" >"$bad"
  if cmp -s "$job" "$bad"; then
    echo "k8s-check: negative case '$name': the edit '$expr' no longer applies to $job; update the case" >&2
    exit 1
  fi
  if out=$(validate "$bad" 2>&1); then
    echo "k8s-check: negative case '$name' passed validation: the check is not strict" >&2
    exit 1
  fi
  if [[ $out != *"$want"* ]]; then
    echo "k8s-check: negative case '$name' failed, but not with \"$want\":" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "k8s-check: broken copy rejected ($name): $(echo "$out" | tr '\n' ' ' | sed -e "s/.*validation failed with '[^']*' - //" -e 's/^[^:]* - [^:]*: //' -e 's/ *$//')"
done
echo "k8s-check: ok (${files[*]}) against Kubernetes $kube, strict; ${#cases[@]} broken copies rejected"
