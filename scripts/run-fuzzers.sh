#!/usr/bin/env bash
# Runs libFuzzer targets one after the other for FUZZ_SECONDS each.
#
# usage: FUZZ_SECONDS=N scripts/run-fuzzers.sh FUZZ_DIR TARGET...
#
# FUZZ_DIR holds the built targets; FUZZ_DIR/corpus/<target> is the corpus
# (seeded by fuzz/make_corpora.py when absent, and grown by each run);
# crashes are written to FUZZ_DIR/crashes/. Prints each target's final
# libFuzzer stats (executions, coverage) and fails on the first crash.
set -euo pipefail
dir=$1
shift
seconds=${FUZZ_SECONDS:-60}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/crashes" "$dir/logs"
[ -d "$dir/corpus" ] || /usr/bin/python3 "$here/../fuzz/make_corpora.py" "$dir/corpus" >/dev/null
export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
for target in "$@"; do
  mkdir -p "$dir/corpus/$target"
  log="$dir/logs/$target.log"
  echo "fuzz: $target for ${seconds}s"
  if ! "$dir/$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
      -rss_limit_mb=4096 -max_len=65536 -artifact_prefix="$dir/crashes/$target-" \
      "$dir/corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target FAILED (input in $dir/crashes/)"
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov: .*ft:" "$log" | tail -n 3
done
