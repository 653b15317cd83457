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

# tap_json DESC EXIT JQ-PREDICATE COMMAND... - run COMMAND (with the
# caller's standard input); ok when it exits with EXIT and its JSON output
# makes the predicate true. Uses $out and $err of the caller.
tap_json() {
	desc=$1 want=$2 pred=$3
	shift 3
	"$@" > "$out" 2> "$err"
	got=$?
	if [ "$got" != "$want" ]; then
		tap_not_ok "$desc" "exit $got, want $want" "$(cat "$err")" "$(head -c 1500 "$out")"
	elif ! jq -e "$pred" "$out" > /dev/null 2>&1; then
		tap_not_ok "$desc" "not true: $pred" "$(head -c 3000 "$out")"
	else
		tap_ok "$desc"
	fi
}

# file_wait FILE PATTERN - until FILE has a line matching PATTERN (grep's
# basic regular expression), up to 20 s; false if it never comes. Tests
# wait for a state, never for a guessed time.
file_wait() {
	_i=0
	until grep -q "$2" "$1" 2> /dev/null; do
		_i=$((_i + 1))
		[ $_i -gt 400 ] && return 1
		sleep 0.05
	done
}

# wait_socket PID - until the process holds a socket (up to 20 s). The
# CLI installs its SIGINT handler before it sends its first query, so once
# a query's socket exists a SIGINT is handled (a shell starts background
# jobs with SIGINT ignored: one sent earlier would be lost).
wait_socket() {
	_i=0
	until find "/proc/$1/fd" -lname 'socket:*' 2> /dev/null | grep -q .; do
		_i=$((_i + 1))
		[ $_i -gt 400 ] && return 1
		sleep 0.05
	done
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
