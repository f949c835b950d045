#!/usr/bin/env bash
# Installs what sfn-local needs to build and test, from Debian packages only.
# Safe to run again: it installs only what is missing. Uses sudo when not root.
# --fuzz adds clang and its sanitizer and libFuzzer runtimes (`make test-asan`,
# `make test-tsan`, `make fuzz`).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcpp-httplib-dev rapidjson-dev libcli11-dev doctest-dev libssl-dev
  libyaml-cpp-dev libgraphviz-dev libmimalloc-dev
  python3 awscli python3-boto3 curl ccache
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
