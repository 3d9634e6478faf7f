#!/usr/bin/env bash
# The allocator against LEMON's network simplex (the best public min-cost-flow solver) and GLPK on the same
# instances, measured side by side in one run: 31 provinces in 2022-06 and synthetic worlds of 310 and 1000
# provinces in 2030-06 (configs.Scenario.Scale). Prints a Markdown table; fails if an optimum differs.
#   LEMON: lemon-mcf from ../shared/bench/lemon (built here if liblemon-dev and g++ are installed) or on the
#   PATH; glpsol from glpk-utils. Usage: scripts/bench-lemon.sh [SIZES...]   (default: 31 310 1000)
#   BASELINE_BIN=path/to/another/dongshu-batch (with allocation --time) adds that build's month-to-month
#   time, measured in the same run (only for a build whose runs give the same outputs up to the instance's
#   month: otherwise its instance is another one); GLPSOL_MAX_ARCS (default 500000) skips glpsol on larger instances
#   (it needs minutes beyond that).
# dongshu's month to month is `allocation --time`: the month's instance rebuilt and solved warm from last
# month's basis, the mean over the 12 months to the instance's month (the least of 5 runs on instances
# under 20,000 arcs, where one run is noisy); its cold solve is the same instance in a new solver.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] && set -- 31 310 1000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lemon=$(command -v lemon-mcf || true)
if [ -z "$lemon" ] && [ -f ../shared/bench/lemon/lemon-mcf.cc ]; then
  cp ../shared/bench/lemon/* "$tmp/" && make -s -C "$tmp" >/dev/null && lemon="$tmp/lemon-mcf"
fi
[ -n "$lemon" ] || { echo "bench-lemon: lemon-mcf not found (apt-get install liblemon-dev g++; see ../shared/bench)"; exit 1; }
CGO_ENABLED=0 go build -o "$tmp/dongshu-batch" ./cmd/dongshu-batch
field() { sed -n "s/^$1 \([0-9.]*\).*/\1/p"; } # the number after a line's leading words
# mtm BIN ARGS...: month-to-month ms of `BIN allocation ARGS --time`, checking its objective.
mtm() {
  local best="" out t i runs=1
  [ "$arcs" -lt 20000 ] && runs=5
  for ((i = 0; i < runs; i++)); do
    out=$("$@" --time)
    [ "$(echo "$out" | field objective)" = "$obj" ] || { echo "bench-lemon: $n provinces: $1 finds another objective ($(echo "$out" | field objective) against $obj): a build whose runs differ before $month builds another instance, so only builds with the same outputs compare" >&2; exit 1; }
    t=$(echo "$out" | field "month-to-month ms")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}
bh="" br=""
[ -n "${BASELINE_BIN:-}" ] && bh=" baseline build month to month |" br="---|"
echo "| instance | objective (dongshu = LEMON = glpsol) | LEMON NS cold solve | dongshu cold solve |$bh dongshu month to month (update + warm solve) | ratio LEMON cold / dongshu | glpsol solve / wall |"
echo "|---|---|---|---|$br---|---|---|"
for n in "$@"; do
  month=2030-06; [ "$n" = 31 ] && month=2022-06
  scale=(); [ "$n" != 31 ] && scale=(--scale "$n")
  ours=$("$tmp/dongshu-batch" allocation "${scale[@]}" --month "$month" --dimacs "$tmp/i.min" --lp "$tmp/i.lp" --time)
  obj=$(echo "$ours" | field objective)
  arcs=$(echo "$ours" | sed -n 's/.*nodes, \([0-9]*\) arcs.*/\1/p')
  ms=$(echo "$ours" | field "month-to-month ms")
  [ "$arcs" -lt 20000 ] && ms=$(mtm "$tmp/dongshu-batch" allocation "${scale[@]}" --month "$month" --lp "$tmp/j.lp")
  cold=$(echo "$ours" | field "cold solve ms")
  lem=$("$lemon" --repeat 5 < "$tmp/i.min" | awk '/^network_simplex/ {print $4, $6}')
  lobj=${lem% *}; lms=${lem#* }
  [ "$obj" = "$lobj" ] || { echo "objective differs at $n provinces: dongshu $obj, LEMON $lobj"; exit 1; }
  base=""
  [ -n "${BASELINE_BIN:-}" ] && base=" $(mtm "$BASELINE_BIN" allocation "${scale[@]}" --month "$month" --lp "$tmp/b.lp") ms |"
  g="skipped (>${GLPSOL_MAX_ARCS:-500000} arcs)"
  if [ "$arcs" -le "${GLPSOL_MAX_ARCS:-500000}" ]; then
    t0=$(date +%s.%N)
    glpsol --lp "$tmp/i.lp" -w "$tmp/i.sol" >"$tmp/glpsol.log"
    t1=$(date +%s.%N)
    gobj=$(awk '$1 == "s" { print $7 }' "$tmp/i.sol")
    awk -v a="$gobj" -v b="$obj" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }' ||
      { echo "objective differs at $n provinces: dongshu $obj, glpsol $gobj"; exit 1; }
    g="$(sed -n 's/^Time used: *\([0-9.]*\) secs/\1/p' "$tmp/glpsol.log") s / $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
  fi
  echo "| $n provinces, $arcs arcs, $month | $obj | $lms ms | $cold ms |$base $ms ms | $(awk -v a="$lms" -v b="$ms" 'BEGIN {printf "%.2f", a/b}') | $g |"
done
