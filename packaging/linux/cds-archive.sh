#!/bin/sh
# Makes (or, with "remove", deletes) the class-data-sharing archive of the installed studio: the classes the
# studio loads until its window shows (model-studio.classlist, recorded at build time), parsed and laid out
# once, so that every start maps them instead of loading them from the jars. The archive records the jars'
# paths, so it can only be made where the app is installed: the .deb's postinst and the .rpm's %post run this
# script, their prerm/%preun run it with "remove". It never fails an install: without the archive the studio
# starts as usual, only slower.
APP_DIR=$(cd "$(dirname "$0")" && pwd -P)
ARCHIVE="$APP_DIR/model-studio.jsa"
rm -f "$ARCHIVE" "$ARCHIVE.tmp"
[ "$1" = "remove" ] && exit 0
[ -f "$APP_DIR/model-studio.classlist" ] || exit 0
# The class path exactly as the launcher builds it from model-studio.cfg ($APPDIR is this folder).
CP=$(sed -n 's|^app\.classpath=\$APPDIR|'"$APP_DIR"'|p' "$APP_DIR/model-studio.cfg" | paste -sd: -)
if "$APP_DIR/../runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$APP_DIR/model-studio.classlist" \
        -XX:SharedArchiveFile="$ARCHIVE.tmp" -cp "$CP" > /dev/null 2>&1; then
    mv "$ARCHIVE.tmp" "$ARCHIVE"
else
    rm -f "$ARCHIVE.tmp"
fi
exit 0
