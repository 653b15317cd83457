#!/bin/sh
# demo.sh BUILDDIR - start the test lab and run ptrcheck check on one
# scenario per verdict, as a person would read it, then ptrcheckd answering
# policy requests. Needs root (namespaces).
set -eu
build=$1
here=$(cd "$(dirname "$0")" && pwd)
ptrcheck=$(cd "$build" && pwd)/ptrcheck
badserver=$(cd "$build" && pwd)/tests/badserver
PTRCHECKD=$(cd "$build" && pwd)/ptrcheckd
POLICY_CLIENT=$(cd "$build" && pwd)/tests/policy_client
export PTRCHECKD POLICY_CLIENT
if [ "$(id -u)" != 0 ]; then
	echo "demo: the test lab needs root (unshare --net --pid)" >&2
	exit 1
fi
exec unshare --net --pid --fork --kill-child --mount-proc \
	sh "$here/lab.sh" "$badserver" "$here/zones" sh "$here/demo-inside.sh" "$ptrcheck"
