# test_bounce.sh - ptrcheck bounce against the lab: the receiver's complaint
# beside today's verdict, and the exit status that follows from it.
# Sourced by suite.sh inside lab.sh ($P, $R, $out, $err, tap.sh).

# bounce DESC EXIT JQ-PREDICATE TEXT [OPTION...] - one bounce on stdin.
bounce() {
	desc=$1 want=$2 pred=$3 text=$4
	shift 4
	# Not a pipeline: that would run tap_json, and its counter, in a subshell.
	printf '%s\n' "$text" > "$out.in"
	# shellcheck disable=SC2086
	tap_json "$desc" "$want" "$pred" "$P" bounce $R --format json "$@" < "$out.in"
	rm -f "$out.in"
}

gmail='<a@gmail.com>: host gmail-smtp-in.l.google.com[142.250.102.27] said:
    550-5.7.25 [IP] The IP address sending this message does not have a
    550-5.7.25 PTR record setup, or the corresponding forward DNS entry does
    550 5.7.25 not point to the sending IP. - gsmtp (in reply to end of DATA command)'

bounce "still broken: the receiver's complaint stands today (exit 2)" 2 \
	'.bounces[0].cause == "fcrdns-mismatch" and .bounces[0].ips == ["192.0.2.11"] and .bounces[0].today == ["still-broken"] and .bounces[0].results[0].verdict == "ptr-missing" and .bounces[0].receiver == "gmail" and .bounces[0].remote_mta == "gmail-smtp-in.l.google.com" and .bounces[0].smtp_code == 550 and .bounces[0].enhanced_status == "5.7.25"' \
	"$(echo "$gmail" | sed 's/\[IP\]/[192.0.2.11]/')"
bounce "fixed since: the DNS passes today, retry (exit 0)" 0 \
	'.bounces[0].today == ["fixed"] and .bounces[0].results[0].verdict == "pass"' \
	"$(echo "$gmail" | sed 's/\[IP\]/[192.0.2.10]/')"
bounce "a generic-name rejection checked as today's ptr-generic (exit 1)" 1 \
	'.bounces[0].cause == "ptr-generic" and .bounces[0].results[0].verdict == "ptr-generic"' \
	'550 5.7.1 Client host [192.0.2.16] rejected: Dynamic - Please relay via ISP'
bounce "IPv6 rejection checked over IPv6" 2 \
	'.bounces[0].ips == ["2001:db8::26"] and .bounces[0].results[0].verdict == "ptr-missing"' \
	'450 4.7.25 Client host rejected: cannot find your reverse hostname, [IPv6:2001:db8::26]'
bounce "DNS trouble today: unknown, never 'fixed' (exit 3)" 3 \
	'.bounces[0].today == ["unknown"] and .bounces[0].results[0].verdict == "temporary"' \
	'554 5.7.1 Missing reverse DNS for 192.0.2.26'
bounce "one address: its zone's servers are inspected; all silent is persistent (exit 2)" 2 \
	'.bounces[0].today == ["unknown"] and .bounces[0].results[0].verdict == "temporary" and .bounces[0].results[0].authority.persistent' \
	'554 5.7.1 Missing reverse DNS for 198.51.100.1'
bounce "not about reverse DNS: said plainly, nothing checked (exit 0)" 0 \
	'.bounces[0].cause == "other" and .bounces[0].results == [] and .bounces[0].today == ["not-checked"]' \
	'554 5.7.1 Client host [192.0.2.11] blocked using zen.spamhaus.org'
bounce "--no-dns: the parse alone (exit 0)" 0 \
	'.bounces[0].results == [] and .bounces[0].ips == ["192.0.2.11"]' \
	'554 5.7.1 no PTR record for 192.0.2.11' --no-dns
bounce "no rejection in the input (exit 3)" 3 'true' 'Just a friendly note.'
printf '%s\n' "$(echo "$gmail" | sed 's/\[IP\]/[192.0.2.11]/')" | "$P" bounce $R > "$out" 2> "$err"
if grep -q 'still broken' "$out" && grep -q 'add in zone 2.0.192.in-addr.arpa.' "$out"; then
	tap_ok "text report: cause, today's verdict and the fix"
else
	tap_not_ok "text report: cause, today's verdict and the fix" "$(head -c 1500 "$out")"
fi
