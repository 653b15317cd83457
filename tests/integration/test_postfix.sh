# test_postfix.sh - the end-to-end test: Debian's Postfix, configured in a
# temporary directory and listening on 127.10.8.1:25, asks ptrcheckd at
# RCPT time; swaks connects from loopback addresses whose PTRs in the lab
# are good, missing, mismatched or generic, and the SMTP replies are
# asserted. Sourced by suite.sh inside lab.sh ($PTRCHECKD, tap.sh).

pf="$LAB/postfix"
mkdir -p "$pf/queue" "$pf/data"
chmod o+x "$LAB" # Postfix's daemons run as postfix
chown postfix "$pf/data"
# Postfix checks that inet_interfaces names an address of an interface.
ip addr add 127.10.8.1/32 dev lo
# The main.cf lines docs/man/ptrcheckd.8 shows, with this lab's addresses.
cat > "$pf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.lab.test
mydomain = lab.test
mydestination = lab.test
inet_interfaces = 127.10.8.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
local_recipient_maps =
local_transport = discard:
default_transport = discard:
smtpd_peername_lookup = no
maillog_file = $pf/maillog
maillog_file_prefixes = $LAB
smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated,
    reject_unauth_destination,
    check_policy_service { inet:127.0.0.1:10041, timeout=10s, default_action=DUNNO }
CONF
cat > "$pf/master.cf" <<'CONF'
smtp      inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF

"$PTRCHECKD" --foreground --listen 127.0.0.1:10041 --resolver "$PTRCHECK_LAB_RESOLVER" \
	--user nobody --set exempt-special=no 2> "$LAB/ptrcheckd-postfix.log" &
pf_daemon=$!
# The policy service answers before Postfix may ask it.
i=0
until printf 'request=smtpd_access_policy\nprotocol_state=CONNECT\nclient_address=192.0.2.1\n\n' |
	"$POLICY_CLIENT" 127.0.0.1:10041 > /dev/null 2>&1 || [ $i -gt 200 ]; do
	i=$((i + 1))
	sleep 0.1
done
postfix -c "$pf" check > "$LAB/postfix-start.log" 2>&1
postfix -c "$pf" start >> "$LAB/postfix-start.log" 2>&1
i=0
until swaks --server 127.10.8.1 --quit-after CONNECT > /dev/null 2>&1 || [ $i -gt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
if [ $i -gt 300 ]; then
	tap_not_ok "Postfix started in the lab" "$(tail -5 "$LAB/postfix-start.log" "$pf/maillog" 2>/dev/null)"
fi

# smtp DESC FROM-ADDRESS PATTERN - one SMTP session up to RCPT TO.
smtp() {
	desc=$1 from=$2 pattern=$3
	swaks --server 127.10.8.1 --local-interface "$from" --helo client.example \
		--from sender@good.example --to someone@lab.test --quit-after RCPT \
		> "$out" 2>&1
	if grep -Eq -- "$pattern" "$out"; then
		tap_ok "$desc"
	else
		tap_not_ok "$desc" "$(grep -E '^(<-|<\*\*|\*\*\*)' "$out" | tail -4)"
	fi
}

smtp "Postfix accepts a client whose PTR is forward-confirmed (127.10.9.10)" 127.10.9.10 \
	'^ *<-  250 2\.1\.5 Ok'
smtp "Postfix rejects a client without a PTR: 550 5.7.25 (127.10.9.11)" 127.10.9.11 \
	'^ *<\*\* 550 5\.7\.25 .*Client host \[127\.10\.9\.11\] rejected: no PTR record'
smtp "Postfix rejects a mismatched PTR: 550 5.7.25, the name and the address (127.10.9.13)" \
	127.10.9.13 '^ *<\*\* 550 5\.7\.25 .*the PTR name elsewhere\.good\.example\. does not resolve back to 127\.10\.9\.13'
smtp "Postfix accepts a generic PTR under the default rule, logged (127.10.9.16)" 127.10.9.16 \
	'^ *<-  250 2\.1\.5 Ok'
# Decisions are logged every 100 ms: wait for the line.
file_wait "$LAB/ptrcheckd-postfix.log" "client=127.10.9.16 verdict=ptr-generic .*outcome=logged" &&
	tap_ok "ptrcheckd logged the generic client Postfix asked about" ||
	tap_not_ok "the generic client logged" "$(tail -3 "$LAB/ptrcheckd-postfix.log")"

postfix -c "$pf" stop > /dev/null 2>&1
kill "$pf_daemon" 2>/dev/null
wait "$pf_daemon" 2>/dev/null
pf_status=$?
[ "$pf_status" = 0 ] && ! grep -q Sanitizer "$LAB/ptrcheckd-postfix.log" &&
	tap_ok "the daemon behind Postfix exits cleanly" ||
	tap_not_ok "the daemon behind Postfix" "exit $pf_status" "$(grep -A3 Sanitizer "$LAB/ptrcheckd-postfix.log" | head -6)"
