#!/usr/bin/env bash
# The node's figures in the README: a real Orthanc (loopback, its own configuration) as the PACS,
# dcmtk's storescu as the scanner, `./dect serve` with the launcher's JVM options (DECT_JAVA_OPTS replaces them).
#   scripts/measure-serve.sh STUDY...     each a folder with low/ and high/ (dect phantom writes them)
# Studies go one after another; the first warms the node. Per study it prints the seconds from
# storescu's end (the last instance acknowledged) to the node's "delivered" line (Orthanc acknowledged
# the last result), and that less --idle-seconds. With CONCURRENT=1 all studies are sent at once, one
# storescu each, and it prints the studies per minute from the first send to the last delivery. At the
# end it prints the node's peak memory.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
idle="${IDLE:-2}"
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/orthanc.json" <<JSON
{"Name": "measure", "StorageDirectory": "$work/db", "IndexDirectory": "$work/db", "HttpPort": 18042, "DicomPort": 14242,
 "DicomAet": "ORTHANC", "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "Plugins": [], "HttpBindAddress": "127.0.0.1"}
JSON
/usr/sbin/Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 & echo $! > "$work/orthanc.pid"
"$here/dect" serve --bind 127.0.0.1 --port 11112 --spool "$work/spool" \
  --idle-seconds "$idle" --workers "${WORKERS:-1}" --forward ORTHANC@127.0.0.1:14242 > "$work/node.log" 2>&1 & echo $! > "$work/node.pid"
until grep -q "listening on" "$work/node.log"; do sleep 0.2; done
until curl -sf http://127.0.0.1:18042/system >/dev/null; do sleep 0.2; done

study_uid() { dcmdump +P StudyInstanceUID "$(find "$1/low" -name '*.dcm' | head -1)" | sed 's/.*\[\(.*\)\].*/\1/'; }
delivered() { until grep -q "results $1-r[0-9]* delivered" "$work/node.log"; do sleep 0.05; done; date +%s.%N; }

if [ "${CONCURRENT:-0}" = 1 ]; then
  t0=$(date +%s.%N)
  senders=()
  for s in "$@"; do storescu -aec DECT +sd +r 127.0.0.1 11112 "$s/low" "$s/high" & senders+=($!); done
  wait "${senders[@]}"
  for s in "$@"; do t1=$(delivered "$(study_uid "$s")"); done
  echo "$# studies, sent at once: $(echo "$# * 60 / ($t1 - $t0)" | bc -l | xargs printf '%.1f') studies per minute"
else
  for s in "$@"; do
    uid=$(study_uid "$s")
    storescu -aec DECT +sd +r 127.0.0.1 11112 "$s/low" "$s/high"
    t0=$(date +%s.%N)
    t1=$(delivered "$uid")
    printf '%s: %.2f s from the last instance to the results in Orthanc (%.2f s less idle time)\n' "$s" \
      "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t1 - $t0 - $idle" | bc -l)"
  done
fi
grep -E "done in" "$work/node.log" | sed 's/^/  node: /'
# The node is the JVM ./dect execs: its peak memory so far.
awk '/^VmHWM:/ { printf "node peak RSS: %.2f GB\n", $2 / 1e6 }' "/proc/$(cat "$work/node.pid")/status"
