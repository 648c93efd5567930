#!/usr/bin/env bash
# Builds AWRSR Workbench as a desktop program with jpackage (JDK 17):
#
#   jpackage/build.sh            the app-image: target/jpackage/awrsr-workbench/ (about 15 s after the jars)
#   jpackage/build.sh deb        the app-image, then the .deb from it: target/jpackage/awrsr-workbench_*.deb (~3 min)
#
# The image holds a trimmed Java runtime (jlink), every jar the window needs (the CPU build of libtorch
# included), the shipped MovieLens data and default models, and two launchers:
#   bin/awrsr-workbench  the window          bin/awrsr  the command line (train, evaluate, predict, attention, bench)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-app-image}
case "$kind" in app-image|deb) ;; *) echo "usage: jpackage/build.sh [app-image|deb]" >&2; exit 2 ;; esac
for tool in jpackage jlink; do
  command -v "$tool" >/dev/null || { echo "jpackage/build.sh: $tool not found: it ships with a full JDK 17" >&2; exit 2; }
done

version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
out=target/jpackage
input=$out/input
echo "building the jars" >&2
mvn -B -q -ntp -DskipTests install
rm -rf "$out"
mkdir -p "$input"
mvn -B -q -ntp -pl app dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/$input"
cp app/target/awrsr-app-*.jar "$input/awrsr-app.jar"
# the assets land in lib/app/assets; the launchers point awrsr.home there
mkdir -p "$input/assets/models"
cp -r assets/datasets assets/lessons "$input/assets/"
# the models without their optimizer state (two thirds of their size; only --resume reads it), with their logs
for m in assets/models/*/; do
  m=$(basename "$m")
  java -Dai.djl.offline=true -jar model/target/awrsr.jar slim --model "assets/models/$m" --out "$input/assets/models/$m" >&2
  [ ! -f "assets/models/$m/train.log" ] || cp "assets/models/$m/train.log" "$input/assets/models/$m/"
done
main_jar=awrsr-app.jar
# bash completion of the command line, made by picocli from its options (lands in lib/app/)
java -Dai.djl.offline=true -jar model/target/awrsr.jar generate-completion > "$input/awrsr-completion.bash"

# java.desktop: JavaFX-Swing and JFreeChart; java.sql: JFreeChart; java.management: DJL and the start-up
# timer; jdk.management: memory figures (doctor, checks before training); jdk.unsupported: JavaFX and DJL
# use sun.misc.Unsafe; the rest by jdeps over the jars.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.management,jdk.unsupported
common_opts="-Dai.djl.offline=true -Dawrsr.home=\$APPDIR -Dfile.encoding=UTF-8"
identity=(--name awrsr-workbench --app-version "$version" --vendor "AWRSR Workbench"
          --description "See what the attention of a sequential recommender does")

cat > "$out/awrsr.properties" <<EOF
main-class=awrsr.cli.Main
java-options=$common_opts -XX:+UseSerialGC
linux-shortcut=false
EOF

echo "jpackage: app-image" >&2
jpackage --type app-image --dest "$out" "${identity[@]}" \
  --input "$input" --main-jar "$main_jar" --main-class awrsr.app.Launcher \
  --java-options "$common_opts" \
  --add-launcher awrsr="$out/awrsr.properties" \
  --icon jpackage/awrsr.png \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands"
image="$out/awrsr-workbench"
# a desktop entry for an unpacked image (the .deb installs its own through --linux-shortcut)
mkdir -p "$image/share/applications"
sed "s:@IMAGE@:$(cd "$image" && pwd):g" jpackage/awrsr-workbench.desktop > "$image/share/applications/awrsr-workbench.desktop"
echo "app-image: $image ($(du -sh "$image" | cut -f1); runtime $(du -sh "$image/lib/runtime" | cut -f1))" >&2

if [ "$kind" = deb ]; then
  command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
    || { echo "jpackage/build.sh deb: needs fakeroot and dpkg-deb (apt-get install fakeroot dpkg-dev)" >&2; exit 2; }
  echo "jpackage: deb (a few minutes)" >&2
  # the unpacked image's desktop entry names this folder; the installed one is jpackage/resources'
  mv "$image/share" "$out/share.image"
  jpackage --type deb --dest "$out" --app-image "$image" "${identity[@]}" \
    --linux-package-name awrsr-workbench --linux-deb-maintainer "awrsr@localhost" \
    --linux-menu-group "Education;Science" --linux-app-category science \
    --linux-shortcut --icon jpackage/awrsr.png --resource-dir jpackage/resources \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64"
  mv "$out/share.image" "$image/share"
  ls -la "$out"/*.deb >&2
fi
