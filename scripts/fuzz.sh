#!/usr/bin/env bash
# Fuzzes what dect does with a file it is given (ReadFuzzTest's target: scan, then decode a slice)
# with Jazzer's command line for as long as asked, on one core:
#   scripts/fuzz.sh [SECONDS]      default 1800
# The corpus grows in ~/.cache/dect-fuzz/corpus (kept between runs, and by mvn clean), findings land
# in ~/.cache/dect-fuzz/findings; copy one into core/src/test/resources/org/dect/dicom/read/
# ReadFuzzTestInputs/scanThenLoad/ to replay it in every test run. The test suite itself fuzzes the
# same target for 30 s (surefire execution "fuzz" in core/pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
scripts/install-dcm4che.sh
mvn -q -B -ntp install -DskipTests
mvn -q -B -ntp -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt
# A copy of the classes, so that a build during a long run does not pull them away from under it.
work="$(mktemp -d)"
cp -r core/target/classes "$work/classes"
cp -r core/target/test-classes "$work/test-classes"
classpath="$work/test-classes:$work/classes:$(cat core/target/fuzz-classpath.txt)"
corpus="$HOME/.cache/dect-fuzz/corpus"
findings="$HOME/.cache/dect-fuzz/findings"
mkdir -p "$corpus" "$findings"
exec java -Xmx3g -XX:-OmitStackTraceInFastThrow -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
  --target_class=org.dect.dicom.read.ReadFuzzTest \
  --instrumentation_includes='org.dect.**:org.dcm4che3.**:com.twelvemonkeys.**:com.github.jaiimageio.**' \
  -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -artifact_prefix="$findings/" -print_final_stats=1 \
  "$corpus" core/src/test/resources/org/dect/dicom/read/ReadFuzzTestInputs/scanThenLoad
