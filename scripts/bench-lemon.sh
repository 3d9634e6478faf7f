#!/usr/bin/env bash
# Compares the allocator with LEMON's network simplex (the reference C++ implementation) and GLPK's LP
# simplex on the same allocation instances, measured side by side in one run, and prints a Markdown table.
#
# Needs lemon-mcf on the PATH (a small driver over LEMON: Debian's liblemon-dev and g++; it reads a DIMACS
# min-cost-flow file on stdin and prints "network_simplex optimal objective N ms T") and glpsol
# (glpk-utils, scripts/deps.sh). Usage:
#   scripts/bench-lemon.sh [SPEC...]      SPEC = PROVINCES@MONTH, default 31@2022-06 310@2030-06 1000@2030-06
# Environment: GLPSOL_MAX_ARCS (default 2000000) skips glpsol on larger instances; REPEAT (default 5) is
# lemon-mcf's --repeat (best of); BASELINE_BIN=path/to/another/dongshu-batch (e.g. main's, built with
# `go build -o`) adds that build's month-to-month time as a column, measured in the same run. Writing the 1000-province instance simulates ten years of a
# 1000-province world first: allow a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v lemon-mcf >/dev/null; then
  echo "bench-lemon.sh: lemon-mcf is not on the PATH (build it from LEMON: apt-get install -y liblemon-dev g++)" >&2
  exit 2
fi
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(31@2022-06 310@2030-06 1000@2030-06)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/dongshu-batch" ./cmd/dongshu-batch
field() { sed -n "s/^$1 \([0-9.]*\).*/\1/p"; } # the number after a line's leading words
# mtm BIN ARGS...: the least month-to-month time of 5 runs on small instances (one run's mean of 13 months
# is a millisecond or less there, noisy on a shared machine), of one run on large ones.
mtm() {
  local best="" out t i runs=1
  [ "$arcs" -lt 20000 ] && runs=5
  for ((i = 0; i < runs; i++)); do
    out=$("$@" --time)
    [ "$(echo "$out" | field objective)" = "$obj" ] || { echo "bench-lemon.sh: $spec: $1 finds another optimum" >&2; exit 1; }
    t=$(echo "$out" | field "month-to-month ms")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

base_head="" base_rule=""
if [ -n "${BASELINE_BIN:-}" ]; then
  base_head=" baseline build m-t-m (ms) |" base_rule="---|"
fi
echo "| instance | nodes | arcs | LEMON NS cold (ms) | dongshu cold (ms) |$base_head dongshu month-to-month (ms) | LEMON cold / dongshu m-t-m | glpsol solve / wall (s) | objective |"
echo "|---|---|---|---|---|$base_rule---|---|---|---|"
for spec in "${specs[@]}"; do
  n=${spec%@*} month=${spec#*@}
  scale=()
  [ "$n" = 31 ] || scale=(--scale "$n") # the baseline itself has 31 provinces
  out=$("$tmp/dongshu-batch" allocation --month "$month" "${scale[@]}" --lp "$tmp/a.lp" --dimacs "$tmp/a.min" --time)
  obj=$(echo "$out" | field objective)
  nodes=$(echo "$out" | sed -n 's/.*: \([0-9]*\) nodes, \([0-9]*\) arcs.*/\1/p')
  arcs=$(echo "$out" | sed -n 's/.*: \([0-9]*\) nodes, \([0-9]*\) arcs.*/\2/p')
  mtm=$(echo "$out" | field "month-to-month ms")
  [ "$arcs" -ge 20000 ] || mtm=$(mtm "$tmp/dongshu-batch" allocation --month "$month" "${scale[@]}" --lp "$tmp/c.lp")
  cold=$(echo "$out" | field "cold solve ms")
  lemon=$(lemon-mcf --repeat "${REPEAT:-5}" <"$tmp/a.min" | grep '^network_simplex')
  lobj=$(echo "$lemon" | sed -n 's/.* objective \([0-9-]*\) .*/\1/p')
  lms=$(echo "$lemon" | sed -n 's/.* ms \([0-9.e+-]*\).*/\1/p')
  if [ "$lobj" != "$obj" ]; then
    echo "bench-lemon.sh: $spec: LEMON's optimum $lobj, dongshu's $obj" >&2
    exit 1
  fi
  glp="skipped"
  if [ "$arcs" -le "${GLPSOL_MAX_ARCS:-2000000}" ]; then
    t0=$(date +%s.%N)
    glpsol --lp "$tmp/a.lp" -w "$tmp/a.sol" >"$tmp/glpsol.log"
    t1=$(date +%s.%N)
    gobj=$(awk '$1 == "s" { print $7 }' "$tmp/a.sol")
    if ! awk -v a="$gobj" -v b="$obj" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then
      echo "bench-lemon.sh: $spec: glpsol's optimum $gobj, dongshu's $obj" >&2
      exit 1
    fi
    glp="$(sed -n 's/^Time used: *\([0-9.]*\) secs/\1/p' "$tmp/glpsol.log") / $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
  fi
  base=""
  if [ -n "${BASELINE_BIN:-}" ]; then
    base=" $(mtm "$BASELINE_BIN" allocation --month "$month" "${scale[@]}" --lp "$tmp/b.lp") |"
  fi
  ratio=$(awk -v a="$lms" -v b="$mtm" 'BEGIN { printf "%.1f", a / b }')
  echo "| $n provinces, $month | $nodes | $arcs | $lms | $cold |$base $mtm | $ratio | $glp | $obj |"
done
