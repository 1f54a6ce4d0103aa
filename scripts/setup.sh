#!/usr/bin/env bash
# Installs the Debian packages Equilab needs, only those that are missing. Idempotent and quick when nothing is.
set -euo pipefail

packages=(libncursesw5-dev libopenblas-dev libfftw3-dev zlib1g-dev dataset-fashion-mnist nauty tmux pkg-config)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "equilab setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
