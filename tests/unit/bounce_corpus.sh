#!/bin/sh
# bounce_corpus.sh PTRCHECK SRCDIR - every labelled bounce (development
# and held-out sets in tests/data, the MTA set and its unseen slice) as
# one TAP case each: the rejected addresses and the cause must be exactly
# those of index.tsv. The receiver family is reported (bench/eval-bounces),
# not asserted: its labels follow conventions.
ptrcheck=$1
src=$2
n=0
failed=0
tab=$(printf '\t')
for dir in "$src/tests/data/bounces-dev" "$src/tests/data/bounces-heldout" \
	"$src/tests/data/bounces-mta" "$src/tests/data/bounces-mta-unseen"; do
	while IFS="$tab" read -r file want_ips want_cause want_recv; do
		[ "$file" = file ] && continue
		n=$((n + 1))
		out=$("$ptrcheck" bounce --no-dns --format json "$dir/$file" 2>/dev/null)
		# The labels are of the rejection about reverse DNS, else the first.
		got=$(printf '%s' "$out" | jq -r '((.bounces | map(select(.cause != "other")) | .[0]) // .bounces[0] // {}) as $b | [([$b.ips[]?] | if length == 0 then "-" else join(",") end), ($b.cause // "none")] | join(" ")')
		if [ "$got" = "$want_ips $want_cause" ]; then
			echo "ok $n - $(basename "$dir")/$file: $got"
		else
			echo "not ok $n - $(basename "$dir")/$file: got '$got', want '$want_ips $want_cause'"
			failed=$((failed + 1))
		fi
	done < "$dir/index.tsv"
done
# The set built from public sources (tests/data/bounces-public): a floor,
# the figures docs/BOUNCE.md records, since one label is a known miss.
dir="$src/tests/data/bounces-public"
ips=0 causes=0 rows=0
while IFS="$tab" read -r file want_ips want_cause want_recv; do
	[ "$file" = file ] && continue
	rows=$((rows + 1))
	out=$("$ptrcheck" bounce --no-dns --format json "$dir/$file" 2>/dev/null)
	b=$(printf '%s' "$out" | jq -c '(.bounces | map(select(.cause != "other")) | .[0]) // .bounces[0] // {}')
	got_ips=$(printf '%s' "$b" | jq -r '[.ips[]?] | if length == 0 then "-" else join(",") end')
	[ "$got_ips" = "$want_ips" ] && ips=$((ips + 1))
	[ "$(printf '%s' "$b" | jq -r '.cause // "none"')" = "$want_cause" ] && causes=$((causes + 1))
done < "$dir/index.tsv"
n=$((n + 1))
[ "$ips" -ge 24 ] && echo "ok $n - bounces-public: addresses $ips of $rows (floor 24)" ||
	{ echo "not ok $n - bounces-public: addresses $ips of $rows (floor 24)"; failed=$((failed + 1)); }
n=$((n + 1))
[ "$causes" -ge 23 ] && echo "ok $n - bounces-public: causes $causes of $rows (floor 23)" ||
	{ echo "not ok $n - bounces-public: causes $causes of $rows (floor 23)"; failed=$((failed + 1)); }
echo "1..$n"
[ "$failed" -eq 0 ]
