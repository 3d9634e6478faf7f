#!/usr/bin/env bash
# Validates the Kubernetes Indexed Job docs/cluster/sweep-job.yaml against the Kubernetes JSON schema
# (strict: unknown fields are errors) with kubeconform, built from the Go module proxy. kubeconform reads
# its schemas from raw.githubusercontent.com/yannh/kubernetes-json-schema at run time, so this needs that
# network access, or KUBE_SCHEMAS=DIR naming a local copy of that repository (e.g. a git clone made on a
# connected machine). Usage: scripts/k8s-check.sh   (make k8s-check)
set -euo pipefail
cd "$(dirname "$0")/.."
version=v0.8.0
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
GOBIN="$bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@$version"
loc=()
if [ -n "${KUBE_SCHEMAS:-}" ]; then
  loc=(-schema-location "$KUBE_SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json")
fi
if ! "$bin/kubeconform" -strict -summary "${loc[@]}" docs/cluster/sweep-job.yaml; then
  echo "k8s-check: failed (a schema that cannot be downloaded shows as an error, not as invalid: set KUBE_SCHEMAS offline)" >&2
  exit 1
fi
