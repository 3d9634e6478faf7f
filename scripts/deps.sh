#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages dongshu needs, if any is missing; the one list of them, in two groups.
# Usage: scripts/deps.sh [game] [test]   (default: game)
#   game: what `make play` needs to build and open the game —
#     gcc, libc6-dev, pkg-config and the X11/GL/ALSA -dev packages: ebiten (the game) links against them.
#   test: what `make test` and `make screenshots` need besides —
#     xvfb, xauth: a virtual display for the game's rendering tests and screenshots;
#     glpk-utils: glpsol, the independent LP solver the allocator is checked against;
#     chromium: the headless browser the classroom web client's test drives (chromedp);
#     qemu-user, nodejs: run the arm64 and js/wasm builds, whose outputs must equal the native ones
#     (TestSameOutputsOnEveryArch).
set -euo pipefail
game=(gcc libc6-dev pkg-config libgl1-mesa-dev libxrandr-dev libxcursor-dev libxinerama-dev libxi-dev
  libxxf86vm-dev libasound2-dev)
test=(xvfb xauth glpk-utils chromium qemu-user nodejs)
[ $# -eq 0 ] && set -- game
pkgs=()
for group in "$@"; do
  case "$group" in
  game) pkgs+=("${game[@]}") ;;
  test) pkgs+=("${test[@]}") ;;
  *) echo "deps.sh: unknown group '$group' (game, test)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
