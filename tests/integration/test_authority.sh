# test_authority.sh - the authority inspection of ptrcheck check: who
# serves the PTR's zone, what each server says, and the warnings, against
# the lab's scenario zones (docs/LAB.md). Sourced by suite.sh inside lab.sh
# ($P, $R, $out, $err, tap.sh; scenario/text/v/w/now from test_check.sh).

a() { echo ".results[0].authority"; }
# no_auth_warnings - none of the authority inspection's warning codes.
no_auth_warnings() {
	echo "([.results[0].warnings[].code | select(test(\"lame|unreachable|disagree|serial|delegation|rfc2317|negative|resolver|provider\"))] | length) == 0"
}
srv() { echo "($(a).servers[] | select(.address == \"$1\"))"; }

# --- a healthy zone ----------------------------------------------------
scenario "authority: zone, parent, both NS sets, every server's answer and serial" 0 \
	"$(v pass) and $(a).zone == \"2.0.192.in-addr.arpa.\" and $(a).parent == \"in-addr.arpa.\" and ($(a).delegation | sort) == [\"ns1.isp.test.\",\"ns2.isp.test.\"] and ($(a).child_ns | sort) == [\"ns1.isp.test.\",\"ns2.isp.test.\"] and ($(a).servers | length) == 2 and ([$(a).servers[] | select(.answer == \"found\" and .aa and .serial == 2026120101 and .ptr == [\"mail.good.example.\"] and .source == \"parent\" and .in_child and (.rtt_ms | type) == \"number\" and .error == null)] | length) == 2 and $(a).negative_ttl == 300 and $(a).contact == \"hostmaster@isp.example\" and ($(a).persistent | not) and $(no_auth_warnings)" \
	192.0.2.10
scenario "authority: IPv6, the nibble zone and its parent ip6.arpa." 0 \
	"$(v pass) and $(a).zone == \"8.b.d.0.1.0.0.2.ip6.arpa.\" and $(a).parent == \"ip6.arpa.\" and ($(a).servers | length) == 2 and $(no_auth_warnings)" \
	2001:db8::25
scenario "authority: NXDOMAIN from every server is no fault of the servers" 2 \
	"$(v ptr-missing) and ([$(a).servers[] | select(.answer == \"nxdomain\" and .aa)] | length) == 2 and $(no_auth_warnings)" \
	192.0.2.11
scenario "authority: on by default for one IP only, off with --no-authority" 0 \
	"$(a) == null" --no-authority 192.0.2.10
scenario "authority: run for every address, so each stands alone" 0 \
	"[.results[].authority.zone] == [\"2.0.192.in-addr.arpa.\", \"2.0.192.in-addr.arpa.\"]" 192.0.2.10 192.0.2.25

# --- lame and silent servers -------------------------------------------
scenario "lame-server: one of two delegated servers REFUSES" 1 \
	"$(v pass) and $(w lame-server warn) and $(srv 127.10.2.3).answer == \"refused\" and $(srv 127.10.2.3).error == \"refused\" and $(srv 127.10.1.1).answer == \"found\" and ($(a).persistent | not)" \
	198.18.1.10
text "lame-server: the sentence names the server and says what to do" 1 \
	"lame-server: Lame delegation: refused.test. (127.10.2.3): refused.*remove it from the NS records" 198.18.1.10
scenario "zone-unreachable: the only server never answers; temporary, but exit 2" 2 \
	"$(v temporary) and $(w server-unreachable warn) and $(w zone-unreachable warn) and $(a).persistent and $(a).zone == \"100.51.198.in-addr.arpa.\" and $(srv 127.10.2.1).answer == \"timeout\" and ($(a).answered | not)" \
	198.51.100.1
text "zone-unreachable: the report says the fault is persistent" 2 \
	"persistent fault" 198.51.100.1
scenario "zone-unreachable: the fix points at the zone's servers, not at records" 2 \
	".results[0].fix == [] and (.results[0].fix_cause | test(\"No server of the reverse zone answers\"))" 198.51.100.1
scenario "zone-unreachable: the only server answers SERVFAIL (server-failure)" 2 \
	"$(v temporary) and $(w server-failure warn) and $(w zone-unreachable warn) and $(srv 127.10.2.2).error == \"servfail\"" \
	203.0.113.1

# --- servers that disagree ----------------------------------------------
scenario "servers-disagree: two delegated servers hold different PTRs" 1 \
	"$(w servers-disagree warn) and ([.results[0].warnings[] | select(.code == \"serial-differs\")] | length) == 0 and $(srv 127.10.1.1).ptr == [\"mail-a.good.example.\"] and $(srv 127.10.1.3).ptr == [\"mail-b.good.example.\"] and $(srv 127.10.1.1).serial == 2026120101 and $(srv 127.10.1.3).serial == 2026120102" \
	198.18.2.10
scenario "serial-differs: the same answer and different serials is info only" 0 \
	"$(v pass) and $(w serial-differs info) and ([.results[0].warnings[] | select(.code == \"servers-disagree\")] | length) == 0" \
	198.18.2.20
scenario "not tested: a server of an address family without a route raises nothing" 0 \
	"$(srv 2001:db8:ffff::53).tested == false and $(srv 2001:db8:ffff::53).error == \"not tested\" and $(srv 2001:db8:ffff::53).name == \"v6.isp.test.\" and ([.results[0].warnings[] | select(.code == \"server-unreachable\")] | length) == 0" \
	198.18.2.20
scenario "delegation-mismatch: parent and zone name different servers" 1 \
	"$(v pass) and $(w delegation-mismatch warn) and ($(a).delegation | sort) == [\"ns1.isp.test.\",\"ns2.isp.test.\"] and ($(a).child_ns | sort) == [\"ns.cust.test.\",\"ns1.isp.test.\"] and $(srv 127.10.1.3).source == \"child\" and ($(srv 127.10.1.3).in_parent | not) and $(srv 127.10.1.2).source == \"parent\" and ($(srv 127.10.1.2).in_child | not)" \
	198.18.4.10

# --- RFC 2317 --------------------------------------------------------------
scenario "rfc2317: the zone behind the CNAME, and who holds the /24" 0 \
	"$(v pass) and $(w rfc2317 info) and $(a).zone == \"128/25.2.0.192.in-addr.arpa.\" and $(a).parent == \"2.0.192.in-addr.arpa.\" and $(a).rfc2317_zone == \"2.0.192.in-addr.arpa.\" and $(a).question == \"130.128/25.2.0.192.in-addr.arpa.\" and $(srv 127.10.1.3).ptr == [\"mail130.good.example.\"] and $(a).contact == \"hostmaster@cust.example\"" \
	192.0.2.130
text "rfc2317: the sentence says where the CNAME points and where to change the PTR" 0 \
	"rfc2317: .*CNAME from 130.2.0.192.in-addr.arpa. to 130.128/25.2.0.192.in-addr.arpa.*Change the PTR there" 192.0.2.130

# --- the provider ------------------------------------------------------------
scenario "provider-not-delegated: the provider holds the right PTR, the ISP a generic one" 2 \
	"$(w provider-not-delegated warn) and $(srv 127.10.1.4).source == \"provider\" and $(srv 127.10.1.4).ptr == [\"mail25.good.example.\"] and $(srv 127.10.1.4).aa and ((.results[0].warnings[] | select(.code == \"provider-not-delegated\") | .message) | test(\"delegated to ns1.isp.test.*contact hostmaster@isp.example\")) and .results[0].fix[0].record == \"25.3.18.198.in-addr.arpa. 3600 IN PTR mail25.good.example.\" and .results[0].fix[0].action == \"replace\"" \
	--provider 127.10.1.4 198.18.3.25
scenario "provider-not-delegated: the provider given by name" 2 \
	"$(w provider-not-delegated warn) and $(srv 127.10.1.4).name == \"ns.provider.test.\"" \
	--provider ns.provider.test 198.18.3.25
scenario "a provider that is one of the delegated servers raises nothing" 0 \
	"$(v pass) and $(no_auth_warnings) and ([$(a).servers[] | select(.source == \"provider\" and .address == \"127.10.1.1\" and .name == \"ns1.isp.test.\")] | length) == 1" \
	--provider ns1.isp.test 192.0.2.10
scenario "a provider that does not hold the zone raises nothing" 0 \
	"$(no_auth_warnings) and $(srv 127.10.2.3).error == \"refused\"" \
	--provider 127.10.2.3 192.0.2.10

# --- what the resolver sees -----------------------------------------------
scenario "resolver-differs: a split-horizon answer at the resolver (judged on what it sees)" 2 \
	"$(w resolver-differs warn) and .results[0].ptr[0].name == \"inside.good.example.\" and $(srv 127.10.1.1).ptr == [\"mail7.good.example.\"]" \
	198.18.7.10

# negative-cache: cache the NXDOMAIN, add the PTR, reload NSD, ask again.
"$P" check $R --no-authority 198.18.6.10 > /dev/null 2>&1
zonefile="$LAB/6.18.198.in-addr.arpa.zone"
sed 's/ 1 3600 600 86400 900/ 2 3600 600 86400 900/' "$zonefile" > "$zonefile.new" &&
	printf '10\tPTR\tneg.good.example.\n' >> "$zonefile.new" &&
	mv "$zonefile.new" "$zonefile" &&
	kill -HUP "$(cat "$LAB/nsd-isp.pid")"
i=0
until drill -Q @127.10.1.1 PTR 10.6.18.198.in-addr.arpa 2>/dev/null | grep -q neg.good.example; do
	i=$((i + 1))
	[ $i -gt 50 ] && break
	sleep 0.1
done
scenario "negative-cache: the servers have the PTR, the resolver's NXDOMAIN is still cached" 2 \
	"$(v ptr-missing) and $(w negative-cache warn) and $(a).negative_ttl == 900 and $(srv 127.10.1.1).ptr == [\"neg.good.example.\"] and $(srv 127.10.1.1).serial == 2 and (.results[0].warnings[] | select(.code == \"negative-cache\") | .message | test(\"cached 900 s .*forgets it in [0-9]+ s\")) and ([.results[0].warnings[] | select(.code == \"negative-cache\") | .message | capture(\"forgets it in (?<n>[0-9]+) s\").n | tonumber] | .[0] <= 900 and .[0] > 0) and .results[0].fix == [] and (.results[0].fix_cause | test(\"already hold the new PTR\"))" \
	198.18.6.10
text "negative-cache: the report explains the bound and the resolver caps" 2 \
	"negative-cache: .*cached 900 s (the lesser of the SOA TTL 3600 and its MINIMUM 900, RFC 2308); Unbound and PowerDNS" 198.18.6.10

# --- --trace -------------------------------------------------------------------
scenario "--trace: from the root hints down to the PTR, every server of every level" 0 \
	"$(v pass) and ($(a).trace | length) >= 3 and $(a).trace[0].zone == \".\" and $(a).trace[0].servers[0].source == \"hints\" and $(a).trace[0].servers[0].referral == \"arpa.\" and $(a).trace[-1].zone == \"2.0.192.in-addr.arpa.\" and ($(a).trace[-1].servers | length) == 2 and ([$(a).trace[-1].servers[] | select(.aa and .answer == \"found\")] | length) == 2" \
	--root-hints "$LAB/root.hints" 192.0.2.10
text "--trace: the text report shows each level" 0 \
	"a referral to 2.0.192.in-addr.arpa." --trace --root-hints "$LAB/root.hints" 192.0.2.10
scenario "--trace: through the RFC 2317 CNAME" 0 \
	"$(a).trace[-1].zone == \"128/25.2.0.192.in-addr.arpa.\" and ([$(a).trace[].servers[] | select(.cname)] | length) == 2" \
	--root-hints "$LAB/root.hints" 192.0.2.130
printf 'this is not a zone file (\n' > "$out.hints"
text_usage() {
	desc=$1 pattern=$2
	shift 2
	# shellcheck disable=SC2086
	"$P" check $R "$@" > "$out" 2> "$err"
	got=$?
	if [ "$got" = 3 ] && [ "$(wc -l < "$err")" = 1 ] && grep -q -- "$pattern" "$err"; then
		tap_ok "$desc"
	else
		tap_not_ok "$desc" "exit $got" "$(cat "$err")"
	fi
}
text_usage "--root-hints: a malformed file is one line and exit 3" "line 1" --root-hints "$out.hints" 192.0.2.10
text_usage "--root-hints: a missing file is one line and exit 3" "cannot open" --root-hints /nonexistent 192.0.2.10
text_usage "--no-authority cannot go with --provider" "cannot go with" --no-authority --provider 127.10.1.4 192.0.2.10
text_usage "--provider: not an address or a name" "--provider" --provider 'bad name!' 192.0.2.10
rm -f "$out.hints"
