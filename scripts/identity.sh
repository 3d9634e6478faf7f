#!/usr/bin/env bash
# Prints a checksum of every preset's run output (seeds 1 and 2), a small sweep and one LP instance, so that a
# refactor can prove it changed no figure: run it before and after and diff the two listings.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
CGO_ENABLED=0 go build -o "$bin/dongshu-batch" ./cmd/dongshu-batch
for preset in $(ls configs/presets | sed 's/\.toml$//'); do
  for seed in 1 2; do
    out="$bin/out-$preset-$seed"
    "$bin/dongshu-batch" run --preset "$preset" --seed "$seed" --out "$out" >/dev/null
    for f in timeseries.csv summary.json; do
      printf '%s  %s/seed%s/%s\n' "$(sha256sum <"$out/$f" | cut -c1-16)" "$preset" "$seed" "$f"
    done
  done
done
"$bin/dongshu-batch" sweep --reps 3 --set planner.enforcement=0,1 --out "$bin/sweep" >/dev/null 2>&1
printf '%s  sweep/runs.csv\n' "$(sha256sum <"$bin/sweep/runs.csv" | cut -c1-16)"
"$bin/dongshu-batch" allocation --month 2022-06 --lp "$bin/a.lp" >/dev/null
printf '%s  allocation/2022-06.lp\n' "$(sha256sum <"$bin/a.lp" | cut -c1-16)"
