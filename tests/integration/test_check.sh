# test_check.sh - ptrcheck check against the lab: every verdict and
# warning, both output formats, exit statuses, hostile names, bad input.
# Sourced by suite.sh inside lab.sh ($P, $R, $out, $err, tap.sh).

# scenario DESC EXIT JQ-PREDICATE ARG... - one check, JSON output.
scenario() {
	desc=$1 want=$2 pred=$3
	shift 3
	# shellcheck disable=SC2086
	tap_json "$desc" "$want" "$pred" "$P" check $R --format json "$@"
}

# text DESC EXIT GREP-PATTERN ARG... - one run, text output.
text() {
	desc=$1 want=$2 pattern=$3
	shift 3
	# shellcheck disable=SC2086
	"$P" check $R "$@" > "$out" 2> "$err"
	got=$?
	if [ "$got" != "$want" ]; then
		tap_not_ok "$desc" "exit $got, want $want" "$(cat "$err")"
	elif ! grep -q -- "$pattern" "$out"; then
		tap_not_ok "$desc" "no line matches: $pattern" "$(head -c 1500 "$out")"
	else
		tap_ok "$desc"
	fi
}

v() { echo ".results[0].verdict == \"$1\""; }
w() { echo "([.results[0].warnings[] | select(.code == \"$1\" and .severity == \"$2\")] | length) == 1"; }
now() { echo ".results[0]"; }

# --- one verdict per scenario ------------------------------------------
scenario "pass: FCrDNS confirmed (IPv4)" 0 \
	"$(v pass) and .schema_version == 1 and .results[0].ptr[0].name == \"mail.good.example.\" and .results[0].ptr[0].confirms and .results[0].ptr_owner == \"10.2.0.192.in-addr.arpa.\" and .results[0].fix == []" \
	192.0.2.10
scenario "pass: FCrDNS confirmed (IPv6), nibble owner, RFC 5952 address" 0 \
	"$(v pass) and .results[0].ip == \"2001:db8::25\" and .results[0].ptr_owner == \"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.\"" \
	2001:0DB8:0000::0025
scenario "IPv4-mapped IPv6 is checked as IPv4" 0 \
	"$(v pass) and .results[0].ip == \"192.0.2.10\"" ::ffff:192.0.2.10
scenario "ptr-missing: NXDOMAIN inside the delegated zone" 2 \
	"$(v ptr-missing) and $(now).ptr_answer == \"nxdomain\" and $(now).zone.name == \"2.0.192.in-addr.arpa.\" and $(now).zone.source == \"soa\" and ($(now).fix[0].record | startswith(\"11.2.0.192.in-addr.arpa. 3600 IN PTR \")) and ($(now).fix_cause | test(\"holds no record for\"))" \
	192.0.2.11
scenario "ptr-missing: NODATA (a TXT where the PTR was meant)" 2 \
	"$(v ptr-missing) and $(now).ptr_answer == \"nodata\" and ($(now).fix_cause | test(\"other types\"))" 192.0.2.24
scenario "ptr-missing: reverse zone not delegated (NXDOMAIN from the parent)" 2 \
	"$(v ptr-missing) and ($(now).fix_cause | test(\"not delegated\")) and $(now).fix[0].zone == \"0.18.198.in-addr.arpa.\" and $(now).fix[0].zone_source == \"conventional\"" \
	198.18.0.5
scenario "ptr-missing: IPv6" 2 "$(v ptr-missing)" 2001:db8::26
scenario "forward-missing: the PTR name has no A" 2 \
	"$(v forward-missing) and $(now).ptr[0].forward_answer == \"nodata\" and $(now).fix[0].record == \"noaddr.good.example. 3600 IN A 192.0.2.12\" and $(now).fix[0].zone == \"good.example.\"" \
	192.0.2.12
scenario "forward-missing: an IPv4 whose PTR name has only AAAA" 2 \
	"$(v forward-missing) and $(now).ptr[0].forward == []" 192.0.2.14
scenario "forward-mismatch: the A points elsewhere; the fix names the forward zone" 2 \
	"$(v forward-mismatch) and $(now).ptr[0].forward == [\"192.0.2.99\"] and ($(now).ptr[0].confirms | not) and $(now).fix[0].zone == \"good.example.\" and $(now).fix[0].zone_source == \"soa\"" \
	192.0.2.13
scenario "ptr-generic: forward-confirmed ISP-style name" 1 \
	"$(v ptr-generic) and $(now).ptr[0].generic and ($(now).ptr[0].generic_reason | test(\"embedded-address\")) and $(now).fix[0].action == \"replace\"" \
	192.0.2.16
scenario "ptr-generic: IPv6" 1 "$(v ptr-generic)" 2001:db8::27
scenario "temporary: the PTR's server never answers (never ptr-missing)" 3 \
	"$(v temporary) and $(now).ptr_answer != \"nxdomain\"" --no-authority 198.51.100.1
scenario "temporary: the PTR's server answers SERVFAIL" 3 \
	"$(v temporary) and $(now).ptr_answer == \"servfail\"" --no-authority 203.0.113.1
scenario "temporary: the forward lookup times out" 3 \
	"$(v temporary) and $(now).ptr[0].name == \"mail.timeout.example.\"" 192.0.2.26
scenario "temporary: the forward lookup gets SERVFAIL" 3 "$(v temporary)" 192.0.2.27
scenario "temporary: one name mismatches, the other's lookup failed" 3 \
	"$(v temporary) and ([$(now).ptr[].name] | sort) == [\"elsewhere.good.example.\", \"mail.timeout.example.\"]" \
	192.0.2.28

# --- hostile and invalid names -----------------------------------------
scenario "ptr-invalid: ESC byte in the name, escaped in JSON" 2 \
	"$(v ptr-invalid) and $(now).ptr[0].name == \"mail\\\\027evil.good.example.\" and ($(now).ptr[0].problem | test(\"control\"))" \
	192.0.2.18
scenario "ptr-invalid: escaped dot inside a label is not mx.trap.example" 2 \
	"$(v ptr-invalid) and $(now).ptr[0].name == \"mx\\\\.trap.example.\" and $(now).ptr[0].forward == []" \
	192.0.2.19
scenario "ptr-invalid: NUL byte inside a label" 2 \
	"$(v ptr-invalid) and $(now).ptr[0].name == \"a\\\\000b.good.example.\"" 192.0.2.20
scenario "ptr-invalid: missing trailing dot, fix strips the zone" 2 \
	"$(v ptr-invalid) and ($(now).ptr[0].problem | test(\"trailing dot\")) and $(now).fix[0].record == \"22.2.0.192.in-addr.arpa. 3600 IN PTR mail.good.example.\"" \
	192.0.2.22
scenario "ptr-invalid: an IP address as the name" 2 "$(v ptr-invalid)" 192.0.2.23
"$P" check $R 192.0.2.18 > "$out" 2>&1
if grep -q "$(printf '\033')" "$out"; then
	tap_not_ok "text output never carries a raw ESC from DNS"
else
	tap_ok "text output never carries a raw ESC from DNS"
fi
"$P" check $R 192.0.2.20 > "$out" 2>&1
if tr -d '\n\t' < "$out" | LC_ALL=C grep -q '[^ -~]'; then
	tap_not_ok "text output is printable ASCII for a name with a NUL"
else
	tap_ok "text output is printable ASCII for a name with a NUL"
fi
text "text shows the escaped NUL" 2 'a\\000b.good.example.' 192.0.2.20

# --- warnings ----------------------------------------------------------
scenario "multiple-ptr (warn): two PTRs, one confirms -> pass, exit 1" 1 \
	"$(v pass) and $(w multiple-ptr warn) and ([$(now).ptr[] | select(.confirms)] | length) == 1" 192.0.2.15
scenario "forward-cname (warn): the PTR name is an alias" 1 \
	"$(v pass) and $(w forward-cname warn) and $(now).ptr[0].forward_chain == [\"mail21.good.example.\"]" 192.0.2.21
scenario "ttl-short (info): pass stays exit 0" 0 \
	"$(v pass) and $(w ttl-short info) and $(now).ptr[0].ttl == 60" 192.0.2.25
scenario "ptr-cname (info): RFC 2317 classless delegation" 0 \
	"$(v pass) and $(w ptr-cname info) and $(now).ptr_chain == [\"130.128/25.2.0.192.in-addr.arpa.\"] and $(now).ptr[0].name == \"mail130.good.example.\"" \
	192.0.2.130
scenario "RFC 2317 CNAME to nothing: ptr-missing, fix at the CNAME target" 2 \
	"$(v ptr-missing) and ($(now).fix[0].record | startswith(\"131.128/25.2.0.192.in-addr.arpa. \"))" 192.0.2.131
scenario "cname-loop (warn): found behind the resolver's SERVFAIL" 2 \
	"$(v ptr-missing) and $(w cname-loop warn) and ($(now).fix[0].record | startswith(\"17.2.0.192.in-addr.arpa. \"))" 192.0.2.17
scenario "too-many-ptr (warn): 12 PTRs, a truncated answer retried over TCP" 1 \
	"$(v pass) and $(w too-many-ptr warn) and ($(now).ptr | length) == 8 and $(w multiple-ptr warn) and ($(now).warnings[] | select(.code == \"too-many-ptr\") | .message | startswith(\"12 PTR records\"))" 192.0.2.40
scenario "deadline (warn): unanswered queries stay timeout, verdict temporary" 3 \
	"$(v temporary) and $(w deadline warn) and $(now).ptr_answer == \"timeout\"" --deadline 0.3 198.51.100.1
scenario "special-address (info): RFC 1918" 2 \
	"$(v ptr-missing) and $(w special-address info)" 10.0.0.1

# --- hosts, mail domains, several targets --------------------------------
scenario "host: every A and AAAA of the name is checked" 2 \
	"(.results | length) == 3 and ([.results[].verdict] | sort) == [\"forward-mismatch\", \"pass\", \"pass\"] and .targets[0].kind == \"host\" and (.results | all(.host == \"multi.good.example.\"))" \
	multi.good.example
scenario "--mx: one passing and one failing MX host" 2 \
	".targets[0].kind == \"mx\" and ([.targets[0].hosts[].name] == [\"mail.mixed.example.\", \"mx2.mixed.example.\"]) and ([.results[].verdict] == [\"pass\", \"ptr-missing\"] or [.results[].verdict] == [\"ptr-missing\", \"pass\"])" \
	--mx mixed.example
scenario "--mx: null MX (RFC 7505)" 0 ".targets[0].null_mx and (.results | length) == 0" --mx nullmx.example
scenario "--mx: implicit MX (RFC 5321 5.1), hostname-differs (info)" 0 \
	".targets[0].implicit_mx and $(v pass) and $(w hostname-differs info)" --mx implicit.example
scenario "several IPs: CRITICAL beats UNKNOWN" 2 "(.results | length) == 2" 192.0.2.11 198.51.100.1
scenario "several IPs: WARNING beats UNKNOWN" 1 "(.results | length) == 2" 192.0.2.16 192.0.2.26
scenario "several IPs: UNKNOWN beats OK" 3 "(.results | length) == 2" 192.0.2.10 192.0.2.26
scenario "several IPs: a persistent fault (CRITICAL) beats UNKNOWN" 2 "(.results | length) == 2" \
	192.0.2.26 203.0.113.1
scenario "--hostname names the PTR target in the fix" 2 \
	"$(now).fix[0].record == \"11.2.0.192.in-addr.arpa. 3600 IN PTR smtp.good.example.\" and ($(now).fix_placeholder | not)" \
	--hostname smtp.good.example 192.0.2.11
scenario "queries carry server, answer, rcode and rtt" 0 \
	"$(now).queries | any(.type == \"PTR\" and .server == \"127.10.0.1#53\" and .answer == \"found\" and .rcode == 0 and (.rtt_ms | type) == \"number\")" \
	192.0.2.10
text "text report: verdict first, then the fix with its zone" 2 \
	'add in zone 2.0.192.in-addr.arpa. (from its SOA)' 192.0.2.11
text "text report for a mail domain lists the MX hosts" 2 'MX 20 mx2.mixed.example.: 0 of 1 address pass' --mx mixed.example

# --- terminals, colour, interruption -----------------------------------
# script(1) gives ptrcheck a terminal; colour appears there and only there.
if command -v script > /dev/null 2>&1; then
	esc=$(printf '\033')
	script -qec "$P check $R 192.0.2.10" /dev/null > "$out" 2>&1
	if grep -q "$esc\[" "$out"; then tap_ok "colour on a terminal"; else tap_not_ok "colour on a terminal"; fi
	NO_COLOR=1 script -qec "$P check $R 192.0.2.10" /dev/null > "$out" 2>&1
	if grep -q "$esc\[" "$out"; then tap_not_ok "NO_COLOR turns colour off"; else tap_ok "NO_COLOR turns colour off"; fi
	"$P" check $R 192.0.2.10 > "$out" 2>&1
	if grep -q "$esc" "$out"; then tap_not_ok "no colour into a pipe"; else tap_ok "no colour into a pipe"; fi
else
	tap_not_ok "colour on a terminal" "script(1) not installed"
fi
"$P" check --resolver "$PTRCHECK_LAB_RESOLVER" --timeout 5 198.51.100.1 > "$out" 2> "$err" &
pid=$!
wait_socket "$pid"
kill -INT "$pid"
wait "$pid"
got=$?
if [ "$got" = 130 ] && grep -q interrupted "$err"; then
	tap_ok "SIGINT ends a check with exit 130"
else
	tap_not_ok "SIGINT ends a check with exit 130" "exit $got" "$(cat "$err")"
fi

# --- bad input: one line on stderr, exit 3 ------------------------------
for bad in 192.0.2 010.0.0.1 fe80::1%eth0 '1.2.3.4.5' 'bad host!' ''; do
	"$P" check $R "$bad" > "$out" 2> "$err"
	got=$?
	if [ "$got" = 3 ] && [ "$(wc -l < "$err")" = 1 ] && [ ! -s "$out" ]; then
		tap_ok "bad input '$bad' -> one-line error, exit 3"
	else
		tap_not_ok "bad input '$bad' -> one-line error, exit 3" "exit $got" "$(cat "$err")"
	fi
done
"$P" check --timeout nope 192.0.2.10 > /dev/null 2>&1
tap_check "bad --timeout is a usage error (3)" test $? = 3
"$P" check --resolver 300.1.1.1 192.0.2.10 > /dev/null 2>&1
tap_check "bad --resolver is a usage error (3)" test $? = 3


# --- dig's habits ---------------------------------------------------------
tap_json "dig's habits: @RESOLVER and -x ADDRESS" 0 \
	'.results[0] | .ip == "192.0.2.10" and .verdict == "pass" and .queries[0].server == "127.10.0.1#53"' \
	"$P" check "@$PTRCHECK_LAB_RESOLVER" --timeout 1 --retries 1 --no-authority --format json -x 192.0.2.10
for dig in +short +trace -p; do
	"$P" check $R $dig 192.0.2.10 > "$out" 2> "$err"
	rc=$?
	if [ $rc = 3 ] && [ "$(wc -l < "$err")" = 1 ] && grep -q "is dig's; here: " "$err"; then
		tap_ok "dig's '$dig': a one-line hint to ptrcheck's own, exit 3"
	else
		tap_not_ok "dig's '$dig'" "exit $rc" "$(cat "$err")"
	fi
done

# --- the report to send: --format html ------------------------------------
"$P" check $R --format html 192.0.2.13 > "$out" 2> "$err"
rc=$?
rows=$(xmllint --html --xpath 'count(//table[@class="fix"]//tr)' "$out" 2> /dev/null)
if [ $rc = 2 ] && xmllint --html --noout "$out" 2> /dev/null && [ "${rows:-0}" -ge 2 ] &&
	xmllint --html --xpath '//h2/text()' "$out" 2> /dev/null | grep -q '192.0.2.13: forward-mismatch' &&
	! grep -qiE '<script|src=|href=|https?://' "$out"; then
	tap_ok "check --format html: a page that parses, the fix table ($((rows - 1)) records), nothing external"
else
	tap_not_ok "check --format html" "exit $rc, rows $rows" "$(head -c 600 "$out")"
fi
"$P" check $R --format html 192.0.2.18 > "$out" 2> "$err"
if xmllint --html --noout "$out" 2> /dev/null && ! grep -q "$(printf '\033')" "$out" && grep -q 'mail\\027evil' "$out"; then
	tap_ok "check --format html: a hostile PTR name stays escaped"
else
	tap_not_ok "html escaping" "$(grep -a evil "$out" | head -3)"
fi
