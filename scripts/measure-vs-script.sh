#!/usr/bin/env bash
# Issue 20's yardstick: `./dect decompose` of a pair to its default outputs against the pydicom + numpy
# script that does only the ratio rule and an RGB series (scripts/baseline/ratio_rgb.py), interleaved,
# whole processes as a user runs them, input files in the page cache. Prints each run's wall time, peak
# RSS and CPU time (user, and the kernel's: on a VM that hands free memory back to its host, touching
# memory anew costs seconds a GB there; docs/performance.md), then the best and the median of each and
# the ratio of the bests.
#
#   scripts/measure-vs-script.sh STUDY [ROUNDS]     # STUDY holds low/ and high/ (dect phantom makes one)
#   dect phantom /tmp/p300 --size 512x512x300 && scripts/measure-vs-script.sh /tmp/p300 3
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
study="$(cd "$1" && pwd)"
rounds="${2:-3}"
[ -d "$study/low" ] && [ -d "$study/high" ] || { echo "measure-vs-script: $study needs low/ and high/" >&2; exit 2; }
/usr/bin/python3 -c "import pydicom, numpy" 2>/dev/null || { echo "measure-vs-script: needs python3-pydicom and python3-numpy" >&2; exit 2; }
"$root/dect" version >/dev/null   # builds the jar first if the sources are newer
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat "$study"/low/* "$study"/high/* >/dev/null   # into the page cache

run() { # NAME COMMAND...: one timed run into a fresh output folder
  local name=$1
  shift
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r seconds kb user sys < "$work/time"
  echo "$name $seconds $kb $user $sys" | tee -a "$work/runs" \
    | awk '{printf "%-6s %6.2f s  %5.2f GB  CPU %5.2f s user, %5.2f s kernel\n", $1, $2, $3 / 1048576, $4, $5}'
}

for _ in $(seq "$rounds"); do
  run dect "$root/dect" -q decompose "$study" -o "$work/out"
  run script /usr/bin/python3 "$root/scripts/baseline/ratio_rgb.py" "$study/low" "$study/high" "$work/out"
done
for name in dect script; do
  grep "^$name " "$work/runs" | sort -k2 -n | awk -v n="$name" '{t[NR] = $2} END {printf "%-6s best %.2f s, median %.2f s (%d runs)\n", n, t[1], t[int((NR + 1) / 2)], NR}'
done
awk '$1 == "dect" && (d == "" || $2 < d) {d = $2} $1 == "script" && (s == "" || $2 < s) {s = $2}
     END {printf "script / dect, best of each: %.2f\n", s / d}' "$work/runs"
