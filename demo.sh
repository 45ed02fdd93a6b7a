#!/bin/sh
# The demo: N processes each increment one counter file K times, first without a lock,
# then through @FileLocked, and a report says how many increments each round kept.
#
#   ./demo.sh [--processes=N] [--increments=K] [--work-dir=DIR]     (defaults: 4 and 1000)
#
# Needs only a JDK 17+; Maven and the dependencies are downloaded on the first run.
set -eu

root=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "Building the sample application (the first run downloads Maven and the dependencies) ..."
# The demo needs the jar only: no tests, no javadoc or sources jars, no AOT processing (verify does those).
(cd "$root" && ./mvnw -B -q -pl lock-sample-app -am package -DskipTests -Dmaven.javadoc.skip=true \
	-Dmaven.source.skip=true -Dspring-boot.aot.skip=true)

exec "$java" -jar "$root/lock-sample-app/target/file-lock-sample-app.jar" demo "$@"
