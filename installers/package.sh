#!/usr/bin/env bash
# Builds the desktop .deb (jpackage) and the server tarball into target/packages. Called by
# `./framewise package` after the build; ROOT is the repository.
set -euo pipefail
ROOT="$1"
VERSION="${2:-0.1.0}"
OUT="$ROOT/target/packages"
WORK="$ROOT/target/package-work"
rm -rf "$WORK"
mkdir -p "$OUT" "$WORK/desktop-input" "$WORK/server/framewise-server-$VERSION/lib" "$WORK/server/framewise-server-$VERSION/bin"

# Desktop: every runtime jar next to the app's own, one folder for jpackage.
cp "$ROOT"/app-desktop/target/app-desktop-*.jar "$WORK/desktop-input/"
tr ':' '\n' < "$ROOT/app-desktop/target/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
  [ -n "$jar" ] && cp "$jar" "$WORK/desktop-input/"
done
DESKTOP_JAR="$(basename "$(ls "$ROOT"/app-desktop/target/app-desktop-*.jar | grep -v -- '-tests' | head -n 1)")"
rm -f "$OUT"/framewise-desktop_*.deb
jpackage --type deb --dest "$OUT" \
  --name framewise-desktop --app-version "$VERSION" \
  --vendor "Framewise" --description "Frame-exact media review: native VLC playback, notes, LAN hosting" \
  --input "$WORK/desktop-input" --main-jar "$DESKTOP_JAR" --main-class io.framewise.desktop.DesktopMain \
  --java-options "-Dprism.order=es2,sw" \
  --linux-package-name framewise-desktop \
  --linux-app-category video --linux-package-deps "libvlc5, vlc-plugin-base"

# Server: jars, launcher, unit, installer, nginx example.
S="$WORK/server/framewise-server-$VERSION"
cp "$ROOT"/app-server/target/app-server-*.jar "$S/lib/"
rm -f "$S"/lib/*-tests.jar
tr ':' '\n' < "$ROOT/app-server/target/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
  [ -n "$jar" ] && cp "$jar" "$S/lib/"
done
cp "$ROOT/installers/server/bin-framewise" "$S/bin/framewise"
chmod 755 "$S/bin/framewise"
cp "$ROOT/installers/server/framewise.service" "$ROOT/installers/server/framewise.env" "$S/"
cp "$ROOT/installers/server/install.sh" "$S/install.sh"
chmod 755 "$S/install.sh"
mkdir -p "$S/nginx"
cp "$ROOT/installers/nginx/framewise.conf" "$ROOT/installers/nginx/framewise-nodes.conf" "$S/nginx/"
tar -C "$WORK/server" -czf "$OUT/framewise-server-$VERSION.tar.gz" "framewise-server-$VERSION"
ls -la "$OUT"
