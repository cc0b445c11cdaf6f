#!/usr/bin/env bash
# Model quality benchmark, in one run on one machine: each shared table trained as a new user would (no
# schema, default parameters, every row), its test metric beside its trivial baseline on the same rows.
# Builds what it needs first; takes a few minutes (flights-200k is the long one). Then, if scikit-learn is
# installed, the same tables through its default pipeline and models.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! (cd "$root" && ./mvnw -q -B install -DskipTests -pl training-service -am > "$work/build.log" 2>&1); then
  echo "Building training-service failed:" >&2
  tail -40 "$work/build.log" >&2
  exit 1
fi
if ! (cd "$root" && ./mvnw -q -B -pl training-service dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
    > "$work/classpath.log" 2>&1); then
  echo "Resolving the classpath of training-service failed:" >&2
  tail -40 "$work/classpath.log" >&2
  exit 1
fi
cp "$root/samples/"{penguins.csv,gapminder.csv,birdstrikes.csv.gz,flights-200k.csv.gz} "$work/"
# The libraries' own logging goes to a file, warnings and up; the table goes to the terminal.
cat > "$work/logback.xml" <<XML
<configuration><appender name="file" class="ch.qos.logback.core.FileAppender"><file>$work/run.log</file>
<encoder><pattern>%d %level %logger %msg%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="file"/></root></configuration>
XML
if ! OMP_NUM_THREADS=1 java -Dlogback.configurationFile="$work/logback.xml" \
    -cp "$root/training-service/target/classes:$(cat "$work/cp.txt")" "$(dirname "$0")/ModelQuality.java" "$work" \
    2> "$work/errors.log"; then
  echo "The quality run failed:" >&2
  tail -40 "$work/errors.log" "$work/run.log" >&2
  exit 1
fi

# The same tables through scikit-learn's defaults, when it is installed (Debian: apt-get install python3-sklearn
# python3-pandas), for comparison; its split is its own, so compare the figures, not the rows.
python=$(command -v /usr/bin/python3 || command -v python3)
if "$python" -c 'import sklearn, pandas' 2> /dev/null; then
  "$python" "$(dirname "$0")/scikit_learn.py" "$work" 2> "$work/sklearn-errors.log" || tail -20 "$work/sklearn-errors.log" >&2
else
  echo "(scikit-learn is not installed: no comparison)"
fi
