# test_abuse.sh - ptrcheckd as an attacker would use it: pipelined requests
# against a tiny cache, every cache entry in flight, half-closed
# connections, a client that never reads, clients that trickle bytes or
# hold every slot, and a property test (many clients, random pipelines, a
# two-entry cache: every reply names its own client and agrees with
# `ptrcheck check`). Sourced by suite.sh after test_daemon.sh, whose
# helpers it uses (req, daemon_start, daemon_ready, daemon_stop, ask,
# replies_match, log_wait).

A=$ABUSE_CLIENT

# rss_kib PID - the daemon's peak resident memory (VmHWM), in KiB.
rss_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# under_asan - the sanitizer build keeps freed memory in quarantine, so its
# resident size says nothing about the daemon's bounds.
under_asan() { [ -n "${ASAN_OPTIONS:-}" ]; }

# --- one cache entry: a pipelined request never gets another's verdict -----
: > "$dlog"
# request-timeout 5 s: the silent zone's lookup below stays in flight that
# long, ample time for the second client even on a loaded machine.
daemon_start --set exempt-special=no --set authserv-id=mx.lab.test \
	--set cache-entries=1 --set request-timeout=5s
"$A" pipeline "$DADDR" 192.0.2.11 192.0.2.10 > "$out" 2> "$err"
replies_match "cache-entries=1, pipelined: no PTR gets 550, the next address its own pass" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.11\] rejected: no PTR[^|]*\|action=PREPEND [^|]*iprev=pass policy\.iprev=192\.0\.2\.10 [^|]*\|$'
"$A" pipeline "$DADDR" 192.0.2.10 192.0.2.13 192.0.2.12 2001:db8::25 192.0.2.11 > "$out" 2> "$err"
replies_match "cache-entries=1, five pipelined: each reply is its own address's" \
	'^action=PREPEND [^|]*policy\.iprev=192\.0\.2\.10 [^|]*\|action=550 [^|]*\[192\.0\.2\.13\] [^|]*does not resolve back[^|]*\|action=550 [^|]*\[192\.0\.2\.12\] [^|]*no address record[^|]*\|action=PREPEND [^|]*policy\.iprev=2001:db8::25 [^|]*\|action=550 [^|]*\[192\.0\.2\.11\] [^|]*no PTR[^|]*\|$'

# Every entry has a lookup in flight (the silent zone's): another address
# still gets its own lookup and its own verdict, never a tempfail.
"$A" behind "$DADDR" 198.51.100.1 192.0.2.12 > "$out" 2> "$err"
replies_match "cache full of lookups in flight: the next client still gets its 550, the slow one its 450" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.12\] [^|]*no address record[^|]*\|action=450 4\.7\.25 Client host \[198\.51\.100\.1\]'
log_wait "cache full: all 1 entries wait for lookups; lookups go on uncached" &&
	tap_ok "the full cache is logged" || tap_not_ok "cache full log" "$(tail -3 "$dlog")"

# --- half-close: the requests sent before it are answered --------------------
ok=0
for i in 1 2 3 4 5 6 7; do
	"$A" halfclose "$DADDR" 192.0.2.13 192.0.2.11 > "$out" 2> "$err" &&
		grep -q '^action=550 .*\[192\.0\.2\.13\]' "$out" &&
		grep -q '^action=550 .*\[192\.0\.2\.11\]' "$out" && ok=$((ok + 1))
done
[ $ok = 7 ] && tap_ok "half-closed after two requests that need lookups: both answered, 7 of 7" ||
	tap_not_ok "half-close" "$ok of 7 answered" "$(cat "$out" "$err")"
daemon_stop

# --- a client that never reads its replies --------------------------------------
: > "$dlog"
daemon_start --set exempt-special=no --set authserv-id=mx.lab.test
req RCPT 192.0.2.10 warm | "$C" "$DADDR" > /dev/null
"$A" noread "$DADDR" 192.0.2.10 512 > "$out" 2> "$err"
grep -q "stalled yes" "$out" && log_wait "does not read its replies: reading its requests paused" &&
	tap_ok "a client that never reads: the daemon stops reading it (logged), the client stalls" ||
	tap_not_ok "a client that never reads" "$(cat "$out" "$err")" "$(tail -3 "$dlog")"
hwm=$(rss_kib "$dpid")
if under_asan; then
	tap_ok "memory bound under that client (not measured under ASan: quarantine; peak $hwm KiB)"
else
	[ "${hwm:-999999}" -lt 65536 ] && tap_ok "memory stays bounded: peak RSS $hwm KiB < 64 MiB" ||
		tap_not_ok "memory under a client that never reads" "peak RSS $hwm KiB"
fi
ask "and the daemon serves the next client" '^action=PREPEND .*policy\.iprev=192\.0\.2\.10 ' "RCPT 192.0.2.10"
daemon_stop

# --- slow clients: a read deadline, and room made at the cap ----------------------
: > "$dlog"
daemon_start --set exempt-special=no --set idle-timeout=1s
"$A" trickle "$DADDR" 3 100 15 > "$out" 2> "$err"
grep -q "closed 3 of 3" "$out" &&
	log_wait "connection closed: no complete request within idle-timeout (1s)" &&
	tap_ok "bytes that trickle do not extend idle-timeout: all 3 closed, logged" ||
	tap_not_ok "trickling clients" "$(cat "$out" "$err")" "$(tail -3 "$dlog")"
daemon_stop

: > "$dlog"
daemon_start --set exempt-special=no --set max-connections=5
"$A" trickle "$DADDR" 8 100 30 > "$LAB/trickle.out" 2>&1 &
trickler=$!
log_wait "max-connections (5) reached"
ask "8 slow clients at max-connections=5: a well-behaved request is still answered" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.11\]' "RCPT 192.0.2.11"
kill "$trickler" 2>/dev/null
wait "$trickler" 2>/dev/null
grep -q "max-connections (5) reached: the connection longest without a request is closed for each new one" "$dlog" &&
	tap_ok "reaching max-connections is logged" || tap_not_ok "max-connections log" "$(tail -3 "$dlog")"
kill -USR1 "$dpid"
log_wait "stats: .*evicted-connections="
evicted=$(sed -n 's/.*evicted-connections=\([0-9]*\).*/\1/p' "$dlog" | tail -1)
[ "${evicted:-0}" -ge 4 ] && tap_ok "and counted: $evicted connections closed to make room" ||
	tap_not_ok "evicted count" "$(grep stats "$dlog" | tail -1)"
daemon_stop
! grep -q "Sanitizer" "$dlog" && tap_ok "no sanitizer report under abuse" ||
	tap_not_ok "sanitizer reports under abuse" "$(grep -A3 Sanitizer "$dlog" | head -8)"

# --- property: random pipelines, many clients, a two-entry cache ------------------
prop_ips="192.0.2.10 192.0.2.11 192.0.2.12 192.0.2.13 192.0.2.16 192.0.2.18 2001:db8::25 2001:db8::26 2001:db8::28 2001:db8::29 2001:db8::2a 198.51.100.1"
expect="$LAB/expect.txt"
: > "$expect"
for ip in $prop_ips; do
	# shellcheck disable=SC2086
	v=$("$P" check $R --no-authority --format json "$ip" 2> /dev/null | jq -r '.results[0].verdict')
	echo "$ip $v" >> "$expect"
done
: > "$dlog"
daemon_start --set exempt-special=no --set authserv-id=mx.lab.test \
	--set cache-entries=2 --set request-timeout=1s
# shellcheck disable=SC2086
"$A" property "$DADDR" 20261206 24 8 $prop_ips > "$out" 2> "$err"
prop_rc=$?
# Each reply must name its own address, in the form its verdict gives.
bad=$(awk -v expect="$expect" '
	BEGIN { while ((getline l < expect) > 0) { split(l, f, " "); v[f[1]] = f[2] } }
	{
		ip = $1; a = $0; sub(/^[^\t]*\t/, "", a); n++
		if (v[ip] == "pass" || v[ip] == "ptr-generic")
			want = "action=PREPEND Authentication-Results: mx.lab.test; iprev=pass policy.iprev=" ip " ("
		else if (v[ip] == "temporary")
			want = "action=450 4.7.25 Client host [" ip "] "
		else
			want = "action=550 5.7.25 Client host [" ip "] rejected: "
		if (index(a, want) != 1) { bad++; if (bad < 4) print ip " (" v[ip] "): " a }
	}
	END { if (n < 100) print "only " n " replies"; }' "$out")
n=$(wc -l < "$out")
if [ "$prop_rc" = 0 ] && [ -z "$bad" ] && ! grep -q " null$\| $" "$expect"; then
	tap_ok "property: $n pipelined replies on 24 connections, each names its own client and agrees with ptrcheck check"
else
	tap_not_ok "property: replies match their own clients" "exit $prop_rc" "$bad" "$(cat "$err")" "$(tr '\n' ';' < "$expect")"
fi
daemon_stop
[ "$dstatus" = 0 ] && tap_ok "the daemon exits cleanly after the property test" ||
	tap_not_ok "exit after the property test" "exit $dstatus"

# --- a resolver that refuses at once (nothing listens), dns-retries 0 ------
# Lookups that fail inside their own start call once freed the check under
# the daemon's feet; the answer is a 450, never a crash.
: > "$dlog"
"$D" --foreground --listen 127.0.0.1:10042 --resolver 127.10.0.9 --user nobody \
	--set exempt-special=no --set dns-retries=0 2>> "$dlog" &
dpid=$!
daemon_ready 127.0.0.1:10042
ADDR_OVERRIDE=127.0.0.1:10042
ask "a refusing resolver, dns-retries 0: 450 for every client, twice on one connection" \
	'^action=450 4\.7\.25 Client host \[192\.0\.2\.11\][^|]*\|action=450 4\.7\.25 Client host \[192\.0\.2\.13\]' \
	"RCPT 192.0.2.11" "RCPT 192.0.2.13"
ADDR_OVERRIDE=
daemon_stop
[ "$dstatus" = 0 ] && ! grep -q "Sanitizer" "$dlog" &&
	tap_ok "and the daemon exits cleanly, no sanitizer report" ||
	tap_not_ok "daemon with a refusing resolver" "exit $dstatus" "$(grep -A3 Sanitizer "$dlog" | head -8)"
