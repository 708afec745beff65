#!/usr/bin/env bash
# The Windows and macOS half of the smoke test (the Linux one is packaging/linux/smoke-test.sh): starts the
# installed launcher, waits for the studio's "First frame" log line, trains and predicts with the CLI, and fails
# if JavaCPP or JavaFX unpacked native libraries into the home.
#   packaging/ci/smoke-installed.sh LAUNCHER CLI_LAUNCHER SAMPLES_DIR
set -euo pipefail
launcher=$1 cli=$2 samples=$3
mkdir -p target/smoke
log=target/smoke/start.log
t0=$(date +%s)
"$launcher" > "$log" 2>&1 &
pid=$!
for i in $(seq 1 240); do grep -q "First frame" "$log" && break; sleep 0.5; done
sleep 5
kill $pid 2> /dev/null || true
cat "$log"
grep "First frame" "$log" || { echo "the window never showed"; exit 1; }
echo "first frame within $(( $(date +%s) - t0 )) s of the launch (coarse; the log line has the exact time)"

cd "$HOME"
"$cli" train tabular-mlp --data "$samples/iris/iris.csv" --validation 0.3 --epochs 60 --out iris.zip | tail -3
"$cli" predict iris.zip --row 5.1,3.5,1.4,0.2
"$cli" train mlp --epochs 1 --out mlp.zip | tail -2
"$cli" predict mlp.zip "$samples/fashion-mnist/examples/sneaker-1.png"
for dir in "$HOME/.javacpp" "$HOME/.openjfx"; do
    if [ -e "$dir" ]; then echo "FAIL: $dir was created (native libraries unpacked at start)"; ls -R "$dir" | head; exit 1; fi
done
echo "nothing unpacked into $HOME"
