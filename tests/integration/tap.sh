# tap.sh - TAP helpers for the integration scripts (sourced).
tap_n=0
tap_failed=0

tap_ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

tap_not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
}

# tap_check DESC CONDITION... - ok when the command succeeds.
tap_check() {
	desc=$1
	shift
	if "$@" > /dev/null 2>&1; then tap_ok "$desc"; else tap_not_ok "$desc" "failed: $*"; fi
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
