#!/usr/bin/env bash
# The guards of issue 15, each removed in turn from a copy of the sources: the test named beside it
# must then fail. Prints one line per guard, "caught" or "MISSED", and exits 1 when any is missed.
# Takes about a minute per guard on 2 cores; the working tree and the local Maven repository are not
# touched (each mutant is built and tested in a copy, with the reactor's own jars).
#   scripts/mutation-check.sh            every guard
#   scripts/mutation-check.sh gantry seg-dimension-index   only these guards (a name, or its first word)
set -euo pipefail
cd "$(dirname "$0")/.."
main=core/src/main/java/org/dect

# name ~ file ~ text to find (fixed string, must occur once) ~ replacement ~ module ~ test
guards=$(cat <<'EOF'
frame-of-reference~study/PairSelector.java~if (!Objects.equals(a.frameOfReferenceUid(), b.frameOfReferenceUid())) {~if (false) {~testdata~DualEnergyLoaderTest#framesOfReferenceMustAgree
sideways-offset~study/DualEnergyLoader.java~sideways > POSITION_TOLERANCE * pixel~false~testdata~DualEnergyLoaderTest#aSidewaysOffsetBetweenTheEnergiesIsRefused
gantry-tilt~study/SliceStack.java~if (shift > 0.5 * pixel) {~if (false) {~testdata~DualEnergyLoaderTest#gantryTiltIsRefused
mixed-series~study/SeriesInfo.java~if (imageType.matches(".*\\b(MIXED|MIX|BLEND|BLENDED)\\b.*")) {~if (false) {~testdata~DualEnergyLoaderTest#mixedImagesAreNoEnergyOfAPair
two-reconstructions~study/SliceStack.java~if (typical < SPACING_TOLERANCE_MM) {~if (false) {~testdata~DualEnergyLoaderTest#twoReconstructionsInOneSeriesAreNamedAsSuch
output-holds-input~output/StagedOutputFolder.java~if (abs.startsWith(in) || in.startsWith(abs)) {~if (false) {~cli~BadInputTest#anOutputThatHoldsAnInputIsRefusedEvenWithOverwrite
seg-dimension-index~dicom/write/SegmentationWriter.java~setInt(Tag.DimensionIndexValues, VR.UL, s.number(), z + 1)~setInt(Tag.DimensionIndexValues, VR.UL, z + 1, s.number())~testdata~OutputsTest#segMaskReadByPydicomEqualsTheLabelsOnTheRightSlices
seg-references-low-only~dicom/write/SegmentationWriter.java~source.low().forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s));~source.low().forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s)); source.high().forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s));~testdata~DerivedReferencesTest
enhanced-ct-source-class~dicom/write/SourceSeries.java~item.setString(Tag.ReferencedSOPClassUID, VR.UI, s.identity().sopClassUid());~item.setString(Tag.ReferencedSOPClassUID, VR.UI, org.dcm4che3.data.UID.CTImageStorage);~testdata~DerivedReferencesTest#multiFrameSourcesAreReferencedByTheirOwnClassAndFrame
bone-size~lesion/LesionMeasurer.java~static final double BONE_MIN_ML = 0.03;~static final double BONE_MIN_ML = 2.0;~testdata~AccuracyTest#typicalScans
hu-refusal~decompose/ScannerCheck.java~if (t < 2 && Math.abs(delta) > REFUSAL_HU && refusal == null) {~if (false) {~cli~BadInputTest#aScanHundredsOfHuOffIsRefused
linked-folders~dicom/read/DicomFolderScanner.java~EnumSet.of(FileVisitOption.FOLLOW_LINKS)~EnumSet.noneOf(FileVisitOption.class)~testdata~DualEnergyLoaderTest#linkedFoldersAreFollowedWithoutCycles
EOF
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
missed=0
while IFS='~' read -r name file find replace module test; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -q -F -e "$name" -e "${name%%-*}"; then
    continue
  fi
  rm -rf "$work/src" && mkdir "$work/src"
  git ls-files -z | xargs -0 cp --parents -t "$work/src"
  target="$work/src/$main/$file"
  count=$(grep -c -F -- "$find" "$target" || true)
  if [ "$count" != 1 ]; then
    echo "$name: the guard's line is not in $file once (found $count times): update this script"
    missed=1
    continue
  fi
  FIND="$find" REPLACE="$replace" perl -0pi -e 's/\Q$ENV{FIND}\E/$ENV{REPLACE}/' "$target"
  # The copy's own reactor builds the mutant; -Dmaven.install.skip keeps it out of ~/.m2.
  if (cd "$work/src" && mvn -B -ntp -o package -pl "core,$module" -am -Dmaven.install.skip=true \
        -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$work/log" 2>&1); then
    if grep -q "Tests run: [1-9]" "$work/log"; then
      echo "$name: MISSED ($test passed with the guard removed)"
    else
      echo "$name: $test ran no test in $module: update this script"
    fi
    missed=1
  elif grep -q "COMPILATION ERROR" "$work/log"; then
    echo "$name: the mutant does not compile: update this script"
    missed=1
  else
    echo "$name: caught by $test"
  fi
done <<< "$guards"
exit $missed
