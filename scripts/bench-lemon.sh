#!/usr/bin/env bash
# The allocator against LEMON's network simplex (the best public min-cost-flow solver) and GLPK on the same
# instances, measured side by side in one run: 31 provinces in 2022-06 and synthetic worlds of 310 and 1000
# provinces in 2030-06 (configs.Scenario.Scale). Prints a Markdown table.
#   LEMON: lemon-mcf from ../shared/bench/lemon (built here if liblemon-dev and g++ are installed) or on the
#   PATH; glpsol from glpk-utils. Usage: scripts/bench-lemon.sh [SIZES...]   (default: 31 310 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-31 310 1000}")
[ $# -eq 0 ] && sizes=(31 310 1000)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lemon=$(command -v lemon-mcf || true)
if [ -z "$lemon" ] && [ -f ../shared/bench/lemon/lemon-mcf.cc ]; then
  cp ../shared/bench/lemon/* "$tmp/" && make -s -C "$tmp" >/dev/null && lemon="$tmp/lemon-mcf"
fi
[ -n "$lemon" ] || { echo "bench-lemon: lemon-mcf not found (apt-get install liblemon-dev g++; see ../shared/bench)"; exit 1; }
CGO_ENABLED=0 go build -o "$tmp/dongshu-batch" ./cmd/dongshu-batch
filter=$(IFS='|'; echo "provinces=(${sizes[*]})\$")
bench=$(go test -run '^$' -bench "BenchmarkAllocateScale/$filter" -benchmem -count 1 ./agents/ 2>/dev/null)
echo "| instance | objective (dongshu = LEMON = glpsol) | LEMON NS cold solve | glpsol | dongshu month to month (update + warm solve) | ratio LEMON / dongshu |"
echo "|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  month=2030-06; [ "$n" = 31 ] && month=2022-06
  scale=(); [ "$n" != 31 ] && scale=(--scale "$n")
  ours=$("$tmp/dongshu-batch" allocation "${scale[@]}" --month "$month" --dimacs "$tmp/i.min" --lp "$tmp/i.lp")
  obj=$(echo "$ours" | awk '/^objective/ {print $2}')
  arcs=$(echo "$ours" | sed -n 's/.*nodes, \([0-9]*\) arcs.*/\1/p')
  lem=$("$lemon" --repeat 5 < "$tmp/i.min" | awk '/^network_simplex/ {print $4, $6}')
  lobj=${lem% *}; lms=${lem#* }
  g="TIME -"  # glpsol needs minutes beyond ~0.5M arcs
  [ "$arcs" -lt 500000 ] && g=$( { /usr/bin/time -f 'TIME %e' timeout 600 glpsol --lp "$tmp/i.lp" 2>&1 || true; } )
  gobj=$(echo "$g" | awk '/^\*/ {v=$5} END {print v}'); gs=$(echo "$g" | awk '/^TIME/ {print $2}')
  ns=$(echo "$bench" | awk -v n="provinces=$n" '$1 ~ n {print $3}')
  ms=$(awk -v x="$ns" 'BEGIN {printf "%.3f", x/1e6}')
  [ "$obj" = "$lobj" ] || { echo "objective differs at $n provinces: dongshu $obj, LEMON $lobj"; exit 1; }
  echo "| $n provinces, $arcs arcs, $month | $obj (glpsol $gobj) | $lms ms | ${gs} s | $ms ms | $(awk -v a="$lms" -v b="$ms" 'BEGIN {printf "%.2f", a/b}') |"
done
