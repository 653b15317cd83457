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

# 9. Hostile input lines: a --retry-from file is scan's own output, so a
# line that is no result (a null verdict, once a crash; a number for the
# address) means the wrong file: exit 3, one line, nothing scanned. A NUL
# byte inside a line of addresses (which once swallowed the next line)
# refuses that line alone.
printf '{"verdict":null,"ip":"192.0.2.10"}\n{"verdict":"temporary","ip":7}\n{"verdict":"temporary","ip":"192.0.2.11"}\n' > "$S/hostile.jsonl"
"$P" scan $R --retry-from "$S/hostile.jsonl" --format jsonl > "$out" 2> "$err"
rc=$?
if [ $rc = 3 ] && [ ! -s "$out" ] && [ "$(wc -l < "$err")" = 1 ] &&
	grep -q "hostile.jsonl line 1: not a result of --format jsonl" "$err"; then
	tap_ok "--retry-from: a line that is no result is an error (exit 3, one line, nothing scanned)"
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


# 10. Inputs read whatever scan wrote, and nothing is silently empty.
# A result line of 100 kB (an address with many PTR names) is retried; a
# text file given to --retry-from is one error; a file with no temporary
# line has nothing to do; an input without an address is an error.
awk 'BEGIN { printf "{\"ip\":\"192.0.2.10\",\"verdict\":\"temporary\",\"ptr\":["
	for (i = 0; i < 4000; i++) printf "%s{\"name\":\"n%05d.example.\"}", i ? "," : "", i
	print "]}" }' > "$S/long.jsonl"
"$P" scan $R --retry-from "$S/long.jsonl" --format jsonl > "$out" 2> "$err"
rc=$?
if [ "$(wc -c < "$S/long.jsonl")" -gt 65536 ] && [ "$(jq -r .ip "$out")" = 192.0.2.10 ] && [ $rc -ne 3 ]; then
	tap_ok "--retry-from reads a result line of $(wc -c < "$S/long.jsonl") bytes"
else
	tap_not_ok "--retry-from with a long line" "exit $rc" "$(cat "$err")"
fi
"$P" scan $R 192.0.2.0/28 > "$S/text.out" 2> /dev/null
"$P" scan $R --retry-from "$S/text.out" > "$out" 2> "$err"
rc=$?
tap_check "--retry-from a text result file: exit 3, one error line, nothing scanned" \
	sh -c "[ $rc = 3 ] && [ ! -s '$out' ] && [ \$(wc -l < '$err') = 1 ] && grep -q 'line 1: not a result' '$err'"
head -3 "$S/scan.jsonl" > "$S/none-temp.jsonl"
"$P" scan $R --retry-from "$S/none-temp.jsonl" > "$out" 2> "$err"
rc=$?
tap_check "--retry-from with no temporary result: nothing to do, exit 0" \
	sh -c "[ $rc = 0 ] && [ ! -s '$out' ] && grep -q 'nothing to retry' '$err'"
: > "$S/empty.txt"
printf 'not-an-address\n# a comment\n300.1.2.3\n' > "$S/bad-only.txt"
for f in empty.txt bad-only.txt; do
	"$P" scan $R --input "$S/$f" > "$out" 2> "$err"
	rc=$?
	tap_check "an input with no valid address ($f): exit 3 and an error" \
		sh -c "[ $rc = 3 ] && [ ! -s '$out' ] && grep -q 'no address to scan' '$err'"
done

# 11. --shard I/N: the parts of a prefix cover it exactly once, each an
# interleave (a share of every block), and concatenate into one audit.
: > "$S/shards.jsonl"
shard_ok=yes
for i in 1 2 3 4; do
	"$P" scan $R --shard $i/4 --format jsonl 192.0.2.0/26 > "$S/shard$i.jsonl" 2> "$err" || true
	[ "$(wc -l < "$S/shard$i.jsonl")" = 16 ] || shard_ok="shard $i has $(wc -l < "$S/shard$i.jsonl") lines"
	cat "$S/shard$i.jsonl" >> "$S/shards.jsonl"
done
jq -r .ip "$S/shards.jsonl" | sort -t. -k4,4n > "$S/shards.ips"
awk 'BEGIN { for (i = 0; i < 64; i++) print "192.0.2." i }' > "$S/all64.ips"
if [ "$shard_ok" = yes ] && cmp -s "$S/shards.ips" "$S/all64.ips" &&
	[ "$(jq -r .ip "$S/shard2.jsonl" | head -2 | tr '\n' ' ')" = "192.0.2.1 192.0.2.5 " ]; then
	tap_ok "--shard 1/4 ... 4/4 of a /26: 16 each, every address exactly once, interleaved"
else
	tap_not_ok "--shard covers the prefix exactly once" "$shard_ok" "$(diff "$S/shards.ips" "$S/all64.ips" | head)"
fi
"$P" scan $R --shard 5/4 192.0.2.0/26 > "$out" 2> "$err"
tap_check "--shard 5/4 is refused (exit 3)" test $? = 3

# 12. --resume: SIGINT leaves the file ending in a complete line; the
# resumed scan appends the rest, skipping what is there; a line cut by a
# crash is cut off; a file of another scan is refused.
"$P" scan $R --qps 20 --format jsonl --resume "$S/res.jsonl" 192.0.2.0/26 > /dev/null 2> "$err" &
scan_pid=$!
file_wait "$S/res.jsonl" '192.0.2.4"'
kill -INT $scan_pid
wait $scan_pid
rc=$?
lines=$(wc -l < "$S/res.jsonl")
if [ $rc = 130 ] && [ "$lines" -ge 5 ] && [ "$lines" -lt 64 ] &&
	[ "$(tail -c 1 "$S/res.jsonl" | od -An -c | tr -d ' ')" = '\n' ] && jq -e . "$S/res.jsonl" > /dev/null; then
	tap_ok "SIGINT during --resume: $lines complete lines, the last one ended"
else
	tap_not_ok "SIGINT during --resume" "exit $rc, $lines lines" "$(tail -c 200 "$S/res.jsonl")"
fi
"$P" scan $R --format jsonl --resume "$S/res.jsonl" 192.0.2.0/26 > "$out" 2> "$err"
rc=$?
if [ ! -s "$out" ] && [ "$(jq -r .ip "$S/res.jsonl" | tr '\n' ' ')" = "$(tr '\n' ' ' < "$S/all64.ips")" ] &&
	grep -q "$((64 - lines)) addresses in" "$err"; then
	tap_ok "--resume scans the $((64 - lines)) addresses left and appends them in order"
else
	tap_not_ok "--resume completes the scan" "exit $rc" "$(cat "$err")" "$(jq -r .ip "$S/res.jsonl" | tr '\n' ' ')"
fi
"$P" scan $R --format jsonl --resume "$S/res.jsonl" 192.0.2.0/26 > "$out" 2> "$err"
tap_check "--resume of a complete scan: nothing left, exit 0" \
	sh -c "[ $? = 0 ] && grep -q 'nothing left' '$err' && [ \$(wc -l < '$S/res.jsonl') = 64 ]"
head -20 "$S/res.jsonl" > "$S/cut.jsonl"
sed -n 21p "$S/res.jsonl" | head -c 40 >> "$S/cut.jsonl"
"$P" scan $R --format jsonl --resume "$S/cut.jsonl" 192.0.2.0/26 > /dev/null 2> "$err"
if [ "$(jq -r .ip "$S/cut.jsonl" | tr '\n' ' ')" = "$(tr '\n' ' ' < "$S/all64.ips")" ] &&
	grep -q "incomplete last line was cut off" "$err"; then
	tap_ok "--resume after a crash: the cut line is dropped, the rest scanned"
else
	tap_not_ok "--resume after a cut line" "$(cat "$err")"
fi
"$P" scan $R --format jsonl --resume "$S/cut.jsonl" 192.0.2.64/26 > /dev/null 2> "$err"
rc=$?
tap_check "--resume with another input: refused (exit 3), the file untouched" \
	sh -c "[ $rc = 3 ] && grep -q 'not the same scan' '$err' && [ \$(wc -l < '$S/cut.jsonl') = 64 ]"

# 13. --map: one cell per address, coloured by verdict, a legend whose
# counts are the scan's; well-formed SVG (xmllint).
"$P" scan $R --format jsonl --map "$S/map.svg" 192.0.2.0/24 > "$S/map.jsonl" 2> /dev/null
want=$(jq -r .verdict "$S/map.jsonl" | sort | uniq -c | awk '{ print $2 " " $1 }' | sort | tr '\n' ';')
got=$(xmllint --xpath '//*[local-name()="text" and @class="verdict"]/text()' "$S/map.svg" 2> /dev/null |
	sed 's/\(.*\) \([0-9]*\)$/\1 \2/' | grep -v ' 0$' | sort | tr '\n' ';')
if xmllint --noout "$S/map.svg" 2> /dev/null && [ -n "$want" ] && [ "$want" = "$got" ] &&
	grep -q '192.0.2.0/24: 16 x 16 cells' "$S/map.svg"; then
	tap_ok "--map of a /24: 16 x 16 cells, the legend counts the verdicts ($got)"
else
	tap_not_ok "--map of a /24" "want $want" "got $got"
fi
"$P" scan $R --map "$S/x.svg" 192.0.2.0/28 192.0.2.16/28 > "$out" 2> "$err"
tap_check "--map with two prefixes: refused (exit 3)" sh -c "[ $? = 3 ] && [ ! -e '$S/x.svg' ]"

# 14. On a terminal the progress line never runs into a result: it is
# cleared first. What the terminal shows, line by line, after the last
# clear on each line, holds no progress text.
script -qec "'$P' scan $R --qps 200 192.0.2.0/26" /dev/null > "$S/tty2.out" 2>&1
shown=$(awk 'BEGIN { RS = "\n" } { n = split($0, parts, "\r\033\\[K"); print parts[n] }' "$S/tty2.out")
if grep -q '/s ' "$S/tty2.out" && printf '%s\n' "$shown" | grep -q '^192\.0\.2\.' && ! printf '%s\n' "$shown" | grep '192\.0\.2\.' | grep -q '/s '; then
	tap_ok "on a terminal, results and the progress line never share a line"
else
	tap_not_ok "progress mixed with results" "$(printf '%s\n' "$shown" | grep '/s ' | head -3)"
fi
