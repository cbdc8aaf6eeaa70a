#!/bin/sh
# Builds the libFuzzer targets in Fuzz/targets: SluiceCore (and Yams) compiled by SwiftPM with
# coverage instrumentation and AddressSanitizer, then each target linked by swiftc with
# -sanitize=fuzzer, which supplies main(). Output: .build-fuzz/fuzz-<target>.
set -eu
cd "$(dirname "$0")/.."
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
TARGETS=${FUZZ_TARGETS:-csv jsonl fields gzip definition}
swift build --scratch-path "$SCRATCH" --target SluiceCore \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
BIN="$SCRATCH/debug"
OBJECTS=$(find "$BIN/SluiceCore.build" "$BIN/Yams.build" "$BIN/CYaml.build" -name '*.o' | sort)
CYAML_INCLUDE=$(find "$SCRATCH/checkouts" -path '*Sources/CYaml/include' -type d | head -n 1)
for target in $TARGETS; do
    echo "linking fuzz-$target"
    # The gold linker warns about every AddressSanitizer helper symbol; only real problems are shown.
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -g \
        -I "$BIN/Modules" -I Sources/CSQLite -I Sources/CZlib -I "$CYAML_INCLUDE" \
        "Fuzz/targets/$target.swift" $OBJECTS -lsqlite3 -lz -o "$SCRATCH/fuzz-$target" 2> "$SCRATCH/link-$target.log"; then
        cat "$SCRATCH/link-$target.log" >&2
        exit 1
    fi
    grep -v 'Cannot export local symbol' "$SCRATCH/link-$target.log" >&2 || true
done
