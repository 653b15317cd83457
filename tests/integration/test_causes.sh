# test_causes.sh - every `temporary` names its cause: in the text, in the
# JSON and in the exit status (2 for a fault that will not pass by itself,
# 3 for one that may). A resolver that refuses or stays silent is said to
# be yours, never the zone's; and no command crashes on it (the suite runs
# under ASan too). Sourced by suite.sh inside lab.sh ($P, $R, $LAB, $out,
# $err, tap.sh).

T="--timeout 1 --retries 1 --deadline 6"

# cause DESC EXIT WARNING ARG... - temporary, with WARNING among the
# warnings (severity warn, a message that is not empty), and that exit.
cause() {
	desc=$1 want=$2 code=$3
	shift 3
	# shellcheck disable=SC2086
	tap_json "$desc" "$want" \
		".results[0].verdict == \"temporary\" and ([.results[0].warnings[] | select(.code == \"$code\" and .severity == \"warn\" and (.message | length) > 40)] | length) == 1" \
		"$P" check $T --format json "$@"
}

cause "silent zone: zone-unreachable, a persistent fault (exit 2)" 2 zone-unreachable \
	--resolver "$PTRCHECK_LAB_RESOLVER" 198.51.100.1
cause "a zone that failed to load on its server: server-failure (exit 2)" 2 server-failure \
	--resolver "$PTRCHECK_LAB_RESOLVER" 198.51.102.1
cause "a server that answers SERVFAIL for its zone: server-failure" 2 server-failure \
	--resolver "$PTRCHECK_LAB_RESOLVER" 203.0.113.1
cause "delegated to a name that does not exist: ns-name-unresolvable (exit 2)" 2 \
	ns-name-unresolvable --resolver "$PTRCHECK_LAB_RESOLVER" 198.51.101.1
cause "expired signatures under a trust anchor: dnssec-bogus (exit 2)" 2 dnssec-bogus \
	--resolver "$PTRCHECK_LAB_RESOLVER" 198.51.103.1
"$P" check $T --format json --resolver "$PTRCHECK_LAB_RESOLVER" 198.51.103.1 > "$out" 2> "$err"
jq -e '.results[0].warnings[] | select(.code == "dnssec-bogus") | .message | test("Extended DNS Error [0-9]+")' "$out" > /dev/null &&
	tap_ok "dnssec-bogus names the resolver's Extended DNS Error" ||
	tap_not_ok "dnssec-bogus and its EDE" "$(head -c 1500 "$out")"
cause "a silent forward zone: forward-failed" 3 forward-failed \
	--resolver "$PTRCHECK_LAB_RESOLVER" 192.0.2.26
cause "a SERVFAIL forward zone: forward-failed" 3 forward-failed \
	--resolver "$PTRCHECK_LAB_RESOLVER" 192.0.2.27
cause "the deadline first: deadline" 3 deadline \
	--resolver "$PTRCHECK_LAB_RESOLVER" --deadline 0.3 198.51.100.1

# Your own resolver, refusing (nothing listens on 127.10.0.9) or silent.
cause "a resolver that refuses: resolver-unreachable, exit 3" 3 resolver-unreachable \
	--resolver 127.10.0.9 --retries 0 192.0.2.10
cause "a silent resolver: resolver-unreachable, exit 3" 3 resolver-unreachable \
	--resolver 127.10.2.1 --retries 0 192.0.2.10
"$P" check $T --format json --resolver 127.10.0.9 --retries 0 192.0.2.10 > "$out" 2> "$err"
jq -e '.results[0] | ([.warnings[].code] | index("zone-unreachable") | not) and (.explanation | test("your resolver"))' "$out" > /dev/null &&
	tap_ok "a dead resolver: never zone-unreachable on top, and the explanation says it is yours" ||
	tap_not_ok "dead resolver wording" "$(head -c 1500 "$out")"
"$P" check $T --resolver 127.10.0.9 --retries 0 192.0.2.10 > "$out" 2> "$err"
grep -q "resolver-unreachable: The resolver you asked (127.10.0.9#53)" "$out" &&
	tap_ok "the text report names the resolver and the cause" ||
	tap_not_ok "resolver-unreachable in text" "$(cat "$out")"

# Every temporary verdict of the lab's scenarios carries a warning (warn).
"$P" check $T --format json --resolver "$PTRCHECK_LAB_RESOLVER" 198.51.100.1 203.0.113.1 \
	198.51.101.1 198.51.102.1 198.51.103.1 192.0.2.26 192.0.2.27 192.0.2.28 > "$out" 2> "$err"
unexplained=$(jq -r '.results[] | select(.verdict == "temporary") |
	select([.warnings[] | select(.severity == "warn")] | length == 0) | .ip' "$out" | tr '\n' ' ')
temporaries=$(jq '[.results[] | select(.verdict == "temporary")] | length' "$out")
[ "$temporaries" = 8 ] && [ -z "$unexplained" ] &&
	tap_ok "all 8 temporary scenarios, checked together, each name their cause" ||
	tap_not_ok "every temporary explained" "$temporaries temporary; unexplained: $unexplained"

# The same verdict and exit alone or with others on the command line.
"$P" check $T --resolver "$PTRCHECK_LAB_RESOLVER" 198.51.100.1 > /dev/null 2>&1
alone=$?
"$P" check $T --resolver "$PTRCHECK_LAB_RESOLVER" 198.51.100.1 192.0.2.10 > /dev/null 2>&1
together=$?
[ $alone = 2 ] && [ $together = 2 ] &&
	tap_ok "a silent zone exits 2 alone and with another address (the inspection runs for each)" ||
	tap_not_ok "stable exit status" "alone $alone, together $together"

# A CNAME to itself is a loop, not a server failure.
tap_json "a CNAME to itself: ptr-missing with cname-loop" 2 \
	'.results[0].verdict == "ptr-missing" and ([.results[0].warnings[].code] | index("cname-loop"))' \
	"$P" check $T --format json --resolver "$PTRCHECK_LAB_RESOLVER" 192.0.2.32

# ttl-short is the record's own TTL: the same on every run, cached or not.
n=0
for i in 1 2 3; do
	"$P" check $T --format json --resolver "$PTRCHECK_LAB_RESOLVER" 192.0.2.25 > "$out" 2> /dev/null
	jq -e '[.results[0].warnings[] | select(.code == "ttl-short") | .message | test("60 s")] == [true]' "$out" > /dev/null && n=$((n + 1))
	sleep 1
done
[ $n = 3 ] && tap_ok "ttl-short: 60 s, the record's own TTL, on 3 runs of 3 (the cache counts down)" ||
	tap_not_ok "ttl-short stable" "$n of 3"

# A --provider that does not resolve is a usage error naming it.
"$P" check $T --resolver "$PTRCHECK_LAB_RESOLVER" --provider ns.nowhere.test 198.18.3.25 > "$out" 2> "$err"
[ $? = 3 ] && grep -q "provider ns.nowhere.test.: the name has no address" "$err" &&
	tap_ok "--provider that does not resolve: one line naming it, exit 3" ||
	tap_not_ok "--provider unresolvable" "$(cat "$err")"

# No command crashes on a refusing or silent resolver, --retries 0.
for res in 127.10.0.9 127.10.2.1; do
	"$P" scan --resolver $res --timeout 0.5 --retries 0 --format jsonl 192.0.2.8/30 > "$out" 2> "$err"
	rc=$?
	[ $rc = 3 ] && [ "$(jq -r .verdict "$out" | sort -u)" = temporary ] && ! grep -q Sanitizer "$err" &&
		tap_ok "scan through $res (refused or silent), --retries 0: all temporary, exit 3" ||
		tap_not_ok "scan through $res" "exit $rc" "$(head -c 600 "$err")"
	printf '550 5.7.25 [192.0.2.11] The IP address sending this message does not have a PTR record setup\n' |
		"$P" bounce --resolver $res --timeout 0.5 --retries 0 > "$out" 2> "$err"
	rc=$?
	[ $rc = 3 ] && ! grep -q Sanitizer "$err" &&
		tap_ok "bounce through $res, --retries 0: unknown today, exit 3" ||
		tap_not_ok "bounce through $res" "exit $rc" "$(head -c 600 "$err")"
done
