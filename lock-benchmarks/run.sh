#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite (about 5 minutes on 2 cores; --quick about 2; --rounds 3 about 10).
# Usage, from anywhere: lock-benchmarks/run.sh [--quick] [--only W1,W2,W1x,W3,W4,W5,W6,W7] [--rounds n] [--label text]
#   [--against git-ref]: also builds the starter of that commit and measures both builds in one sitting
#   (lock-benchmarks/README.md, "Run").
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
against=""
while (($#)); do
	if [[ $1 == --against ]]; then
		if (($# < 2)); then
			echo "Option --against needs a value: expected a git ref (a commit, branch or tag)" >&2
			exit 2
		fi
		against=$2
		shift 2
	else
		args+=("$1")
		shift
	fi
done

if [[ -n $against ]]; then
	if ! commit=$(git rev-parse --verify --quiet "$against^{commit}"); then
		echo "Invalid --against '$against': not a commit of this repository" >&2
		exit 2
	fi
fi

./mvnw -B -q -Pbenchmarks -pl lock-benchmarks -am package -DskipTests

if [[ -n $against ]]; then
	# The starter jar of that commit, built in a temporary worktree (its committed files, not this working
	# tree) and kept by commit: a commit's jar does not change.
	old_jar=lock-benchmarks/target/against/$commit.jar
	if [[ ! -f $old_jar ]]; then
		tree=$(mktemp -d "${TMPDIR:-/tmp}/file-lock-against-XXXXXX")
		trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
		git worktree add --quiet --detach "$tree" "$commit"
		(cd "$tree" && ./mvnw -B -q -pl lock-starter -am package -Dmaven.test.skip=true)
		built=$(find "$tree/lock-starter/target" -maxdepth 1 -name 'file-lock-spring-boot-starter-*.jar' \
			! -name '*-sources.jar' ! -name '*-javadoc.jar' | head -n 1)
		mkdir -p "$(dirname "$old_jar")"
		cp "$built" "$old_jar.tmp"
		mv "$old_jar.tmp" "$old_jar"
		git worktree remove --force "$tree"
		rm -rf "$tree"
		trap - EXIT
	fi
	args+=(--against-jar "$old_jar" --against-name "$against ($(git rev-parse --short "$commit"))")
fi

# Write the build's files out first: W1 renames a file per increment, and the first rounds run
# right after a build were a third as fast while the kernel wrote the build out behind them.
sync
exec java -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED \
	-jar lock-benchmarks/target/benchmarks.jar "${args[@]}"
