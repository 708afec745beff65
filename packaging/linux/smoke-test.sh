#!/usr/bin/env bash
# Installs the studio's .deb, starts the installed app as a new user (a fresh home) under Xvfb, measures the
# time to its first frame (5 cold starts, each with a new home, then 5 warm ones), takes a screenshot, trains
# and predicts with the installed app (CLI and the window's live view), checks that nothing was unpacked into
# the home, prints sizes, uninstalls and shows what remains.
#
#   sudo packaging/linux/smoke-test.sh [path/to/model-studio_*.deb]
#
# Needs root (dpkg -i, useradd), xvfb-run and ImageMagick's import (apt-get install -y xvfb imagemagick).
# Results: target/smoke/ (screenshots, logs, times.txt). RUNS=N changes the number of starts of each kind.
#
# "First frame": the app logs "First frame N ms after the JVM started (epoch ms T)" when the first pulse after
# its main window is shown has laid out the scene and hands it to the renderer (ui/StudioApp). The time reported
# here is T minus the wall-clock time taken just before the launcher was started, so it includes the native
# launcher, the JVM start and the window; the JVM-relative N is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEB=${1:-$(ls target/installer/model-studio_*.deb 2>/dev/null | head -1)}
RUNS=${RUNS:-5}
OUT=$PWD/target/smoke
APP=/opt/model-studio
LAUNCHER=$APP/bin/model-studio
CLI=$APP/bin/model-studio-cli
SAMPLES=$APP/lib/app/sample-models
[ -f "$DEB" ] || { echo "No .deb: build it with mvn -Pinstaller -DskipTests package" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "Run as root: the test installs the package and creates throwaway users" >&2; exit 2; }
for tool in xvfb-run import runuser useradd; do
    command -v $tool > /dev/null || { echo "Missing $tool (apt-get install -y xvfb imagemagick)" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT" && chmod 777 "$OUT"
USERS=()
MADE=()
cleanup() {
    # On a failure half-way, the package goes before the menu folders the test made.
    dpkg -s model-studio > /dev/null 2>&1 && dpkg -r model-studio > /dev/null 2>&1
    for u in "${USERS[@]}"; do userdel -r "$u" > /dev/null 2>&1 || true; done
    for dir in "${MADE[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

echo "== Installing $DEB ($(du -h "$DEB" | cut -f1))"
# A desktop system has menu folders; a container may not, and the package's menu entry then has nowhere to go.
for dir in /etc/xdg/menus /usr/share/desktop-directories /usr/share/applications; do
    [ -d $dir ] || { mkdir -p $dir; MADE+=("$dir"); }
done
[ ${#MADE[@]} = 0 ] || echo "(made ${MADE[*]}, as on a desktop, for the menu entry; removed again at the end)"
start=$(date +%s%3N)
dpkg -i "$DEB" > "$OUT/install.log" 2>&1 || { apt-get install -f -y >> "$OUT/install.log" 2>&1; dpkg -i "$DEB" >> "$OUT/install.log" 2>&1; }
echo "installed in $(( $(date +%s%3N) - start )) ms (including the start-up archive: $(ls -la $APP/lib/app/model-studio.jsa 2>/dev/null | awk '{print $5}') bytes)"

echo "menu entry: $(ls /usr/share/applications/ | grep -i model-studio || echo none); file type: $(grep -l msproj /usr/share/mime/packages/*.xml 2>/dev/null || echo none)"

echo "== Sizes"
echo "installer: $(stat -c %s "$DEB") bytes ($(du -h "$DEB" | cut -f1)); installed: $(du -sh $APP | cut -f1)"
du -sh $APP/lib/runtime $APP/lib/app | sed 's/^/  /'
echo "  app jars: $(du -ch $APP/lib/app/*.jar | tail -1 | cut -f1)"
echo "  largest files:"
find $APP -type f -printf '%s %p\n' | sort -rn | head -12 | awk '{printf "    %7.1f MB  %s\n", $1/1e6, $2}'

new_user() {  # a user with a new, empty home, in $NEW_USER
    NEW_USER=mstest$RANDOM
    useradd --create-home --home-dir "/tmp/$NEW_USER-home" --shell /bin/sh "$NEW_USER"
    USERS+=("$NEW_USER")
}

# Starts the installed app as user $1 under a new Xvfb, prints "<wall ms> <jvm ms>" once the first frame is
# logged, saves a screenshot as $2 (when given) a few seconds later, then ends the app.
start_once() {
    local user=$1 shot=${2:-} log=/tmp/$1-home/start.log
    runuser -u "$user" -- env HOME="/tmp/$user-home" SHOT="$shot" LOG="$log" LAUNCHER="$LAUNCHER" \
        xvfb-run -a -s "-screen 0 1440x900x24" sh -c '
        t0=$(date +%s%3N)
        "$LAUNCHER" > "$LOG" 2>&1 &
        pid=$!
        i=0
        while [ $i -lt 240 ] && ! grep -q "First frame" "$LOG"; do sleep 0.05; i=$((i+1)); done
        line=$(grep "First frame" "$LOG" || true)
        if [ -n "$SHOT" ]; then
            j=0
            while [ $j -lt 120 ] && ! grep -q "Engine and sample ready" "$LOG"; do sleep 0.25; j=$((j+1)); done
            sleep 2; import -window root "$SHOT"
        fi
        kill $pid; wait $pid 2> /dev/null || true
        if [ -z "$line" ]; then echo "no first frame; log:" >&2; cat "$LOG" >&2; exit 1; fi
        epoch=$(echo "$line" | sed "s/.*epoch ms \([0-9]*\).*/\1/")
        jvm=$(echo "$line" | sed "s/.*First frame \([0-9]*\) ms.*/\1/")
        echo "$((epoch - t0)) $jvm"'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "== Cold starts: a new user (fresh home) each time; load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$OUT/times.txt"
for i in $(seq 1 "$RUNS"); do
    new_user
    u=$NEW_USER
    r=$(start_once "$u" "$([ "$i" = 1 ] && echo "$OUT/first-start.png")")
    echo "cold $r" | tee -a "$OUT/times.txt"
    [ "$i" = 1 ] && first_user=$u
done
echo "== Warm starts: the first user again; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
    r=$(start_once "$first_user" "$([ "$i" = "$RUNS" ] && echo "$OUT/installed-linux.png")")
    echo "warm $r" | tee -a "$OUT/times.txt"
done
for kind in cold warm; do
    echo "$kind: median $(grep "^$kind" "$OUT/times.txt" | cut -d' ' -f2 | median) ms from launch to first frame" \
         "($(grep "^$kind" "$OUT/times.txt" | cut -d' ' -f3 | median) ms after the JVM started)"
done
cp "/tmp/$first_user-home/start.log" "$OUT/start.log"
echo "-- what shows before the window: a screenshot 0.4 s after the launch (not timed)"
runuser -u "$first_user" -- env HOME="/tmp/$first_user-home" LAUNCHER="$LAUNCHER" SHOT="$OUT/splash.png" \
    xvfb-run -a -s "-screen 0 1440x900x24" sh -c '"$LAUNCHER" > /dev/null 2>&1 & pid=$!; sleep 0.4; import -window root "$SHOT"; sleep 3; kill $pid; wait $pid 2> /dev/null' || true
echo "   $OUT/splash.png"

echo "== Training and predicting with the installed app (as $first_user, from the home folder)"
as_user() { runuser -u "$first_user" -- env HOME="/tmp/$first_user-home" sh -c "cd; $*"; }
as_user "'$LAUNCHER' summary small-cnn" | tail -2
as_user "'$CLI' train tabular-mlp --data $SAMPLES/iris/iris.csv --validation 0.3 --epochs 60 --out iris.zip" | tail -3
as_user "'$CLI' predict iris.zip --row 5.1,3.5,1.4,0.2"
as_user "'$CLI' train mlp --epochs 2 --out mlp.zip" | tail -2
as_user "'$CLI' evaluate mlp.zip" | grep -m1 -i "accuracy"
as_user "'$CLI' predict mlp.zip $SAMPLES/fashion-mnist/examples/sneaker-1.png $SAMPLES/fashion-mnist/examples/trouser-1.png"
echo "-- the window training the small CNN with its live charts (bench-live):"
runuser -u "$first_user" -- env HOME="/tmp/$first_user-home" \
    xvfb-run -a -s "-screen 0 1440x900x24" "$LAUNCHER" bench-live --images 500 --rounds 1 --points 2000 > "$OUT/bench-live.log" 2>&1 || true
grep -i "^round 1\|^longest gap" "$OUT/bench-live.log" || { echo "FAIL: the window did not train" >&2; cat "$OUT/bench-live.log" >&2; exit 1; }

echo "== What the app left in the homes (nothing may be unpacked there)"
for u in "${USERS[@]}"; do (cd "/tmp/$u-home" && find . -mindepth 1 -maxdepth 3 | grep -v "^./\.\(bashrc\|profile\|bash_logout\)$" | sed "s|^|  $u: |"); done | sort | uniq | head -40
if find /tmp/mstest*-home -maxdepth 1 \( -name .javacpp -o -name .openjfx \) | grep -q .; then
    echo "FAIL: native libraries were unpacked into a home" >&2; exit 1
fi
echo "no ~/.javacpp, no ~/.openjfx"

echo "== Uninstalling"
dpkg -r model-studio > "$OUT/uninstall.log" 2>&1
echo "left in $APP: $(ls -A $APP 2>/dev/null | wc -l) entries$( [ -d $APP ] || echo ' (the folder is gone)')"
echo "menu entry: $(ls /usr/share/applications/ | grep -i model-studio || echo gone); file type: $(grep -l msproj /usr/share/mime/packages/*.xml 2>/dev/null || echo gone); /usr/share/applications/defaults.list: $([ -e /usr/share/applications/defaults.list ] && echo present || echo absent)"
echo "files of the package still on disk: $(find / -xdev \( -path /proc -o -path /tmp -o -path "$PWD" \) -prune -o -name '*model-studio*' -print 2>/dev/null | grep -v "^/var/lib/dpkg\|^/work" | wc -l)"
echo "the user's own data stays: $(cd "/tmp/$first_user-home" && ls -d .local/share/model-studio *.zip 2>/dev/null | tr '\n' ' ')"
echo "screenshot: $OUT/installed-linux.png"
