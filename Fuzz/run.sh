#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 60), starting from the committed seed
# corpus in Fuzz/corpus/<target> (copied, so that new inputs stay out of the repository).
# A crash, leak or timeout leaves its input in .build-fuzz/artifacts/ and fails the run: add it
# to Fuzz/regressions/<target>/ so that `make test` replays it from then on.
set -u
cd "$(dirname "$0")/.."
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-csv jsonl fields gzip definition}
mkdir -p "$SCRATCH/artifacts"
status=0
for target in $TARGETS; do
    work="$SCRATCH/corpus/$target"
    mkdir -p "$work"
    cp Fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
    [ -d Fuzz/regressions/"$target" ] && cp Fuzz/regressions/"$target"/* "$work"/ 2>/dev/null
    echo "== fuzz-$target for $SECONDS_EACH s"
    if ! "$SCRATCH/fuzz-$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/$target-" "$work" > "$SCRATCH/fuzz-$target.log" 2>&1; then
        echo "fuzz-$target FAILED: see $SCRATCH/fuzz-$target.log and $SCRATCH/artifacts/"
        status=1
    fi
    grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^Done" "$SCRATCH/fuzz-$target.log"
done
exit $status
