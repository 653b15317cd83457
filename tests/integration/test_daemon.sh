# test_daemon.sh - ptrcheckd against the lab, over its own protocol: every
# verdict for IPv4 and IPv6, the rules that need no DNS, allowlists, warn
# mode, tempfail, the header, cache expiry, reload, bad input, many
# connections, shared lookups, stale answers, privileges. Sourced by
# suite.sh inside lab.sh ($PTRCHECKD, $POLICY_CLIENT, tap.sh, $out, $err).

D=$PTRCHECKD
C=$POLICY_CLIENT
DADDR=127.0.0.1:10040
dlog="$LAB/ptrcheckd.log"

# req STATE ADDR [INSTANCE [SASL]] - one policy request as Postfix writes it.
req() {
	printf 'request=smtpd_access_policy\nprotocol_state=%s\nprotocol_name=ESMTP\nclient_address=%s\nclient_name=unknown\nreverse_client_name=unknown\nhelo_name=client.example\nsender=a@client.example\nrecipient=b@example.net\ninstance=%s\nsasl_username=%s\nsize=100\n\n' \
		"$1" "$2" "${3:-i$2}" "${4:-}"
}

# daemon_start ARG... - ptrcheckd in the background, ready to answer.
daemon_start() {
	"$D" --foreground --listen "$DADDR" --listen "unix:$LAB/ptrcheckd.sock" \
		--resolver "$PTRCHECK_LAB_RESOLVER" --user nobody "$@" 2>> "$dlog" &
	dpid=$!
	daemon_ready
}

# daemon_ready [ADDR] - until the daemon answers on ADDR ($DADDR by
# default), up to 20 s.
daemon_ready() {
	i=0
	until req CONNECT 192.0.2.1 | "$C" "${1:-$DADDR}" > /dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 200 ] && break
		sleep 0.1
	done
}

# settle - decisions are logged every 100 ms (warnings at once): wait for
# the next write before reading the log (log_wait polls where a line is
# expected; settle is for lines that must not come).
settle() { sleep 0.25; }

# log_wait PATTERN - file_wait (tap.sh) on the daemon's log.
log_wait() { file_wait "$dlog" "$1"; }

# daemon_stop - SIGTERM; dstatus is its exit status (0, or a sanitizer's).
daemon_stop() {
	kill "$dpid" 2>/dev/null
	wait "$dpid" 2>/dev/null
	dstatus=$?
}

# ask DESC PATTERN "STATE ADDR [INSTANCE [SASL]]"... - the requests on one
# connection; ok when the replies (lines joined by |) match the extended
# regular expression. A spec "raw" takes the request from $raw instead.
ask() {
	desc=$1 pattern=$2
	shift 2
	for spec in "$@"; do
		# shellcheck disable=SC2086
		if [ "$spec" = raw ]; then printf '%s\n\n' "$raw"; else req $spec; fi
	done | "$C" "${ADDR_OVERRIDE:-$DADDR}" > "$out" 2> "$err"
	replies_match "$desc" "$pattern"
}

# replies_match DESC PATTERN - the replies of $out (joined by |) match.
replies_match() {
	got=$(tr '\n' '|' < "$out")
	if printf '%s' "$got" | grep -Eq -- "$2"; then
		tap_ok "$1"
	else
		tap_not_ok "$1" "replies: $got" "$(cat "$err")"
	fi
}

: > "$dlog"
daemon_start --set exempt-special=no --set authserv-id=mx.lab.test

# --- privileges -----------------------------------------------------------
uids=$(awk '/^Uid:/ { print $2, $3, $4, $5 } /^Gid:/ { print $2, $3, $4, $5 }' "/proc/$dpid/status" | tr '\n' ' ')
nobody=$(id -u nobody)
nogroup=$(id -g nobody)
if [ "$uids" = "$nobody $nobody $nobody $nobody $nogroup $nogroup $nogroup $nogroup " ]; then
	tap_ok "privileges: root dropped to nobody after binding (real, effective, saved, fs)"
else
	tap_not_ok "privileges: root dropped to nobody" "Uid/Gid: $uids"
fi
grep -q '^Groups:[[:space:]]*'"$nogroup"'[[:space:]]*$' "/proc/$dpid/status" &&
	tap_ok "privileges: supplementary groups dropped too" ||
	tap_not_ok "privileges: supplementary groups" "$(grep Groups "/proc/$dpid/status")"
sock_group=$(stat -c %G "$LAB/ptrcheckd.sock")
sock_mode=$(stat -c %a "$LAB/ptrcheckd.sock")
[ "$sock_mode" = 660 ] && [ "$sock_group" = postfix ] &&
	tap_ok "the Unix socket is 0660, group postfix (Postfix's smtpd can reach it)" ||
	tap_not_ok "the Unix socket mode and group" "$sock_mode $sock_group"

# --- every verdict ---------------------------------------------------------------
ask "pass (IPv4): the header once per message, then DUNNO" \
	'^action=PREPEND Authentication-Results: mx\.lab\.test; iprev=pass policy\.iprev=192\.0\.2\.10 \(mail\.good\.example\.\)\|action=DUNNO\|$' \
	"RCPT 192.0.2.10 m1" "RCPT 192.0.2.10 m1"
ask "pass (IPv6, as Postfix writes client_address)" \
	'^action=PREPEND .*iprev=pass policy\.iprev=2001:db8::25 \(mail6\.good\.example\.\)\|$' \
	"RCPT 2001:db8::25"
ask "ptr-missing: 550 5.7.25, saying what is wrong" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.11\] rejected: no PTR record' "RCPT 192.0.2.11"
ask "ptr-missing (IPv6)" '^action=550 5\.7\.25 Client host \[2001:db8::26\] rejected: no PTR' \
	"RCPT 2001:db8::26"
ask "the other verdicts over IPv6: mismatch, missing forward, invalid, generic" \
	'^action=550 5\.7\.25 Client host \[2001:db8::28\] rejected: the PTR name elsewhere6\.good\.example\. does not resolve back to 2001:db8::28 .*\|action=550 5\.7\.25 .*noaddr\.good\.example\. has no address record.*\|action=550 5\.7\.25 .*mail\\027evil6\.good\.example\. is not a valid host name\|action=PREPEND .*iprev=pass policy\.iprev=2001:db8::27 \(2001-db8--27\.dyn\.pool\.isp\.example\.\)\|$' \
	"RCPT 2001:db8::28" "RCPT 2001:db8::29" "RCPT 2001:db8::2a" "RCPT 2001:db8::27"
ask "forward-missing: 550 5.7.25 names the PTR" \
	'^action=550 5\.7\.25 .*the PTR name noaddr\.good\.example\. has no address record' "RCPT 192.0.2.12"
ask "forward-mismatch: 550 5.7.25 as the issue words it" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.13\] rejected: the PTR name elsewhere\.good\.example\. does not resolve back to 192\.0\.2\.13 \(forward-confirmed reverse DNS required\)\|$' \
	"RCPT 192.0.2.13"
ask "ptr-generic: only logged under the default rule (iprev=pass)" \
	'^action=PREPEND .*iprev=pass policy\.iprev=192\.0\.2\.16 \(dsl-192-0-2-16\.dyn\.isp\.example\.\)\|$' \
	"RCPT 192.0.2.16"
ask "ptr-invalid: 550, the name escaped" \
	'^action=550 5\.7\.25 .*mail\\027evil\.good\.example\. is not a valid host name' "RCPT 192.0.2.18"
ask "temporary: 450 4.7.25, never 5xx" \
	'^action=450 4\.7\.25 Client host \[198\.51\.100\.1\] rejected: reverse DNS lookup failed temporarily' \
	"RCPT 198.51.100.1"
ADDR_OVERRIDE="unix:$LAB/ptrcheckd.sock"
ask "the Unix socket answers the same" \
	'^action=550 5\.7\.25 Client host \[192\.0\.2\.11\]' "RCPT 192.0.2.11"
ADDR_OVERRIDE=

# --- no DNS needed ---------------------------------------------------------------
ask "before RCPT: DUNNO (SASL is not known at CONNECT)" '^action=DUNNO\|action=DUNNO\|$' \
	"CONNECT 192.0.2.11" "MAIL 192.0.2.11"
ask "an authenticated client: DUNNO, whatever its PTR" '^action=DUNNO\|$' \
	"RCPT 192.0.2.11 s1 alice"
raw=$(printf 'request=smtpd_access_policy\nprotocol_state=RCPT\nfuture_attribute=x=y\nclient_address=192.0.2.11\nccert_fingerprint=')
ask "unknown attributes are ignored, never OK" '^action=550 ' raw
log_wait "client=192.0.2.11 verdict=ptr-missing ptr=- cached=" &&
	tap_ok "one log line per decision: client, verdict, PTR, cached, time" ||
	tap_not_ok "one log line per decision" "$(tail -3 "$dlog")"

# --- bad input ------------------------------------------------------------------
printf 'request=smtpd_access_policy\nthis line has no equals sign\n\n' | "$C" "$DADDR" > "$out" 2> "$err"
[ $? = 1 ] && [ ! -s "$out" ] && grep -q "malformed policy request (a line without name=value)" "$dlog" &&
	tap_ok "a malformed request: logged, that connection closed" ||
	tap_not_ok "a malformed request" "$(cat "$out" "$err")"
big=$(head -c 5000 /dev/zero | tr '\0' a)
printf 'request=smtpd_access_policy\nhelo_name=%s\n\n' "$big" | "$C" "$DADDR" > "$out" 2> "$err"
[ $? = 1 ] && grep -q "longer than 4096" "$dlog" &&
	tap_ok "an oversized line: logged, closed" || tap_not_ok "an oversized line" "$(cat "$err")"
printf 'request=sendmail_please\nclient_address=192.0.2.11\n\n' | "$C" "$DADDR" > "$out" 2> "$err"
[ $? = 1 ] && tap_ok "a request that is not smtpd_access_policy: closed" ||
	tap_not_ok "another request type" "$(cat "$out")"
ask "after all that the daemon carries on" '^action=550 ' "RCPT 192.0.2.11"

# --- many connections, shared lookups ---------------------------------------------
"$C" --load "$DADDR" 1000 20000 192.0.2.10 192.0.2.11 192.0.2.13 2001:db8::25 > "$out" 2> "$err"
grep -q "connections 1000 of 1000, decisions 20000 .* errors 0" "$out" &&
	tap_ok "1,000 connections at once, 20,000 decisions, no error" ||
	tap_not_ok "1,000 connections" "$(cat "$out" "$err")"
"$C" --load "$DADDR" 20 20 198.51.100.20 > "$out" 2> "$err"
kill -USR1 "$dpid"
log_wait 'stats:'
shared=$(grep 'stats:' "$dlog" | tail -1 | sed 's/.*shared-lookups=\([0-9]*\).*/\1/')
[ "${shared:-0}" -ge 19 ] && grep -q "errors 0" "$out" &&
	tap_ok "20 requests at once for one silent address share one lookup (shared $shared)" ||
	tap_not_ok "shared lookups" "shared=$shared $(cat "$out")"
grep -q 'stats: requests=[0-9]* pass=[0-9]* .*hit-rate=[0-9.]*% ' "$dlog" &&
	tap_ok "SIGUSR1 logs the counters per verdict and the cache hit rate" ||
	tap_not_ok "SIGUSR1 counters" "$(grep stats "$dlog")"
daemon_stop
grep -q "ptrcheckd: stopped" "$dlog" && [ "$dstatus" = 0 ] &&
	tap_ok "SIGTERM: counters logged, exit 0 (connections and lookups freed)" ||
	tap_not_ok "SIGTERM" "exit $dstatus" "$(tail -2 "$dlog")"

# --- settings: warn mode, tempfail, allowlists, reload ------------------------------
# The file is read again after root is gone: nobody must be able to read it.
chmod o+x "$LAB"
mkdir -m 755 "$LAB/etc"
conf="$LAB/etc/ptrcheckd.conf"
printf 'exempt-special = no\nauthserv-id = mx.lab.test\nmode = warn\ntempfail-action = dunno\nnegative-cache-max = 1s\n' > "$conf"
daemon_start --config "$conf"
ask "warn mode: the would-be rejection goes into the header's comment" \
	'^action=PREPEND Authentication-Results: mx\.lab\.test; iprev=fail policy\.iprev=192\.0\.2\.13 \(elsewhere\.good\.example\.; would 550 5\.7\.25 .*does not resolve back' \
	"RCPT 192.0.2.13"
ask "tempfail-action = dunno fails open (iprev=temperror)" '^action=PREPEND .*iprev=temperror' \
	"RCPT 198.51.100.1"
log_wait "outcome=would-reject" && tap_ok "warn mode logs what would have been rejected" ||
	tap_not_ok "warn mode log" "$(tail -3 "$dlog")"
# cache expiry: a negative answer lives at most negative-cache-max (1 s
# here). Timed by the test itself: the second request must be a hit when
# it ended less than 1 s after the first began (a loaded machine may take
# longer: then either is right), the third, 1.2 s after the second ended,
# must not be.
t0=$(date +%s%N)
req RCPT 192.0.2.24 e1 | "$C" "$DADDR" > /dev/null
t1=$(date +%s%N)
req RCPT 192.0.2.24 e2 | "$C" "$DADDR" > /dev/null
t2=$(date +%s%N)
sleep 1.2
req RCPT 192.0.2.24 e3 | "$C" "$DADDR" > /dev/null
i=0
while [ "$(grep -c "client=192.0.2.24 " "$dlog")" -lt 3 ] && [ $i -lt 400 ]; do
	i=$((i + 1))
	sleep 0.05
done
seen=$(grep "client=192.0.2.24 " "$dlog" | sed 's/.*cached=\([a-z]*\).*/\1/' | tr '\n' ' ')
case $seen in
"no yes no ") tap_ok "cache: hit within negative-cache-max, asked again after it" ;;
"no no no ")
	if [ $(( (t2 - t0) / 1000000 )) -ge 1000 ]; then
		tap_ok "cache: asked again after negative-cache-max (the second request came $(( (t2 - t0) / 1000000 )) ms after the first)"
	else
		tap_not_ok "cache expiry" "cached: $seen" "within $(( (t2 - t0) / 1000000 )) ms"
	fi ;;
*) tap_not_ok "cache expiry" "cached: $seen" "$(( (t1 - t0) / 1000000 )) ms" ;;
esac
# reload without dropping the connection: enforce, and 192.0.2.11 allowlisted
# The client waits, its connection open, until the daemon has read the
# new file: no guessed pause.
rm -f "$LAB/reload.go"
# Emptied here, not by the background job's redirection: file_wait must
# not find the previous test's replies before the client has started.
: > "$out"
{ req RCPT 192.0.2.13 r1; printf '#wait %s\n\n' "$LAB/reload.go"; req RCPT 192.0.2.13 r2; req RCPT 192.0.2.11 r3; } > "$LAB/reload.in"
"$C" "$DADDR" < "$LAB/reload.in" > "$out" 2> "$err" &
cpid=$!
file_wait "$out" '^action='
printf 'exempt-special = no\nallow-network = 192.0.2.11/32\ndns-timeout = 2s\n' > "$conf"
kill -HUP "$dpid"
log_wait "reload: configuration read again (mode enforce)"
touch "$LAB/reload.go"
wait "$cpid"
got=$(tr '\n' '|' < "$out")
case $got in
"action=PREPEND "*"would 550 "*"|action=550 5.7.25 "*"|action=DUNNO|")
	tap_ok "SIGHUP: the new rules apply on the open connection (warn, then enforce; allowlisted network)" ;;
*) tap_not_ok "SIGHUP reload" "replies: $got" "$(cat "$err")" "$(tail -4 "$dlog")" ;;
esac
grep -q "reload: resolvers, DNS timeouts or the cache size changed; that needs a restart" "$dlog" &&
	tap_ok "SIGHUP: what needs a restart is logged as such" ||
	tap_not_ok "listener change" "$(grep reload "$dlog")"
printf 'mode = sometimes\n' > "$conf"
kill -HUP "$dpid"
log_wait "reload: .*line 1: mode: bad value.*the running configuration stays" &&
	ask "a bad file on SIGHUP: logged, the running rules stay" '^action=DUNNO' "RCPT 192.0.2.11" ||
	tap_not_ok "a bad file on reload" "$(grep reload "$dlog")"
daemon_stop

# --- special clients, and running out of descriptors ---------------------------------
daemon_start
# shellcheck disable=SC2046
"$C" --load "$DADDR" 5 30 $(seq 1 30 | sed 's/^/10.0.0./') > "$out" 2>&1
grep -q "errors 0" "$out" && grep -q "warning: .* of the last .* clients have loopback, private or other special addresses: a NAT or proxy" "$dlog" &&
	tap_ok "exempt-special: private clients pass, and a warning says a NAT may hide the real ones" ||
	tap_not_ok "most clients special" "$(cat "$out")" "$(tail -2 "$dlog")"
daemon_stop
# A hard limit of 64 descriptors and 100 clients at once: max-connections
# comes down to 32; each client past it closes the connection longest
# without a request (the load client counts those as errors), and the
# lookups still find descriptors for their sockets.
(ulimit -n 64 && exec "$D" --foreground --listen "$DADDR" --resolver "$PTRCHECK_LAB_RESOLVER" \
	--user nobody --set exempt-special=no 2>> "$dlog") &
dpid=$!
daemon_ready
"$C" --load "$DADDR" 100 3000 192.0.2.10 192.0.2.11 192.0.2.13 > "$out" 2>&1
served=$(sed -n 's/.*decisions \([0-9]*\) in.*/\1/p' "$out")
if grep -q "at most 32 connections at once: the descriptor limit keeps 32 for DNS" "$dlog" &&
	grep -q "max-connections (32) reached: the connection longest without a request is closed" "$dlog" &&
	[ "${served:-0}" -gt 0 ]; then
	tap_ok "descriptor limit: 32 connections at once, the oldest make room ($served decisions)"
else
	tap_not_ok "descriptor limit" "$(cat "$out")" "$(grep 'at most\|max-conn' "$dlog")"
fi
log_wait "client=192.0.2.13 verdict=forward-mismatch" &&
	tap_ok "descriptor limit: lookups still had sockets (no temporary for lack of them)" ||
	tap_not_ok "lookups at the descriptor limit" "$(grep 'client=192.0.2.13' "$dlog" | tail -2)"
ask "at the limit the daemon still answers a new client" '^action=550 ' "RCPT 192.0.2.11"
daemon_stop
[ "$dstatus" = 0 ] && tap_ok "and exits cleanly" || tap_not_ok "exit at the limit" "exit $dstatus"

# --- bad settings ------------------------------------------------------------------
"$D" --foreground --listen "$DADDR" --set require=everything > "$out" 2> "$err"
[ $? = 2 ] && [ "$(wc -l < "$err")" = 1 ] && grep -q "require: bad value" "$err" &&
	tap_ok "a bad setting: one line, exit 2" || tap_not_ok "a bad setting" "$(cat "$err")"
"$D" --foreground --listen 127.0.0.1 --resolver "$PTRCHECK_LAB_RESOLVER" > "$out" 2> "$err"
[ $? = 2 ] && grep -q "listen: bad value" "$err" && tap_ok "a listen address without a port: one line, exit 2" ||
	tap_not_ok "listen without a port" "$(cat "$err")"
"$D" --foreground --listen 127.10.0.1:53 --resolver "$PTRCHECK_LAB_RESOLVER" --user nobody > "$out" 2> "$err"
[ $? = 1 ] && grep -q "listen 127.10.0.1:53: Address already in use" "$err" &&
	tap_ok "an address in use: one line, exit 1" || tap_not_ok "address in use" "$(cat "$err")"

# --- tempfail-max-age, hygiene ------------------------------------------------
# A client deferred for DNS trouble longer than tempfail-max-age gets DUNNO
# (logged as tempfail-capped); a proven problem is still rejected.
daemon_start --set exempt-special=no --set tempfail-max-age=1s --set dns-timeout=300ms --set dns-retries=0
ask "tempfail-max-age: the first temporary answer is a 450" '^action=450 4\.7\.25 ' "RCPT 198.51.100.1 tf1"
sleep 1.2 # past the 1 s setting: the age is measured, not guessed
ask "tempfail-max-age: deferred longer than that, the client gets DUNNO" '^action=DUNNO\|$' "RCPT 198.51.100.1 tf2"
ask "tempfail-max-age never accepts a proven problem" '^action=550 5\.7\.25 ' "RCPT 192.0.2.11 tf3"
log_wait "client=198.51.100.1 verdict=temporary .*outcome=tempfail-capped action=\"DUNNO\"" &&
	tap_ok "tempfail-max-age: the DUNNO is logged as tempfail-capped" ||
	tap_not_ok "tempfail-capped log line" "$(grep 198.51.100.1 "$dlog" | tail -3)"
# A client_address that is no address: DUNNO, and a log line that says so.
raw=$(printf 'request=smtpd_access_policy\nprotocol_state=RCPT\nclient_address=not-an-ip\ninstance=x1')
ask "a malformed client_address: DUNNO" '^action=DUNNO\|$' raw
log_wait 'client_address="not-an-ip" is not an address: outcome=no-client-address' &&
	tap_ok "a malformed client_address is logged with its reason" ||
	tap_not_ok "malformed client_address log" "$(tail -3 "$dlog")"
# A second instance on the same Unix socket refuses to start and leaves
# the first reachable; a stale socket file is replaced.
"$D" --foreground --listen "unix:$LAB/ptrcheckd.sock" --resolver "$PTRCHECK_LAB_RESOLVER" --user nobody > "$out" 2> "$err"
rc=$?
if [ $rc = 1 ] && grep -q "another process answers on this socket" "$err" &&
	req RCPT 192.0.2.10 sock1 | "$C" "unix:$LAB/ptrcheckd.sock" | grep -q '^action=DUNNO'; then
	tap_ok "a second ptrcheckd on a live Unix socket refuses (exit 1); the first still answers"
else
	tap_not_ok "second instance on the socket" "exit $rc" "$(cat "$err")"
fi
# Metrics: GET /metrics in the Prometheus text format counts what was
# decided; other paths are 404.
daemon_stop
daemon_start --set exempt-special=no --set metrics-listen=127.0.0.1:10041
ask "metrics: three decisions" '^action=DUNNO\|action=550 ' "RCPT 192.0.2.10 m1" "RCPT 192.0.2.11 m2"
curl -s -o "$out" -w '%{http_code} %{content_type}' http://127.0.0.1:10041/metrics > "$err"
if grep -q '^200 text/plain; version=0.0.4' "$err" &&
	grep -q '^ptrcheckd_requests_total [1-9]' "$out" &&
	grep -q '^ptrcheckd_verdicts_total{verdict="ptr-missing"} [1-9]' "$out" &&
	grep -q '^ptrcheckd_actions_total{action="reject"} [1-9]' "$out" &&
	grep -q '^ptrcheckd_decision_seconds_bucket{le="+Inf"} [1-9]' "$out" &&
	grep -q '^ptrcheckd_dns_seconds_count [1-9]' "$out" &&
	grep -q '^ptrcheckd_cache_entries [1-9]' "$out" && grep -q '^# TYPE ptrcheckd_connections gauge' "$out"; then
	tap_ok "metrics: GET /metrics counts requests, verdicts, actions, histograms (Prometheus text)"
else
	tap_not_ok "metrics page" "$(cat "$err")" "$(head -40 "$out")"
fi
tap_check "metrics: another path is 404" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:10041/) = 404 ]"
daemon_stop
"$D" --version > "$out" 2> "$err"
tap_check "ptrcheckd --version" sh -c "[ $? = 0 ] && grep -q '^ptrcheckd [0-9]' '$out'"

# --- stale answers: the resolver goes away (last: it stops the lab's Unbound) ------
daemon_start --set exempt-special=no --set cache-max-ttl=1s --set stale-max=1h
req RCPT 192.0.2.10 st1 | "$C" "$DADDR" > /dev/null
req RCPT 192.0.2.11 st2 | "$C" "$DADDR" > /dev/null
unbound-control -c "$LAB/unbound.conf" stop > /dev/null 2>&1
sleep 1.2
ask "resolvers down: a pass is served stale, a rejection never (450)" \
	'^action=DUNNO\|action=450 4\.7\.25 Client host \[192\.0\.2\.11\]' \
	"RCPT 192.0.2.10 st3" "RCPT 192.0.2.11 st4"
# shellcheck disable=SC2046
"$C" --load "$DADDR" 25 25 $(seq 1 25 | sed 's/^/198.18.9./') > /dev/null 2>&1
grep -q "alert: .* lookups failed (temporary): are the resolvers reachable" "$dlog" &&
	tap_ok "most lookups temporary: an alert is logged" ||
	tap_not_ok "temporary alert" "$(tail -3 "$dlog")"
daemon_stop
! grep -q "Sanitizer" "$dlog" && tap_ok "no sanitizer report in the daemon's log" ||
	tap_not_ok "sanitizer reports" "$(grep -A3 Sanitizer "$dlog" | head -8)"
unbound -d -c "$LAB/unbound.conf" >> "$LAB/unbound.log" 2>&1 &
i=0
until drill -Q @127.10.0.1 SOA test 2>/dev/null | grep -q SOA || [ $i -gt 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
