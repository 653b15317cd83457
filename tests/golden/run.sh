#!/bin/sh
# run.sh PTRCHECK DIR [update] - the golden tests: fixed inputs rendered to
# text, JSON and CSV, compared with the stored output (no DNS: reports come
# from zone data and bounces are read with --no-dns). With "update" the
# stored output is rewritten (make golden-update); review the diff. Each
# case stores standard output as NAME and, as NAME.err, standard error
# followed by the exit status: all three are compared.
P=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$2" && pwd)
update=${3:-}
# ptrcheckd, beside ptrcheck unless named: --summarize reads stored logs.
D=${4:-$(dirname "$P")/ptrcheckd}
# Inputs by their names in the directory: outputs do not depend on where
# the tree lives.
cd "$dir" || exit 1
n=0
failed=0
tmp=$(mktemp)
tmperr=$(mktemp)
trap 'rm -f "$tmp" "$tmperr"' EXIT

# golden NAME COMMAND... - compare COMMAND's standard output with NAME, its
# standard error and exit status with NAME.err.
golden() {
	name=$1
	shift
	n=$((n + 1))
	"$@" > "$tmp" 2> "$tmperr"
	echo "exit: $?" >> "$tmperr"
	if [ "$update" = update ]; then
		cp "$tmp" "$dir/$name"
		cp "$tmperr" "$dir/$name.err"
		echo "ok $n - $name (updated)"
	elif cmp -s "$tmp" "$dir/$name" && cmp -s "$tmperr" "$dir/$name.err"; then
		echo "ok $n - $name: output, errors and exit status"
	else
		echo "not ok $n - $name differs from the stored output"
		diff -u "$dir/$name" "$tmp" | head -20 | sed 's/^/#   /'
		diff -u "$dir/$name.err" "$tmperr" | head -10 | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
}

for fmt in text json csv; do
	golden "audit.$fmt" env NO_COLOR=1 "$P" zone audit --format "$fmt" \
		--reverse scenarios.rev.zone --forward scenarios.fwd.zone
done
for b in gmail qp generic; do
	golden "bounce-$b.out.txt" "$P" bounce --no-dns "bounce-$b.txt"
	golden "bounce-$b.out.json" "$P" bounce --no-dns --format json "bounce-$b.txt"
done
golden "zone-name.txt" "$P" zone name --hostname mail.golden.example 192.0.2.130 2001:db8::25
golden "zone-name.json" "$P" zone name --format json 192.0.2.130
golden "zone-gen.txt" "$P" zone gen --serial 1 --from scenarios.fwd.zone --prefix 192.0.2.0/24
golden "classify.txt" "$P" classify --explain dsl-203-0-113-7.dyn.isp.example,203.0.113.7 mail-wr1-f54.google.com mx2.shop.example
golden "classify.json" "$P" classify --format json li123-45.members.linode.com,139.162.45.123 \
	c-73-15-22-10.hsd1.ca.comcast.net mail.linode.com
golden "summarize.txt" "$D" --summarize summarize.log
golden "summarize.json" "$D" --summarize - --format json < summarize.log
# Refusals: one line on standard error and the documented exit status.
golden "bad-zone-name.txt" "$P" zone name 192.0.2
golden "bad-classify.txt" "$P" classify --explain ""
golden "bad-audit.txt" "$P" zone audit --reverse missing.zone --forward scenarios.fwd.zone
golden "bad-bounce.txt" "$P" bounce --no-dns missing-bounce.txt
golden "bad-format.txt" "$P" zone name --format yaml 192.0.2.130
echo "1..$n"
[ "$failed" -eq 0 ]
