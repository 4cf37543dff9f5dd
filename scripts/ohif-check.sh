#!/usr/bin/env bash
# Does OHIF v3 draw dect's SEG on the CT? (issue 18) A phantom decomposed, its CT and SEG stored in a
# real Orthanc (Debian's, with orthanc-dicomweb) on loopback, OHIF's prebuilt viewer (@ohif/app from npm)
# served beside Orthanc's DICOMweb by scripts/ohif/serve.py, and headless Chromium (puppeteer-core)
# loading the study N times as a user does: open, double-click the SEG, Yes. A load counts when the
# viewport shows urate green and calcium purple. The second round delays every metadata answer by
# DELAY seconds, as a slow PACS does. CONTROL=1 stores instead the SEG as dect wrote it before the fix
# (each frame derived from both energies, both series referenced: scripts/ohif/two-series-seg.py), to
# show that the check can fail.
#   scripts/ohif-check.sh [N=10] [DELAY=3]
# Needs: orthanc, orthanc-dicomweb, chromium, npm; dect built (./dect does it).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-10}" delay="${2:-3}"
work="$(mktemp -d)"
cache="${DECT_TEST_DATA:-$HOME/.cache/dect-test-data}/ohif"
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

if [ ! -f "$cache/node_modules/puppeteer-core/package.json" ] || [ ! -f "$cache/package/dist/index.html" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm install --silent --no-audit --no-fund puppeteer-core@24 >/dev/null && npm pack --silent @ohif/app@3.13.2 >/dev/null \
     && tar xzf ohif-app-3.13.2.tgz && rm ohif-app-3.13.2.tgz)
fi
mkdir -p "$work/dist"
cp -r "$cache/package/dist/." "$work/dist/"
cp "$here/scripts/ohif/app-config.js" "$work/dist/app-config.js"

"$here/dect" -q phantom "$work/study" --size 128x128x40 --seed 5 >/dev/null
"$here/dect" -q decompose "$work/study" -o "$work/out" --outputs fused,seg,report >/dev/null
if [ -n "${CONTROL:-}" ]; then
  /usr/bin/python3 "$here/scripts/ohif/two-series-seg.py" "$work/out/seg/segmentation.dcm" "$work/study/high" "$work/two-series.dcm"
  mv "$work/two-series.dcm" "$work/out/seg/segmentation.dcm"
fi
cat > "$work/orthanc.json" <<JSON
{"Name": "ohif-check", "StorageDirectory": "$work/db", "IndexDirectory": "$work/db", "HttpPort": 18045, "DicomPort": 14245,
 "RemoteAccessAllowed": false, "HttpBindAddress": "127.0.0.1", "AuthenticationEnabled": false,
 "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"], "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}}
JSON
/usr/sbin/Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 & echo $! > "$work/orthanc.pid"
until curl -sf http://127.0.0.1:18045/system >/dev/null; do sleep 0.2; done
find "$work/study/low" "$work/study/high" "$work/out/seg" -name '*.dcm' | while read -r f; do
  curl -sf -X POST --data-binary @"$f" http://127.0.0.1:18045/instances >/dev/null
done
study=$(curl -sf http://127.0.0.1:18045/studies?expand | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["MainDicomTags"]["StudyInstanceUID"])')

for d in 0 "$delay"; do
  /usr/bin/python3 "$here/scripts/ohif/serve.py" 18046 "$work/dist" http://127.0.0.1:18045 "$d" & echo $! > "$work/serve.pid"
  sleep 1
  ok=0
  for i in $(seq 1 "$n"); do
    r=$(NODE_PATH="$cache/node_modules" node "$here/scripts/ohif/check.js" "http://127.0.0.1:18046/viewer?StudyInstanceUIDs=$study" \
        "$work/load-$d-$i.png")
    green=$(echo "$r" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["green"])')
    purple=$(echo "$r" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["purple"])')
    [ "$green" -gt 20 ] && [ "$purple" -gt 20 ] && ok=$((ok + 1))
    echo "  load $i, metadata delayed ${d} s: $r"
  done
  echo "metadata delayed ${d} s: SEG drawn in $ok of $n loads"
  kill "$(cat "$work/serve.pid")"; rm -f "$work/serve.pid"
  [ -n "${KEEP_SCREENSHOTS:-}" ] && cp "$work"/load-"$d"-1.png "$KEEP_SCREENSHOTS"/ 2>/dev/null || true
done
