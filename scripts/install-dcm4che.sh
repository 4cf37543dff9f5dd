#!/usr/bin/env bash
# Puts dcm4che (the DICOM toolkit) into the local Maven repository from a folder of its artifacts in
# Maven repository layout (org/dcm4che/dcm4che-core/5.34.3/..., as dcm4che's own repository serves it).
# dcm4che is not on Maven Central. Without such a folder, Maven fetches it from dcm4che's public
# repository (https://www.dcm4che.org/maven2/, the profile dcm4che-repository in pom.xml), and this
# script does nothing. Quick and idempotent: it copies only what is missing or different.
#
#   scripts/install-dcm4che.sh          # looks in $DCM4CHE_MAVEN_REPO, ../shared/maven, /work/shared/maven
#   scripts/install-dcm4che.sh DIR      # uses DIR (the folder that holds org/dcm4che)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
REPO=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}   # set MAVEN_REPO_LOCAL if settings.xml moves it

version=$(sed -n 's:.*<dcm4che.version>\(.*\)</dcm4che.version>.*:\1:p' "$root/pom.xml")
# The profile that declares dcm4che's repository is switched off by the presence of this version's pom.
if ! grep -q "org/dcm4che/dcm4che-core/$version/dcm4che-core-$version.pom" "$root/pom.xml"; then
  echo "install-dcm4che: pom.xml's dcm4che-repository profile names another version than dcm4che.version $version" >&2
  exit 1
fi

src=""
for candidate in "${1:-}" "${DCM4CHE_MAVEN_REPO:-}" "$root/../shared/maven" /work/shared/maven; do
  if [ -n "$candidate" ] && [ -d "$candidate/org/dcm4che/dcm4che-core/$version" ]; then
    src="$candidate"
    break
  fi
done
if [ -z "$src" ]; then
  if [ -n "${1:-}" ]; then
    echo "install-dcm4che: $1 holds no org/dcm4che/dcm4che-core/$version" >&2
    exit 1
  fi
  exit 0 # Maven fetches dcm4che from its repository
fi

copied=0
for dir in "$src"/org/dcm4che/*/"$version"; do
  artifact=$(basename "$(dirname "$dir")")
  target="$REPO/org/dcm4che/$artifact/$version"
  for file in "$dir"/*; do
    name=$(basename "$file")
    if ! cmp -s "$file" "$target/$name"; then
      mkdir -p "$target"
      cp "$file" "$target/$name"
      chmod u+w "$target/$name"
      copied=$((copied + 1))
    fi
  done
done
if [ "$copied" -gt 0 ]; then
  echo "install-dcm4che: dcm4che $version installed into $REPO from $src ($copied files)" >&2
fi
