#!/usr/bin/env bash
# Makes the class-data archive that ./dect maps at start (AppCDS): the classes a demo run loads, parsed
# and verified once here. Run by the build (cli/pom.xml, phase package):
#   class-data-archive.sh JAVA JAR ARCHIVE WORKDIR
# The options must be ./dect's own (see the launcher): the JVM ignores an archive made with others.
# A JVM that cannot make an archive at all (some custom runtimes have no base archive) is found by a
# trial on -version; the build then makes none and ./dect runs without. Any failure of the demo
# itself, dect's internal-error exit 1 included, fails the build.
set -euo pipefail
java="$1" jar="$2" archive="$3" work="$4"
opts=(-XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=75 -Xmn64m -XX:GCTimeRatio=1 -Xlog:cds=off,cds+dynamic=off)
mkdir -p "$work"
rm -f "$archive"
if ! "$java" "${opts[@]}" -XX:ArchiveClassesAtExit="$work/trial.jsa" -version >/dev/null 2>&1; then
  echo "class-data archive: $java cannot make one; ./dect runs without it" >&2
  exit 0
fi
"$java" "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" -q demo --overwrite "$work/demo"
