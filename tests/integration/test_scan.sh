# test_scan.sh - ptrcheck scan against the lab: the same verdicts as check,
# input order, bad lines, the address limit, --direct, pacing measured at
# a counting server, channel rotation, --retry-from, SIGINT.
# Sourced by suite.sh inside lab.sh ($P, $R, $out, $err, tap.sh, $LAB).

S="$LAB/scan"
mkdir -p "$S"

# 1. A /24 of the lab, every kind of answer mixed in, against check.
"$P" scan $R --format jsonl 192.0.2.0/24 > "$S/scan.jsonl" 2> "$S/scan.err"
scan_rc=$?
addrs=$(jq -r .ip "$S/scan.jsonl" | tr '\n' ' ')
# shellcheck disable=SC2086
"$P" check $R --format json $addrs > "$S/check.json" 2> /dev/null
jq -r '.ip + " " + .verdict' "$S/scan.jsonl" > "$S/scan.verdicts"
jq -r '.results[] | .ip + " " + .verdict' "$S/check.json" > "$S/check.verdicts"
if [ "$(wc -l < "$S/scan.verdicts")" -eq 256 ] && cmp -s "$S/scan.verdicts" "$S/check.verdicts"; then
	tap_ok "scan of a /24: 256 results, each the same verdict as check"
else
	tap_not_ok "scan of a /24: 256 results, each the same verdict as check" \
		"$(diff "$S/scan.verdicts" "$S/check.verdicts" | head -20)"
fi
kinds=$(cut -d' ' -f2 "$S/scan.verdicts" | sort -u | tr '\n' ' ')
case $kinds in
*forward-mismatch*forward-missing*pass*ptr-generic*ptr-invalid*ptr-missing*temporary*)
	tap_ok "the /24 mixes every verdict" ;;
*) tap_not_ok "the /24 mixes every verdict" "got: $kinds" ;;
esac
seq 0 255 | sed 's/^/192.0.2./' > "$S/order.want"
jq -r .ip "$S/scan.jsonl" > "$S/order.got"
tap_check "results come in input order" cmp -s "$S/order.want" "$S/order.got"
tap_check "exit status is the worst verdict's (2)" test "$scan_rc" -eq 2
if grep -q "256 addresses in" "$S/scan.err" && grep -q "worst prefixes: 192.0.2.0/24" "$S/scan.err"; then
	tap_ok "the summary on stderr counts addresses and names the worst prefix"
else
	tap_not_ok "the summary on stderr counts addresses and names the worst prefix" "$(cat "$S/scan.err")"
fi

if grep -q "ETA" "$S/scan.err"; then
	tap_not_ok "no progress line when stderr is not a terminal" "$(head -c 300 "$S/scan.err")"
else
	tap_ok "no progress line when stderr is not a terminal"
fi
script -qec "'$P' scan $R --format csv 192.0.2.0/26 > /dev/null" /dev/null > "$S/tty.out" 2>&1
if grep -q "/64 .*% ETA .*/s" "$S/tty.out"; then
	tap_ok "on a terminal, a progress line on stderr (done/total, %, ETA, rate)"
else
	tap_not_ok "on a terminal, a progress line on stderr" "$(head -c 300 "$S/tty.out" | od -c | head -5)"
fi
"$P" scan $R --unordered --format csv 192.0.2.0/24 > "$S/unordered.csv" 2> /dev/null
tail -n +2 "$S/unordered.csv" | cut -d, -f1,2 | tr , ' ' | sort > "$S/unordered.v"
sort "$S/scan.verdicts" > "$S/ordered.v"
tap_check "--unordered gives the same results (CSV)" cmp -s "$S/unordered.v" "$S/ordered.v"
tap_check "CSV starts with its header" sh -c "head -1 '$S/unordered.csv' | grep -q '^ip,verdict,exit,'"

# 2. Input lines: comments, blanks, bad lines with their number.
printf '# our senders\n192.0.2.10\n\nnot-an-ip\n192.0.2.128/30  # block\n10.0.0.1/8\n' > "$S/list.txt"
tap_json "a list from stdin: good lines scanned" 2 \
	'[.[].ip] == ["192.0.2.10","192.0.2.128","192.0.2.129","192.0.2.130","192.0.2.131"]' \
	sh -c "'$P' scan $R --format jsonl --summary '$S/sum.json' < '$S/list.txt' > '$S/list.out'; rc=\$?; jq -s . '$S/list.out'; exit \$rc"
if grep -q "stdin line 4: .*'not-an-ip'" "$err" && grep -q "stdin line 6: .*host bits" "$err"; then
	tap_ok "bad lines are reported with their line numbers"
else
	tap_not_ok "bad lines are reported with their line numbers" "$(cat "$err")"
fi
tap_check "the JSON summary counts the bad lines and verdicts" \
	jq -e '.bad_lines == 2 and .addresses == 5 and .verdicts.pass == 2' "$S/sum.json"

# 3. The address limit: refused before any query.
"$P" scan $R 2001:db8::/32 > "$out" 2> "$err"
rc=$?
if [ $rc -eq 3 ] && [ ! -s "$out" ] && grep -q "more than --max-addresses 65536" "$err"; then
	tap_ok "a /32 of IPv6 is refused (exit 3, nothing scanned)"
else
	tap_not_ok "a /32 of IPv6 is refused (exit 3, nothing scanned)" "exit $rc" "$(cat "$err")"
fi
"$P" scan $R --max-addresses 4 --input "$S/list.txt" > "$out" 2> "$err"
tap_check "a file over --max-addresses is refused before the scan" \
	sh -c "[ $? -eq 3 ] && [ ! -s '$out' ] && grep -q 'holds 5 addresses' '$err'"
cat "$S/list.txt" | "$P" scan $R --max-addresses 3 > "$out" 2> "$err"
rc=$?
if [ $rc -eq 3 ] && [ "$(wc -l < "$out")" -eq 3 ] && grep -q "stopped after --max-addresses 3" "$err"; then
	tap_ok "a pipe stops at --max-addresses, with a message"
else
	tap_not_ok "a pipe stops at --max-addresses, with a message" "exit $rc" "$(cat "$err")"
fi

# 4. --direct: the zone's own servers, RD=0; the resolver sees only the
# walk (SOA, NS, addresses), not one query per address.
before=$(unbound-control -c "$LAB/unbound.conf" stats_noreset | sed -n 's/^total.num.queries=//p')
"$P" scan $R --direct --format jsonl 192.0.2.0/26 > "$S/direct.jsonl" 2> /dev/null
after=$(unbound-control -c "$LAB/unbound.conf" stats_noreset | sed -n 's/^total.num.queries=//p')
jq -r '.ip + " " + .verdict' "$S/direct.jsonl" > "$S/direct.v"
head -64 "$S/scan.verdicts" > "$S/first64.v"
tap_check "--direct gives the same verdicts as the resolver" cmp -s "$S/direct.v" "$S/first64.v"
sent=$((after - before))
pass_fwd=$(grep -c -v ' ptr-missing$' "$S/direct.v")
if [ "$sent" -lt 64 ]; then
	tap_ok "--direct: the resolver got $sent queries for 64 addresses ($pass_fwd forward lookups)"
else
	tap_not_ok "--direct: the resolver got fewer queries than addresses" "it got $sent"
fi

# 5. Pacing and source ports, measured at a counting server (one run of
# the server per scan, so that each log holds that scan's queries only).
# count_ready LOG - wait for the server's "# ready" line.
count_ready() { file_wait "$1" '^# ready'; }
"$BADSERVER" count 127.10.2.4 > "$S/paced.log" 2> /dev/null &
count_pid=$!
count_ready "$S/paced.log"
t0=$(date +%s%N)
"$P" scan --resolver 127.10.2.4 --qps 150 --ptr-only --format csv 198.51.100.0/23 > /dev/null 2>&1
t1=$(date +%s%N)
kill $count_pid
wait $count_pid 2> /dev/null
"$BADSERVER" count 127.10.2.4 > "$S/count.log" 2> /dev/null &
count_pid=$!
count_ready "$S/count.log"
"$P" scan --resolver 127.10.2.4 --qps 0 --ptr-only 198.51.100.0/22 > /dev/null 2>&1
kill $count_pid
wait $count_pid 2> /dev/null
# Paced: 512 questions at 150/s with a burst of 7 cannot take less than
# (512 - 8) / 150 = 3.36 s, however loaded the machine (load only slows
# it). The window itself (qps + burst in any second) is asserted at send
# time in tests/unit/test_engine.c: timed here, at the receiver, a loaded
# machine could bunch packets that left in time.
paced_ms=$(( (t1 - t0) / 1000000 ))
paced_n=$(grep -vc '^#' "$S/paced.log")
if [ "$paced_n" -ge 512 ] && [ "$paced_ms" -ge 3360 ]; then
	tap_ok "--qps 150: 512 questions took $paced_ms ms (no less than 3,360)"
else
	tap_not_ok "--qps 150: 512 questions take no less than 3.36 s" "$paced_ms ms" "$paced_n queries"
fi
# Rotation: no source port carries more than 1,000 queries (c-ares also
# opens a fresh socket whenever one falls idle, so the number of ports
# above two depends on timing; the bound does not). The rotation counter
# itself is asserted in tests/unit/test_cares.c.
ports=$(awk '$1 != "#" { print $2 }' "$S/count.log" | sort -u | wc -l)
busiest=$(awk '$1 != "#" { print $2 }' "$S/count.log" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $1 }')
queries=$(grep -vc '^#' "$S/count.log")
if [ "$queries" -ge 1024 ] && [ "$ports" -ge 2 ] && [ "${busiest:-9999}" -le 1000 ]; then
	tap_ok "1,024 queries to one server came from $ports source ports, none carrying more than 1,000 ($busiest)"
else
	tap_not_ok "channels rotate: no source port past 1,000 queries" "$queries queries, $ports ports, busiest $busiest"
fi

# 6. A silent server makes temporary verdicts; --retry-from re-runs just
# those once DNS answers.
"$P" scan --resolver 127.10.2.1 --timeout 0.3 --retries 0 --format jsonl \
	192.0.2.8/30 > "$S/first.jsonl" 2> "$err"
tap_check "a silent resolver: every verdict temporary (exit 3)" \
	sh -c "[ \$(jq -r .verdict '$S/first.jsonl' | sort -u) = temporary ]"
if grep -q "4 temporary verdicts.*--retry-from" "$err"; then
	tap_ok "the summary says how many are temporary and how to re-run them"
else
	tap_not_ok "the summary says how many are temporary and how to re-run them" "$(cat "$err")"
fi
head -3 "$S/scan.jsonl" >> "$S/first.jsonl" # results that need no re-run
tap_json "--retry-from re-runs the temporary ones only, now resolved" 2 \
	'[.[].ip] == ["192.0.2.8","192.0.2.9","192.0.2.10","192.0.2.11"] and ([.[].verdict] | index("temporary") == null)' \
	sh -c "'$P' scan $R --retry-from '$S/first.jsonl' --format jsonl > '$S/retry.out'; rc=\$?; jq -s . '$S/retry.out'; exit \$rc"

# 7. SIGINT: the summary so far, exit 130.
"$P" scan --resolver 127.10.2.1 --timeout 5 --qps 20 --summary "$S/int.json" \
	198.51.100.0/24 > /dev/null 2> "$err" &
scan_pid=$!
wait_socket $scan_pid
kill -INT $scan_pid
wait $scan_pid
rc=$?
if [ $rc -eq 130 ] && grep -q "interrupted" "$err" && jq -e '.interrupted == true' "$S/int.json" > /dev/null; then
	tap_ok "SIGINT: summary printed (and written), exit 130"
else
	tap_not_ok "SIGINT: summary printed (and written), exit 130" "exit $rc" "$(cat "$err")"
fi

# 9. Hostile input lines: a --retry-from line whose verdict is null (once a
# crash), fields of the wrong type, and a NUL byte inside a line (which
# once swallowed the next line): each such line alone is refused.
printf '{"verdict":null,"ip":"192.0.2.10"}\n{"verdict":"temporary","ip":7}\n{"verdict":"temporary","ip":"192.0.2.11"}\n' > "$S/hostile.jsonl"
"$P" scan $R --retry-from "$S/hostile.jsonl" --format jsonl > "$out" 2> "$err"
rc=$?
if [ $rc = 2 ] && [ "$(jq -r .ip "$out" | tr '\n' ' ')" = "192.0.2.11 " ] &&
	[ "$(grep -c "not a result of --format jsonl" "$err")" = 2 ]; then
	tap_ok "--retry-from: a null verdict and a number for the address are bad lines, the rest is retried"
else
	tap_not_ok "--retry-from with hostile fields" "exit $rc" "$(cat "$err")" "$(cat "$out")"
fi
printf '192.0.2.10\n19\0002.0.2.11\n192.0.2.13\n' > "$S/nul.txt"
"$P" scan $R --format jsonl < "$S/nul.txt" > "$out" 2> "$err"
if [ "$(jq -r .ip "$out" | tr '\n' ' ')" = "192.0.2.10 192.0.2.13 " ] &&
	grep -q "line 2: a NUL byte in the line" "$err"; then
	tap_ok "a NUL byte refuses its own line only; the next line is scanned"
else
	tap_not_ok "a NUL byte in scan input" "$(cat "$err")" "$(cat "$out")"
fi

