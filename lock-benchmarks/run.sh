#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite (about 5 minutes on 2 cores; --quick about 2; --rounds 3 about 10).
# Usage, from anywhere: lock-benchmarks/run.sh [--quick] [--only W1,W2,W1x,W3,W4,W5,W6,W7] [--rounds n] [--label text]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbenchmarks -pl lock-benchmarks -am package -DskipTests
# Write the build's files out first: W1 renames a file per increment, and the first rounds run
# right after a build were a third as fast while the kernel wrote the build out behind them.
sync
exec java -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED \
	-jar lock-benchmarks/target/benchmarks.jar "$@"
