#!/bin/sh
# build.sh DIR SECONDS - build each fuzz target with clang's libFuzzer
# (plus ASan and UBSan) and run it for SECONDS on its corpus. New inputs go
# to DIR/corpus-TARGET; a crash leaves crash-* in DIR: copy it into
# fuzz/corpus/TARGET once fixed.
set -eu
dir=$1
seconds=$2
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
flags="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -I$top/include -I$top/src/lib -I$top/src/daemon $(pkg-config --cflags gmime-3.0)"
libs="-lldns $(pkg-config --libs gmime-3.0)"
libsrc="addr arpa bounce bounce_cause bounce_ip bounce_text classify classify_words dsn escape hostcsv mime name prefix status textbuf wire"
objs=""
for f in $libsrc; do
	clang $flags -fsanitize=fuzzer-no-link -c "$top/src/lib/$f.c" -o "$dir/$f.o"
	objs="$objs $dir/$f.o"
done
clang $flags -fsanitize=fuzzer-no-link -c "$top/src/daemon/policy.c" -o "$dir/policy.o"
objs="$objs $dir/policy.o"
for t in addr name classify wire dsn bounce zoneinput policy; do
	# shellcheck disable=SC2086
	clang $flags -fsanitize=fuzzer "$top/fuzz/fuzz_$t.c" $objs $libs -o "$dir/fuzz_$t"
	mkdir -p "$dir/corpus-$t"
	echo "fuzz: $t for $seconds s"
	(cd "$dir" && "./fuzz_$t" -max_total_time="$seconds" -max_len=2048 \
		"corpus-$t" "$top/fuzz/corpus/$t" 2>&1 | tail -n 3)
done
