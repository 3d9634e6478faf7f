#!/usr/bin/env bash
# Checks with an independent reader (DuckDB, from npm) that a sweep's Parquet files hold the same rows as
# the CSV files of the same sweep: runs and timeseries. Needs node and npm; DuckDB is installed once into
# scripts/parquet-check/node_modules (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  echo "check-parquet: installing nodejs and npm (apt)"
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nodejs npm
fi
here=scripts/parquet-check
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  (cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/dongshu-batch" ./cmd/dongshu-batch
args=(sweep --reps 3 --set planner.enforcement=0,1 --set 'behaviour.build_options_mw=0,100;0,100,400' --timeseries)
"$tmp/dongshu-batch" "${args[@]}" --out "$tmp/csv" >/dev/null 2>&1
"$tmp/dongshu-batch" "${args[@]}" --format parquet --out "$tmp/pq" >/dev/null 2>&1
for t in runs timeseries; do
  node "$here/check.mjs" "$tmp/csv/$t.csv" "$tmp/pq/$t.parquet"
done
