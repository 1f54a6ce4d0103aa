#!/usr/bin/env bash
# Training throughput with the workbench open vs headless, on the same session (issue: the UI never slows
# training). Runs each REPEATS times, interleaved, and prints wall-clock steps/s (first to last step, from
# metrics.jsonl) and the whole process's CPU seconds (user + sys; the TUI's includes drawing).
# Usage: scripts/bench-tui.sh [SESSION] [STEPS] [REPEATS]   (needs tmux and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
session=${1:-fashion-mlp}; steps=${2:-1500}; repeats=${3:-3}
bin=.build/release/equilab
work=$(mktemp -d)
trap 'tmux -L equilab-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
rate() {
    python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1]) if "\"loss\"" in l and "eval/" not in l]
print("%.1f" % ((rows[-1]["step"]-rows[0]["step"])/(rows[-1]["time"]-rows[0]["time"])))' "$1/metrics.jsonl"
}
for i in $(seq "$repeats"); do
    OPENBLAS_NUM_THREADS=1 /usr/bin/time -o "$work/h$i.time" -f '%U %S' "$bin" run "$session" --steps "$steps" --plain --out "$work/h$i" > /dev/null
    tmux -L equilab-bench new-session -d -x 120 -y 36 \
        "OPENBLAS_NUM_THREADS=1 LANG=C.UTF-8 TERM=tmux-256color /usr/bin/time -o '$work/t$i.time' -f '%U %S' '$bin' '$session' --steps $steps --out '$work/t$i'; sleep 30"
    until grep -q '"finish"' "$work/t$i/events.jsonl" 2>/dev/null; do sleep 0.3; done
    tmux -L equilab-bench send-keys q
    until [ -s "$work/t$i.time" ]; do sleep 0.2; done
    tmux -L equilab-bench kill-server 2>/dev/null || true
    hcpu=$(awk '{print $1+$2}' "$work/h$i.time"); tcpu=$(awk '{print $1+$2}' "$work/t$i.time")
    echo "run $i: headless $(rate "$work/h$i") steps/s, ${hcpu} CPU-s | workbench $(rate "$work/t$i") steps/s, ${tcpu} CPU-s | CPU ratio headless/workbench $(awk -v a="$hcpu" -v b="$tcpu" 'BEGIN{printf "%.3f", a/b}')"
done
