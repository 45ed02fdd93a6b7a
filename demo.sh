#!/bin/sh
# The demo: N processes each increment one counter file K times, first without a lock,
# then through @FileLocked, and a report says how many increments each round kept.
#
#   ./demo.sh [--processes=N] [--increments=K] [--work-dir=DIR] [--backend=file|postgres]
#                                                              (defaults: 4, 1000, file)
#
# With --backend=postgres the locks are PostgreSQL advisory locks on a throwaway server that
# this script starts (the system's PostgreSQL, or binaries from Maven Central) and stops.
# Needs only a JDK 17+; Maven and the dependencies are downloaded on the first run.
set -eu

root=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

backend=file
for arg in "$@"; do
	case "$arg" in
	--backend=postgres) backend=postgres ;;
	esac
done

echo "Building the sample application (the first run downloads Maven and the dependencies) ..."
# The demo needs the jar only: no tests, no javadoc or sources jars, no AOT processing (verify does those).
(cd "$root" && ./mvnw -B -q -pl lock-sample-app -am package -DskipTests -Dmaven.javadoc.skip=true \
	-Dmaven.source.skip=true -Dspring-boot.aot.skip=true)

if [ "$backend" = postgres ]; then
	echo "Starting a throwaway PostgreSQL server ..."
	work=$(mktemp -d "${TMPDIR:-/tmp}/file-lock-demo-pg-XXXXXX")
	(cd "$root" && ./mvnw -B -q -pl lock-starter dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$work/classpath.txt")
	"$java" -cp "$root/lock-starter/target/test-classes:$root/lock-starter/target/classes:$(cat "$work/classpath.txt")" \
		io.filelock.testsupport.postgres.ThrowawayPostgres "$work/connection" &
	server=$!
	# SIGTERM makes the server's JVM stop the server and delete its directory
	trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
	trap 'exit 130' INT TERM
	waited=0
	while [ ! -s "$work/connection" ]; do
		if ! kill -0 "$server" 2>/dev/null || [ "$waited" -ge 600 ]; then
			echo "The PostgreSQL server did not start; see the output above" >&2
			exit 1
		fi
		sleep 0.2
		waited=$((waited + 1))
	done
	set -a
	. "$work/connection"
	set +a
	status=0
	"$java" -jar "$root/lock-sample-app/target/file-lock-sample-app.jar" demo "$@" || status=$?
	exit "$status"
else
	exec "$java" -jar "$root/lock-sample-app/target/file-lock-sample-app.jar" demo "$@"
fi
