#!/bin/sh
# demo-inside.sh PTRCHECK - runs inside the lab (see demo.sh).
P=$1
R="--resolver $PTRCHECK_LAB_RESOLVER --timeout 1 --deadline 4"

show() {
	echo "================================================================"
	echo "\$ ptrcheck check $*        # $title"
	echo
	# shellcheck disable=SC2086
	"$P" check $R "$@"
	echo "(exit status $?)"
	echo
}

title="pass: PTR and forward A agree" show 192.0.2.10
title="pass over IPv6" show 2001:db8::25
title="ptr-missing: no PTR in the ISP's zone" show 192.0.2.11
title="ptr-missing: the reverse zone is not delegated" show 198.18.0.5
title="forward-missing: the PTR name has no address" show 192.0.2.12
title="forward-mismatch: the name points elsewhere" show 192.0.2.13
title="ptr-generic: an ISP-style name" show 192.0.2.16
title="ptr-invalid: an ESC byte, escaped on output" show 192.0.2.18
title="ptr-invalid: missing trailing dot in the zone file" show 192.0.2.22
title="the fix for the name the address should have: PTR and its A" show --hostname mail11.good.example 192.0.2.11
title="temporary: the reverse zone's server never answers" show 198.51.100.1
title="temporary, named: DNSSEC validation of the reverse zone fails" show 198.51.103.1
echo "================================================================"
echo "\$ ptrcheck check --resolver 127.10.0.9 --retries 0 192.0.2.10        # temporary, named: your own resolver does not answer"
echo
"$P" check --resolver 127.10.0.9 --timeout 1 --retries 0 192.0.2.10
echo "(exit status $?)"
echo
title="authority: one of two delegated servers is lame" show 198.18.1.10
title="authority: the PTR was made at a provider nobody delegated to" show --provider ns.provider.test 198.18.3.25
title="authority: RFC 2317, walked from the root with --trace" show --root-hints "$LAB/root.hints" 192.0.2.130
title="a host name: every address is checked" show multi.good.example
title="a mail domain: every MX" show --mx mixed.example
echo "================================================================"
echo "\$ ptrcheck bounce < bounce.txt        # from a pasted Gmail bounce to today's diagnosis"
echo
printf '%s\n' '<a@gmail.com>: host gmail-smtp-in.l.google.com[142.250.102.27] said:' \
	'    550-5.7.25 [192.0.2.13] The IP address sending this message does not have a' \
	'    550-5.7.25 PTR record setup, or the corresponding forward DNS entry does' \
	'    550 5.7.25 not point to the sending IP. - gsmtp (in reply to end of DATA command)' |
	"$P" bounce $R
echo "(exit status $?)"
echo
echo "JSON for machines (docs/JSON.md):"
# shellcheck disable=SC2086
"$P" check $R --format json 192.0.2.15
echo
echo "================================================================"
echo "\$ ptrcheckd --foreground --listen 127.0.0.1:10040 --set authserv-id=mx.lab.test ...   # the receivers' side"
echo
"$PTRCHECKD" --foreground --listen 127.0.0.1:10040 --resolver "$PTRCHECK_LAB_RESOLVER" \
	--set exempt-special=no --set authserv-id=mx.lab.test --user nobody 2> "$LAB/ptrcheckd.log" &
dpid=$!
sleep 0.5
for ip in 192.0.2.10 192.0.2.11 192.0.2.13 192.0.2.16 198.51.100.1; do
	echo "Postfix asks about client_address=$ip at RCPT; ptrcheckd answers:"
	printf 'request=smtpd_access_policy\nprotocol_state=RCPT\nclient_address=%s\ninstance=demo-%s\n\n' "$ip" "$ip" |
		"$POLICY_CLIENT" 127.0.0.1:10040 | sed 's/^/    /'
done
kill -USR1 "$dpid"
sleep 0.3
kill "$dpid"
wait "$dpid" 2>/dev/null
echo "its log (one line per decision, then the counters):"
sed 's/^/    /' "$LAB/ptrcheckd.log"
echo
echo "demo: done; every scenario above ran against real NSD and Unbound servers."
