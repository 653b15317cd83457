# test_zone.sh - ptrcheck zone against the lab: a generated reverse zone
# loads in NSD and, served next to its forward zone, makes `check` pass for
# every address; audits from files and from live DNS.
# Sourced by suite.sh inside lab.sh ($P, $R, $out, $err, tap.sh, $LAB).

"$P" zone gen --from "$LAB/gen.example.zone" --prefix 198.18.5.0/24 > "$LAB/gen-rev.zone" 2> "$err"
tap_check "zone gen writes a reverse zone" test -s "$LAB/gen-rev.zone"
tap_check "the generated zone loads in NSD (nsd-checkzone)" \
	nsd-checkzone 5.18.198.in-addr.arpa "$LAB/gen-rev.zone"
if grep -q 'has 2 names; chose mx.gen.example. (an MX target)' "$err"; then
	tap_ok "several names: the MX target is chosen, with a warning"
else
	tap_not_ok "several names: the MX target is chosen, with a warning" "$(cat "$err")"
fi
mkdir -p "$LAB/genout"
"$P" zone gen --from "$LAB/gen.example.zone" --prefix 198.18.5.128/25 \
	--prefix 2001:db8:5::/48 --output-dir "$LAB/genout" 2> /dev/null
tap_check "an RFC 2317 zone loads in NSD" \
	nsd-checkzone 128/25.5.18.198.in-addr.arpa "$LAB/genout/128-25.5.18.198.in-addr.arpa.zone"
tap_check "an ip6.arpa zone loads in NSD" \
	nsd-checkzone 5.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa "$LAB/genout/5.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.zone"

# Serve both zones from 127.10.3.1, delegated to by the lab's parents.
cat > "$LAB/nsd-gen.conf" <<CONF
server:
	ip-address: 127.10.3.1
	port: 53
	username: ""
	chroot: ""
	zonesdir: "$LAB"
	database: ""
	pidfile: "$LAB/nsd-gen.pid"
	xfrdfile: "$LAB/nsd-gen.xfrd"
	zonelistfile: "$LAB/nsd-gen.zonelist"
	xfrdir: "$LAB"
	server-count: 1
	do-ip6: no
	rrl-ratelimit: 0
remote-control:
	control-enable: no
zone:
	name: "gen.example."
	zonefile: "gen.example.zone"
zone:
	name: "5.18.198.in-addr.arpa."
	zonefile: "gen-rev.zone"
CONF
nsd -d -c "$LAB/nsd-gen.conf" > "$LAB/nsd-gen.log" 2>&1 &
gen_pid=$!
i=0
until drill -Q @127.10.3.1 SOA 5.18.198.in-addr.arpa 2>/dev/null | grep -q SOA || [ $i -gt 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
for ip in 198.18.5.10 198.18.5.11 198.18.5.12 198.18.5.130; do
	"$P" check $R --format json "$ip" > "$out" 2> "$err"
	if [ $? = 0 ] && jq -e '.results[0].verdict == "pass"' "$out" > /dev/null; then
		tap_ok "served generated zone: $ip passes check"
	else
		tap_not_ok "served generated zone: $ip passes check" "$(head -c 800 "$out")" "$(cat "$err")"
	fi
done

"$P" zone audit --reverse "$LAB/gen-rev.zone" --forward "$LAB/gen.example.zone" --format json > "$out" 2> "$err"
got=$?
if [ $got = 0 ] && jq -e '[.results[].verdict] | all(. == "pass") and length == 4' "$out" > /dev/null; then
	tap_ok "audit of the generated zone against its forward zone: all pass"
else
	tap_not_ok "audit of the generated zone against its forward zone: all pass" "exit $got" "$(head -c 800 "$out")"
fi
"$P" zone audit $R --live 198.18.5.0/24 --forward "$LAB/gen.example.zone" --format csv > "$out" 2> "$err"
got=$?
if [ $got = 0 ] && [ "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "198.18.5.10 198.18.5.11 198.18.5.12 198.18.5.130 " ]; then
	tap_ok "live audit of a /24: the four addresses with PTRs, in order, all pass"
else
	tap_not_ok "live audit of a /24: the four addresses with PTRs, in order, all pass" "exit $got" "$(cat "$out")" "$(cat "$err")"
fi
kill "$gen_pid" 2> /dev/null
wait "$gen_pid" 2> /dev/null

"$P" zone audit $R --live 192.0.2.0/27 --forward "$LAB/good.example.zone" --format json > "$out" 2> "$err"
got=$?
if [ $got = 2 ] && jq -e '
	([.results[] | {(.ip): .verdict}] | add) as $v
	| $v["192.0.2.10"] == "pass" and $v["192.0.2.13"] == "forward-mismatch"
	  and $v["192.0.2.12"] == "forward-missing" and $v["192.0.2.16"] == "ptr-generic"
	  and $v["192.0.2.26"] == "temporary" and ($v | has("192.0.2.11") | not)' "$out" > /dev/null; then
	tap_ok "live audit of the lab's scenarios: the verdicts of check, no noise for unused addresses"
else
	tap_not_ok "live audit of the lab's scenarios" "exit $got" "$(jq -c '[.results[] | [.ip, .verdict]]' "$out" 2>&1 | head -c 1500)" "$(cat "$err")"
fi
"$P" zone audit --live 10.0.0.0/8 > /dev/null 2> "$err"
tap_check "a live audit refuses more than 65,536 addresses (exit 3)" test $? = 3
