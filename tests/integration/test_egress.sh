# test_egress.sh - ptrcheck egress against the lab, with Postfix
# configuration directories written here (postconf reads them; no Postfix
# runs), the kernel's source address from a dummy interface of the lab's
# own namespace, check --helo, and a hosting provider's default name.
E="$LAB/egress"
mkdir -p "$E/dual" "$E/v4only" "$E/kernel"
touch "$E/dual/master.cf" "$E/v4only/master.cf" "$E/kernel/master.cf"

# 1. Dual-stack Postfix whose IPv6 address has no PTR: IPv4 passes, IPv6
# is ptr-missing with the PTR and AAAA records for the HELO name, and the
# setting that keeps SMTP on IPv4 meanwhile; exit 2.
cat > "$E/dual/main.cf" <<CF
inet_protocols = all
myhostname = mail.good.example
smtp_bind_address = 192.0.2.10
smtp_bind_address6 = 2001:db8::26
CF
tap_json "egress, dual stack, IPv6 without a PTR: IPv4 pass, IPv6 ptr-missing with PTR and AAAA, advice to prefer IPv4, exit 2" 2 \
	'.egress.mta == "postfix" and .egress.helo == "mail.good.example" and
	 (.egress.addresses[0] | .family == "ipv4" and .ip == "192.0.2.10" and .verdict == "pass" and .source == "smtp_bind_address") and
	 (.egress.addresses[1] | .family == "ipv6" and .ip == "2001:db8::26" and .verdict == "ptr-missing" and
	   ([.fix[].record] | any(test("PTR mail\\.good\\.example\\.$")) and any(test("^mail\\.good\\.example\\. [0-9]+ IN AAAA 2001:db8::26$")))) and
	 (.egress.advice[0] | .setting == "smtp_address_preference" and .value == "ipv4" and .command == "postconf -e '"'"'smtp_address_preference = ipv4'"'"' && postfix reload")' \
	"$P" egress $R --postfix-config "$E/dual" --format json

# The fix works when applied: the records the report gives, added to the
# lab's zones, make the IPv6 address pass (apply_fix edits and reloads).
jq -c '.egress.addresses[1]' "$out" > "$E/v6.json"

# 2. inet_protocols = ipv4: IPv6 is listed as not used, not checked.
cat > "$E/v4only/main.cf" <<CF
inet_protocols = ipv4
myhostname = mail.good.example
smtp_bind_address = 192.0.2.10
CF
tap_json "egress with inet_protocols = ipv4: IPv6 not used, exit 0" 0 \
	'(.egress.addresses | length) == 2 and .egress.addresses[0].verdict == "pass" and
	 (.egress.addresses[1] | .family == "ipv6" and .used == false and .verdict == null) and (.egress.advice | length) == 0' \
	"$P" egress $R --postfix-config "$E/v4only" --format json

# 3. No bind address: the kernel's choice of source address (an address
# on the namespace's loopback and a default route through it, taken away
# afterwards; a UDP connect only asks the routing table: nothing is sent).
PATH=$PATH:/usr/sbin:/sbin
ip addr add 192.0.2.13/32 dev lo
ip route add default dev lo src 192.0.2.13
cat > "$E/kernel/main.cf" <<CF
inet_protocols = ipv4
myhostname = mail.good.example
CF
tap_json "egress without a bind address: the kernel's source (192.0.2.13, forward-mismatch, helo-mismatch)" 2 \
	'(.egress.addresses[0] | .source == "kernel" and .ip == "192.0.2.13" and .verdict == "forward-mismatch" and
	   ([.warnings[].code] | index("helo-mismatch") != null))' \
	"$P" egress $R --postfix-config "$E/kernel" --format json
ip route del default dev lo
ip addr del 192.0.2.13/32 dev lo

# 4. --address instead, and no Postfix at all: the HELO name given.
tap_json "egress --address without Postfix: mta none, the address checked" 0 \
	'.egress.mta == "none" and .egress.addresses[0].ip == "192.0.2.10" and .egress.addresses[0].source == "--address" and .egress.addresses[0].verdict == "pass"' \
	"$P" egress $R --postfix-config "$E/none" --address 192.0.2.10 --helo mail.good.example --format json

# 5. check --helo: aligned (the PTR is the HELO name, which resolves to
# the address) gives no warning; a HELO name elsewhere gets helo-mismatch
# naming what it resolves to.
tap_json "check --helo aligned: no helo-mismatch" 0 \
	'.results[0] | .verdict == "pass" and ([.warnings[].code] | index("helo-mismatch") == null)' \
	"$P" check $R --no-authority --helo mail.good.example --format json 192.0.2.10
tap_json "check --helo elsewhere: helo-mismatch names the HELO name's address" 1 \
	'.results[0] | .verdict == "pass" and (.warnings[] | select(.code == "helo-mismatch") | .severity == "warn" and (.message | test("resolves to 192\\.0\\.2\\.10, not to 192\\.0\\.2\\.15")))' \
	"$P" check $R --no-authority --helo mail.good.example --format json 192.0.2.15

# 6. A hosting provider's default name: check names the provider and
# prints its steps (data/providers.tsv).
tap_json "a provider's default PTR name: check names Hetzner and its steps" 2 \
	'.results[0] | .provider.id == "hetzner" and (.fix_who | test("Hetzner Online.*To set its PTR: Cloud Console"))' \
	"$P" check $R --no-authority --format json 192.0.2.45
"$P" egress $R --postfix-config "$E/none" --address 192.0.2.45 --helo mail.good.example > "$out" 2> "$err"
if grep -q "hcloud server set-rdns SERVER --ip ADDRESS --hostname mail.good.example" "$out"; then
	tap_ok "egress text: the provider's command with the HELO name filled in"
else
	tap_not_ok "egress text: the provider's steps" "$(cat "$out")"
fi
tap_json "a cloud's default PTR name: AWS, its Elastic IP steps with the HELO name" 2 \
	'.results[0] | .provider.id == "aws" and .provider.kind == "cloud" and (.fix_who | test("--domain-name mail\\.good\\.example\\."))' \
	"$P" check $R --no-authority --helo mail.good.example --format json 192.0.2.46
tap_json "a reverse zone run on a provider's servers: check names the provider by them" 2 \
	'.results[0] | .verdict == "ptr-missing" and .provider.id == "hetzner" and (.fix_who | test("Hetzner Online.s \\(its servers run the reverse zone\\)"))' \
	"$P" check $R --no-authority --format json 198.51.104.5

# 7. --format nagios (check and egress): the monitoring-plugins output,
# one status line with performance data after "|", the long text after,
# the exit status as the state.
"$P" check $R --no-authority --format nagios 192.0.2.13 > "$out" 2> "$err"
rc=$?
if [ $rc = 2 ] && head -1 "$out" | grep -Eq '^PTRCHECK CRITICAL - 192\.0\.2\.13 forward-mismatch: PTR elsewhere\.good\.example\. \(not confirmed\)\|time=[0-9]+\.[0-9]{3}s;;;0 addresses=1;;;0 ptr_names=1;;;0 ttl_min=[0-9]+s;;;0$' &&
	grep -q '^  fix: ' "$out"; then
	tap_ok "check --format nagios: CRITICAL status line with performance data, fix records in the long text"
else
	tap_not_ok "check --format nagios" "exit $rc" "$(cat "$out")"
fi
"$P" check $R --no-authority --format nagios 192.0.2.10 > "$out" 2> "$err"
rc=$?
tap_check "check --format nagios of a pass: OK, one line, exit 0" \
	sh -c "[ $rc = 0 ] && [ \$(wc -l < '$out') = 1 ] && grep -q '^PTRCHECK OK - 192.0.2.10 pass: PTR mail.good.example.|' '$out'"
"$P" egress $R --postfix-config "$E/dual" --format nagios > "$out" 2> "$err"
rc=$?
if [ $rc = 2 ] && head -1 "$out" | grep -q '^PTRCHECK CRITICAL - 1 of 2 addresses fail|' &&
	grep -q '^2001:db8::26 ptr-missing' "$out" && grep -q '^meanwhile: smtp_address_preference = ipv4$' "$out"; then
	tap_ok "egress --format nagios: CRITICAL, each address in the long text, the advice"
else
	tap_not_ok "egress --format nagios" "exit $rc" "$(cat "$out")"
fi
"$P" classify --format nagios x.example > "$out" 2> "$err"
tap_check "--format nagios where there is none (classify): refused, exit 3" test $? = 3
