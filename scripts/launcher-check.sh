#!/usr/bin/env bash
# Checks which compilers ./dect gives the JVM: the quick one alone for a study and for a batch of at
# most 4 GiB of files (per machine of a --shard), both for serve and for a larger batch; and that only
# decompose, one study in a process that then ends, has the collector mark late. A java on
# PATH that prints its arguments stands in for the JVM, sparse files for the studies. Needs the jar
# built (./dect builds it otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/bin" "$t/small/s1" "$t/small/s2" "$t/large/s1" "$t/large/s2"
printf '#!/bin/sh\necho "$@"\n' > "$t/bin/java"
chmod +x "$t/bin/java"
truncate -s 1G "$t/small/s1/IM1.dcm" "$t/small/s2/IM1.dcm"
truncate -s 3G "$t/large/s1/IM1.dcm" "$t/large/s2/IM1.dcm"
printf 'study,path\nl1,large/s1\nl2,large/s2\n' > "$t/large.csv"
# A manifest as a spreadsheet writes it: spaces around the commas, CRLF line ends.
printf 'study , patient , path\r\nl1 , p , large/s1\r\nl2 , p , %s/large/s2\r\n' "$t" > "$t/spreadsheet.csv"
printf 'study,path\nl1,large/s1\n' > "$t/one.csv"

failed=0
check() { # check WHAT FLAG IF_SET IF_NOT WANT ARGS...: is FLAG among the options ./dect ARGS runs the JVM with?
  local what="$1" flag="$2" if_set="$3" if_not="$4" want="$5"
  shift 5
  local got is="$if_not"
  got="$(cd "$t" && env -u DECT_JAVA_OPTS PATH="$t/bin:$PATH" "$OLDPWD/dect" "$@")"
  [[ " $got " == *" $flag "* ]] && is="$if_set"
  if [ "$is" != "$want" ]; then
    echo "launcher-check: dect $* ran with $what $is, not $want: $got" >&2
    failed=1
  fi
}
expect() { check compilers -XX:TieredStopAtLevel=1 quick both "$@"; }           # expect quick|both ARGS...
expect_marking() { check marking -XX:-G1UseAdaptiveIHOP late adaptive "$@"; } # expect_marking late|adaptive ARGS...

expect quick decompose small/s1 -o out
expect quick batch small -o out
expect both batch large -o out
expect both -q batch large -o out --jobs 2
expect quick batch -o large small
expect quick batch --output=large small
expect quick batch large -o out --shard 1/2
expect quick batch --shard=2/2 large -o out
expect both batch large -o out --shard 1/1
expect both batch large.csv -o out
expect both batch spreadsheet.csv -o out
expect quick batch one.csv -o out
expect quick batch --merge large -o out
expect both serve --spool spool
# One study marks late; every process that frees one study's volumes for the next marks as G1 chooses.
expect_marking late decompose small/s1 -o out
expect_marking late -q decompose small/s1 -o out
expect_marking adaptive batch small -o out
expect_marking adaptive batch large -o out
expect_marking adaptive serve --spool spool
expect_marking adaptive compare small/s1 small/s2 -o out
[ "$failed" -eq 0 ] && echo "launcher-check: the compilers and the marking ./dect chooses are as expected"
exit "$failed"
