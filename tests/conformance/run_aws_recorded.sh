#!/usr/bin/env bash
# Runs AWS-recorded conformance folders against the built binary.
# Usage: run_aws_recorded.sh BINARY MIN_PASS_PERCENT FOLDER...
# Exits 77 (ctest: skipped) when ../shared/conformance is not beside the checkout.
set -euo pipefail
binary=$1; min_pass=$2; shift 2
here=$(cd "$(dirname "$0")/../.." && pwd)
suite_root="$here/../shared/conformance"
if [ ! -f "$suite_root/run.py" ]; then
  echo "SKIPPED: $suite_root not found (the conformance suites live beside the checkout)"
  exit 77
fi
args=()
for folder in "$@"; do args+=(--suite "$suite_root/aws-recorded/$folder"); done
exec python3 "$suite_root/run.py" --binary "$binary" --jobs 8 --min-pass "$min_pass" "${args[@]}"
