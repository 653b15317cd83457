#!/bin/sh
# zone_cli.sh PTRCHECK - ptrcheck zone without DNS: the inputs people
# actually have (a CSV with a header, a mail address as the SOA contact,
# an output folder that does not exist yet) and the mistakes they make
# (--reverse and --forward swapped), each answered plainly.
P=$1
. "$(dirname "$0")/../integration/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/fwd.zone" <<'ZONE'
$ORIGIN u.example.
$TTL 3600
@ SOA ns1 hm 1 3600 600 86400 300
@ NS ns1
_dmarc A 192.0.2.50
mail50 A 192.0.2.50
ZONE
cat > "$tmp/rev.zone" <<'ZONE'
$ORIGIN 2.0.192.in-addr.arpa.
$TTL 3600
@ SOA ns1.u.example. hm.u.example. 1 3600 600 86400 300
@ NS ns1.u.example.
10 PTR mail10.u.example.
ZONE

"$P" zone audit --reverse "$tmp/fwd.zone" --forward "$tmp/rev.zone" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc = 3 ] && grep -q "are the two swapped" "$tmp/err" && [ ! -s "$tmp/out" ] &&
	tap_ok "zone audit with --reverse and --forward swapped: an error, exit 3" ||
	tap_not_ok "swapped files" "exit $rc" "$(cat "$tmp/err")"

"$P" zone audit --reverse "$tmp/rev.zone" --forward "$tmp/fwd.zone" --format json > "$tmp/out" 2> "$tmp/err"
if jq -e '.results[] | select(.ip == "192.0.2.50") | .fix[0].record == "50.2.0.192.in-addr.arpa. 3600 IN PTR mail50.u.example."' "$tmp/out" > /dev/null; then
	tap_ok "zone audit never suggests a name zone gen refuses (_dmarc): mail50 instead"
else
	tap_not_ok "underscore names" "$(head -c 800 "$tmp/out")"
fi

printf 'ip,hostname\n192.0.2.25,mail25.example.com\n' > "$tmp/hosts.csv"
"$P" zone gen --from "$tmp/hosts.csv" --prefix 192.0.2.0/24 --ns ns1.example.com \
	--soa-rname first.last@example.com --output-dir "$tmp/new/dir" > "$tmp/out" 2> "$tmp/err"
rc=$?
f="$tmp/new/dir/2.0.192.in-addr.arpa.zone"
[ $rc = 0 ] && [ -f "$f" ] && tap_ok "--output-dir: a folder that does not exist is created" ||
	tap_not_ok "--output-dir" "exit $rc" "$(cat "$tmp/err")"
grep -q '^25	IN	PTR	mail25.example.com.$' "$f" 2> /dev/null &&
	tap_ok "a CSV host list may start with a header line" ||
	tap_not_ok "CSV header" "$(cat "$tmp/err")" "$(cat "$f" 2> /dev/null)"
grep -q 'SOA	ns1.example.com. first\\.last.example.com. (' "$f" 2> /dev/null &&
	tap_ok "--soa-rname takes a mail address (first.last@example.com as first\\.last.example.com.)" ||
	tap_not_ok "--soa-rname as a mail address" "$(grep SOA "$f" 2> /dev/null)"
"$P" zone gen --from "$tmp/hosts.csv" --prefix 192.0.2.0/24 --ns ns1.example.com \
	--soa-rname 'a b@example.com' > /dev/null 2> "$tmp/err"
[ $? = 3 ] && grep -q "soa-rname: not a mail address" "$tmp/err" &&
	tap_ok "--soa-rname: a bad address is one line, exit 3" || tap_not_ok "bad --soa-rname" "$(cat "$tmp/err")"

tap_done
