#!/bin/sh
# Runs each benchmark script under CPython and under starproc, side by side.
# Usage: bench/run.sh [script.py ...]   (default: every bench/*.py)
set -eu
cd "$(dirname "$0")/.."
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
go build -o /tmp/starproc-bench ./cmd/starproc
[ $# -gt 0 ] || set -- bench/*.py
for script in "$@"; do
	echo "== $script"
	if [ -n "$py" ]; then
		echo "-- CPython ($("$py" -c 'import platform; print(platform.python_version())'))"
		"$py" "$script"
	fi
	echo "-- starproc"
	/tmp/starproc-bench "$script"
done
