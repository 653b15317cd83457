# test_fixloop.sh - the closed loop: for every problem scenario of the lab,
# the `fix` items of `check --format json` are applied literally to the
# lab's zone files (apply_fix, with the actions of docs/JSON.md), the
# servers reload, the resolver forgets, and the same check must now pass
# (for servers that disagree, or a lame one: the warning must be gone).
# Then the zone files are put back. zone audit's fixes and zone gen's
# --nsupdate output are held to the same promise. Sourced by suite.sh
# inside lab.sh ($P, $R, $LAB, $out, $err, tap.sh); runs last.

F=$APPLY_FIX
UC="unbound-control -c $LAB/unbound.conf"
mkdir -p "$LAB/orig"
cp "$LAB"/*.zone "$LAB/orig/"

# zone_confs ZONE - "FILE ADDR..." for each NSD instance that serves ZONE.
zone_confs() {
	for conf in "$LAB"/nsd-*.conf; do
		awk -v zone="$1" -v lab="$LAB" '
			/ip-address:/ { addrs = addrs " " $2 }
			/name:/ { gsub(/"/, "", $2); name = $2 }
			/zonefile:/ { gsub(/"/, "", $2); if (tolower(name) == tolower(zone)) file = $2 }
			END { if (file != "") print lab "/" file addrs }' "$conf"
	done
}

# soa_serial FILE - the serial in a master file ldns wrote (or the lab's).
soa_serial() {
	awk '$4 == "SOA" { print $7; exit } $2 == "SOA" { print $5; exit }' "$1"
}

# wait_serial ZONE SERIAL ADDR... - until every server answers it (bounded).
wait_serial() {
	zone=$1 want=$2
	shift 2
	for addr in "$@"; do
		i=0
		# drill -Q prints the SOA's data alone: MNAME RNAME SERIAL ...
		until [ "$(drill -Q @"$addr" SOA "$zone" 2>/dev/null | awk 'NF == 7 { print $3 }')" = "$want" ]; do
			i=$((i + 1))
			[ $i -gt 400 ] && return 1 # 20 s: a reload takes milliseconds
			sleep 0.05
		done
	done
}

# forget - the resolver's cache, positive and negative, goes.
forget() {
	$UC flush_zone . > /dev/null 2>&1
	$UC flush_infra all > /dev/null 2>&1
	$UC flush_bogus > /dev/null 2>&1
	$UC flush_negative > /dev/null 2>&1
}

# apply_items JSON - every fix item into every file of its zone; the
# changed zones, one "ZONE SERIAL ADDR..." line each, into $LAB/changed.
apply_items() {
	: > "$LAB/changed"
	jq -r '.results[0].fix[] | [.action, .zone, .record] | @tsv' "$1" > "$LAB/items"
	[ -s "$LAB/items" ] || return 1
	while IFS="$(printf '\t')" read -r action zone record; do
		confs=$(zone_confs "$zone")
		[ -n "$confs" ] || { echo "no lab server has the zone $zone" >&2; return 1; }
		echo "$confs" | while read -r file addrs; do
			"$F" "$file" "$zone" "$action" "$record" || exit 1
			echo "$zone $(soa_serial "$file") $addrs" >> "$LAB/changed"
		done || return 1
	done < "$LAB/items"
}

# reload - each NSD (its main process: the pid file's) re-reads the files
# that changed; wait for the serials.
reload() {
	for pidfile in "$LAB"/nsd-*.pid; do
		kill -HUP "$(cat "$pidfile")" 2>/dev/null
	done
	sort -u "$1" | while read -r zone serial addrs; do
		# shellcheck disable=SC2086
		wait_serial "$zone" "$serial" $addrs || { echo "no reload of $zone" >&2; exit 1; }
	done
}

restore() {
	cp "$LAB/orig/"*.zone "$LAB/"
	awk '{ print $1 }' "$LAB/changed" | sort -u | while read -r zone; do
		zone_confs "$zone" | while read -r file addrs; do
			echo "$zone $(soa_serial "$file") $addrs"
		done
	done > "$LAB/restored"
	reload "$LAB/restored"
	forget
}

# fixloop DESC AFTER-PREDICATE CHECK-ARG... - apply, check again, restore.
fixloop() {
	desc=$1 pred=$2
	shift 2
	# shellcheck disable=SC2086
	"$P" check $R --format json "$@" > "$LAB/before.json" 2> "$err"
	if ! apply_items "$LAB/before.json" 2> "$err" || ! reload "$LAB/changed" 2>> "$err"; then
		tap_not_ok "$desc" "applying the fix failed: $(cat "$err")" \
			"$(jq -c '.results[0] | [.verdict, .fix]' "$LAB/before.json")"
		restore
		return
	fi
	forget
	# shellcheck disable=SC2086
	"$P" check $R --format json "$@" > "$LAB/after.json" 2> "$err"
	if jq -e ".results[0] | $pred" "$LAB/after.json" > /dev/null; then
		tap_ok "$desc"
	else
		tap_not_ok "$desc" "before: $(jq -c '.results[0] | [.verdict, .fix]' "$LAB/before.json")" \
			"after: $(jq -c '.results[0] | [.verdict, [.warnings[].code]]' "$LAB/after.json")"
	fi
	restore
}

PASS='.verdict == "pass"'

# egress_fixloop DESC DIR - egress's fixes for every address applied, then
# egress again: every address passes, no helo-mismatch, no advice, exit 0.
egress_fixloop() {
	desc=$1 dir=$2
	"$P" egress $R --postfix-config "$dir" --format json > "$LAB/egress-before.json" 2> "$err"
	: > "$LAB/changed.all"
	for i in $(jq -r '.egress.addresses | keys[]' "$LAB/egress-before.json"); do
		jq "{results: [.egress.addresses[$i]]}" "$LAB/egress-before.json" > "$LAB/one.json"
		[ "$(jq '.results[0].fix | length' "$LAB/one.json")" -gt 0 ] || continue
		if ! apply_items "$LAB/one.json" 2> "$err"; then
			tap_not_ok "$desc" "applying the fix failed: $(cat "$err")"
			cp "$LAB/changed.all" "$LAB/changed"
			restore
			return
		fi
		cat "$LAB/changed" >> "$LAB/changed.all"
	done
	cp "$LAB/changed.all" "$LAB/changed"
	reload "$LAB/changed" 2>> "$err"
	forget
	"$P" egress $R --postfix-config "$dir" --format json > "$LAB/egress-after.json" 2> "$err"
	rc=$?
	if [ $rc = 0 ] && jq -e '[.egress.addresses[] | select(.used) | .verdict] | all(. == "pass")' "$LAB/egress-after.json" > /dev/null &&
		jq -e '(.egress.advice | length) == 0 and ([.egress.addresses[].warnings[]?.code] | index("helo-mismatch") == null)' "$LAB/egress-after.json" > /dev/null; then
		tap_ok "$desc"
	else
		tap_not_ok "$desc" "exit $rc" "before: $(jq -c '[.egress.addresses[] | [.ip, .verdict, [.fix[]?.record]]]' "$LAB/egress-before.json")" \
			"after: $(jq -c '[.egress.addresses[] | [.ip, .verdict, [.warnings[]?.code]]]' "$LAB/egress-after.json")"
	fi
	restore
}
egress_fixloop "fix closes the loop: egress, dual-stack Postfix with an IPv6 address without PTR (PTR and AAAA for the HELO name)" \
	"$LAB/egress/dual"
fixloop "fix closes the loop: check --helo, the PTR elsewhere (PTR to the HELO name, its A beside)" \
	'.verdict == "pass" and ([.warnings[].code] | index("helo-mismatch") == null)' --helo mail.good.example 192.0.2.13
fixloop "fix closes the loop: no PTR, --hostname a new name (PTR and its A)" "$PASS" \
	--hostname mail11.good.example 192.0.2.11
fixloop "fix closes the loop: no PTR, --hostname a name already in use (A added beside)" "$PASS" \
	--hostname elsewhere.good.example 192.0.2.11
fixloop "fix closes the loop: IPv6 without PTR (PTR and AAAA)" "$PASS" \
	--hostname mail26.good.example 2001:db8::26
fixloop "fix closes the loop: NODATA (a TXT where the PTR was meant)" "$PASS" \
	--hostname mail24.good.example 192.0.2.24
fixloop "fix closes the loop: forward-missing (A added in the zone its SOA names)" "$PASS" \
	192.0.2.12
fixloop "fix closes the loop: forward-mismatch" "$PASS" 192.0.2.13
fixloop "fix closes the loop: forward-mismatch over IPv6" "$PASS" 2001:db8::28
fixloop "fix closes the loop: forward-mismatch with --hostname (the PTR pointed there)" "$PASS" \
	--hostname mail.good.example 192.0.2.13
fixloop "fix closes the loop: a generic name replaced, the new name's A with it" "$PASS" \
	--hostname mail16.good.example 192.0.2.16
fixloop "fix closes the loop: a CNAME loop replaced by a PTR" "$PASS" \
	--hostname mail17.good.example 192.0.2.17
fixloop "fix closes the loop: a CNAME to itself" "$PASS" \
	--hostname mail32.good.example 192.0.2.32
fixloop "fix closes the loop: a hostile PTR name (ESC byte)" "$PASS" \
	--hostname mail18.good.example 192.0.2.18
fixloop "fix closes the loop: a PTR without its trailing dot (the name meant, and its A)" "$PASS" \
	192.0.2.22
fixloop "fix closes the loop: RFC 2317, a CNAME to nothing (the PTR in the classless zone)" "$PASS" \
	--hostname mail131.good.example 192.0.2.131
fixloop "fix closes the loop: a PTR at a provider that is not delegated" "$PASS" \
	--provider ns.provider.test 198.18.3.25
fixloop "fix closes the loop: servers that disagree answer alike" \
	'.verdict == "pass" and ([.warnings[].code] | index("servers-disagree") | not)' 198.18.2.10
fixloop "fix closes the loop: a lame server leaves the delegation" \
	'.verdict == "pass" and ([.warnings[].code] | index("lame-server") | not)' 198.18.1.10

# The files are the lab's own again.
if diff -r "$LAB/orig" "$LAB" 2>/dev/null | grep -q '^diff\|^<\|^>'; then
	tap_not_ok "the lab's zone files are restored" "$(diff -r "$LAB/orig" "$LAB" | head -5)"
else
	tap_ok "the lab's zone files are restored after each loop"
fi

# zone audit: its fixes, applied to copies of the files, leave nothing to fix.
mkdir -p "$LAB/audit"
cp "$LAB/orig/2.0.192.in-addr.arpa.zone" "$LAB/audit/rev.zone"
cp "$LAB/orig/good.example.zone" "$LAB/audit/fwd.zone"
"$P" zone audit --reverse "$LAB/audit/rev.zone" --forward "$LAB/audit/fwd.zone" --format json \
	> "$LAB/audit/before.json" 2> /dev/null
jq -r '.results[] | select(.verdict == "forward-missing" or .verdict == "forward-mismatch")
	| .fix[] | [.action, .zone, .record] | @tsv' "$LAB/audit/before.json" > "$LAB/audit/items"
n=$(wc -l < "$LAB/audit/items")
while IFS="$(printf '\t')" read -r action zone record; do
	"$F" "$LAB/audit/fwd.zone" "$zone" "$action" "$record"
done < "$LAB/audit/items"
"$P" zone audit --reverse "$LAB/audit/rev.zone" --forward "$LAB/audit/fwd.zone" --format json \
	> "$LAB/audit/after.json" 2> /dev/null
left=$(jq '[.results[] | select(.verdict == "forward-missing" or .verdict == "forward-mismatch")] | length' "$LAB/audit/after.json")
[ "$n" -gt 0 ] && [ "$left" = 0 ] &&
	tap_ok "zone audit: its $n forward fixes, applied, leave no forward problem" ||
	tap_not_ok "zone audit fixes close the loop" "$n items, $left problems left"

# zone gen --nsupdate for a classless prefix: every owner inside its zone.
printf '192.0.2.25,mail25.example.com\n192.0.2.26,mx.example.com\n' > "$LAB/rfc2317.csv"
"$P" zone gen --from "$LAB/rfc2317.csv" --prefix 192.0.2.24/29 --nsupdate \
	--soa-rname hostmaster@example.com --ns ns1.example.com > "$out" 2> "$err"
zone=$(awk '$1 == "zone" { print $2 }' "$out")
outside=$(awk -v z="$zone" '$1 == "update" { o = $3; if (substr(o, length(o) - length(z) + 1) != z) n++ }
	END { print n + 0 }' "$out")
[ "$zone" = "24/29.2.0.192.in-addr.arpa." ] && [ "$outside" = 0 ] &&
	[ "$(grep -c 'update add' "$out")" = 2 ] &&
	tap_ok "zone gen --nsupdate, RFC 2317: every owner inside 24/29.2.0.192.in-addr.arpa. (no NOTZONE)" ||
	tap_not_ok "nsupdate owners for a classless zone" "$(cat "$out" "$err")"
