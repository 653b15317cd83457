#!/bin/sh
# suite.sh PTRCHECK - every integration test file against one lab start,
# as one TAP stream. Runs inside lab.sh (PTRCHECK_LAB_RESOLVER is the lab's
# Unbound).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.sh"
P=$1
R="--resolver $PTRCHECK_LAB_RESOLVER --timeout 1 --retries 1 --deadline 6"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
. "$here/test_check.sh"
. "$here/test_authority.sh"
. "$here/test_causes.sh"
. "$here/test_bounce.sh"
. "$here/test_zone.sh"
. "$here/test_scan.sh"
. "$here/test_egress.sh"
. "$here/test_postfix.sh"
. "$here/test_daemon.sh" # it stops and restarts the lab's Unbound
. "$here/test_abuse.sh"  # uses test_daemon.sh's helpers
. "$here/test_fixloop.sh" # last: it edits (and restores) the zone files
tap_done
