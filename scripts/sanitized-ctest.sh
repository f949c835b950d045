#!/usr/bin/env bash
# Runs ctest in a sanitizer build dir and fails on any sanitizer report.
#
# usage: scripts/sanitized-ctest.sh BUILD_DIR JOBS [ctest arguments...]
#
# Reports go to BUILD_DIR/sanitizer-logs/ (log_path) as well as failing the
# process that made them, because an integration test's server is a child
# process whose crash a test may only see as a refused connection: after
# ctest, any file there fails the run and is printed. Suppressions, each
# with its reason, live in scripts/sanitizers/.
set -uo pipefail
build=$1 jobs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
logs=$(cd "$build" && pwd)/sanitizer-logs
rm -rf "$logs" && mkdir -p "$logs"

export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$here/sanitizers/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export TSAN_OPTIONS="log_path=$logs/tsan:halt_on_error=1:second_deadlock_stack=1:suppressions=$here/sanitizers/tsan.supp:${TSAN_OPTIONS:-}"

(cd "$build" && ctest --output-on-failure -j "$jobs" "$@")
status=$?
reports=$(find "$logs" -type f | sort)
if [ -n "$reports" ]; then
  echo "Sanitizer reports:"
  for f in $reports; do echo "=== $f"; head -c 20000 "$f"; done
  status=1
fi
exit $status
