#!/usr/bin/env bash
# Puts David Clunie's PixelMed toolkit (DICOM), its JPEG-lossless ImageIO plugin and codec into
# the local Maven repository, where the build finds them as com.pixelmed:pixelmed:20220618 etc.
# PixelMed is not on Maven Central; Debian packages it. Idempotent and quick when already done.
#
#   scripts/install-pixelmed.sh            # uses /usr/share/java (apt-get installs it when root)
#   scripts/install-pixelmed.sh DIR        # uses the three jars found in DIR (no root, no apt)
#
# Without root: `sudo apt-get install libpixelmed-java libpixelmed-imageio-java libpixelmed-codec-java`
# first, or unpack the three Debian .deb files (`dpkg-deb -x FILE.deb DIR`) and pass DIR/usr/share/java.
set -euo pipefail

VERSION=20220618
CODEC_VERSION=20200328
SRC_DIR=${1:-/usr/share/java}
REPO=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}   # set MAVEN_REPO_LOCAL if settings.xml moves it

installed() { [ -f "$REPO/com/pixelmed/$1/$2/$1-$2.jar" ]; }
if installed pixelmed $VERSION && installed pixelmed-imageio $CODEC_VERSION && installed pixelmed-codec $CODEC_VERSION; then
  exit 0
fi

jar_main="$SRC_DIR/pixelmed-$VERSION.jar"
jar_imageio="$SRC_DIR/pixelmed_imageio-$CODEC_VERSION.jar"
jar_codec="$SRC_DIR/pixelmed_codec-$CODEC_VERSION.jar"
# Debian names the versioned jars as above; a hand download may carry the plain names.
[ -f "$jar_main" ] || jar_main="$SRC_DIR/pixelmed.jar"
[ -f "$jar_imageio" ] || jar_imageio="$SRC_DIR/pixelmed_imageio.jar"
[ -f "$jar_codec" ] || jar_codec="$SRC_DIR/pixelmed_codec.jar"

if [ ! -f "$jar_main" ] && [ "$SRC_DIR" = /usr/share/java ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "install-pixelmed: installing PixelMed from Debian (apt-get)" >&2
    apt-get install -y -qq libpixelmed-java libpixelmed-imageio-java libpixelmed-codec-java >/dev/null \
      || { apt-get update -qq && apt-get install -y -qq libpixelmed-java libpixelmed-imageio-java libpixelmed-codec-java >/dev/null; }
  else
    echo "install-pixelmed: PixelMed is missing. Run as root, or:" >&2
    echo "  sudo apt-get install libpixelmed-java libpixelmed-imageio-java libpixelmed-codec-java" >&2
    exit 1
  fi
fi
for j in "$jar_main" "$jar_imageio" "$jar_codec"; do
  [ -f "$j" ] || { echo "install-pixelmed: $j not found; pass the folder holding the PixelMed jars" >&2; exit 1; }
done

install_jar() { # file artifactId version
  mvn -q -B org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file \
    -Dfile="$1" -DgroupId=com.pixelmed -DartifactId="$2" -Dversion="$3" -Dpackaging=jar -DgeneratePom=true
}
install_jar "$jar_main" pixelmed $VERSION
install_jar "$jar_imageio" pixelmed-imageio $CODEC_VERSION
install_jar "$jar_codec" pixelmed-codec $CODEC_VERSION
echo "install-pixelmed: PixelMed $VERSION installed into $REPO" >&2
