#!/usr/bin/env bash
# Checks with an independent reader (DuckDB, from npm) that a sweep's Parquet files hold the same rows as
# the CSV files of the same sweep: runs and timeseries, exactly; and that a --keep-bits 16 sweep's
# timeseries.parquet is within the relative bound 2^-17 of the CSV (its runs.parquet exact), and not
# within 2^-20 (so the rounding did happen). Needs node and npm; DuckDB is installed once into
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
"$tmp/dongshu-batch" "${args[@]}" --format parquet --keep-bits 16 --out "$tmp/pq16" >/dev/null 2>&1
for t in runs timeseries; do
  node "$here/check.mjs" "$tmp/csv/$t.csv" "$tmp/pq/$t.parquet"
done
node "$here/check.mjs" "$tmp/csv/runs.csv" "$tmp/pq16/runs.parquet"
node "$here/check.mjs" --rel-tol 7.62939453125e-06 "$tmp/csv/timeseries.csv" "$tmp/pq16/timeseries.parquet" # 2^-17
if node "$here/check.mjs" --rel-tol 9.5367431640625e-07 "$tmp/csv/timeseries.csv" "$tmp/pq16/timeseries.parquet" >/dev/null; then # 2^-20
  echo "check-parquet: the --keep-bits 16 timeseries is within 2^-20 of the CSV: was it rounded?" >&2
  exit 1
fi
