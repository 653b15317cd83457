#!/bin/sh
# build.sh DIR SECONDS - build each fuzz target with clang's libFuzzer
# (plus ASan and UBSan) and run it for SECONDS on its corpus. New inputs go
# to DIR/corpus-TARGET; a crash, a slow input (-timeout) or a leak leaves
# crash-*, timeout-* or leak-* in DIR: copy it into fuzz/corpus/TARGET
# once fixed.
#
# -max_len is large enough to reach the slow inputs (a quadratic parser
# shows at tens of kilobytes, not at libFuzzer's default 4 KiB), and
# -timeout flags any single input that takes longer than TIMEOUT seconds.
set -eu
dir=$1
seconds=$2
timeout=${FUZZ_TIMEOUT:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
layers="base dns facts judge engine render bounce zone"
incs=""
for l in $layers; do
	incs="$incs -I$top/src/lib/$l"
done
flags="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -I$top/include$incs -I$top/src/daemon -I$top/src/cli $(pkg-config --cflags gmime-3.0 libevent json-c libpsl)"
libs="-lldns -lcares $(pkg-config --libs gmime-3.0 libevent json-c libpsl) -lm"

# build OBJ SOURCE - one object, instrumented for coverage.
build() {
	clang $flags -fsanitize=fuzzer-no-link -c "$2" -o "$dir/$1.o"
}

libobjs=""
for l in $layers; do
	for src in "$top/src/lib/$l"/*.c; do
		name=lib_${l}_$(basename "$src" .c)
		build "$name" "$src"
		libobjs="$libobjs $dir/$name.o"
	done
done
# The provider table, generated as meson does.
sh "$top/scripts/providers-c" "$top/data/providers.tsv" "$dir/providers_table.c"
build lib_providers_table "$dir/providers_table.c"
libobjs="$libobjs $dir/lib_providers_table.o"
for f in policy config decide cache conn ratelimit tempfail histogram summarize; do
	build "daemon_$f" "$top/src/daemon/$f.c"
done
build cli_scan_input "$top/src/cli/scan_input.c"
build cli_scan_resume "$top/src/cli/scan_resume.c"
build cli_stub "$top/fuzz/cli_stub.c"
daemon="$dir/daemon_policy.o $dir/daemon_config.o $dir/daemon_decide.o $dir/daemon_cache.o $dir/daemon_tempfail.o $dir/daemon_histogram.o"

# target NAME MAX_LEN EXTRA-OBJECTS...
# FUZZ_ONLY="dsn bounce" runs only those targets.
target() {
	t=$1 max_len=$2
	shift 2
	case " ${FUZZ_ONLY:-$t} " in *" $t "*) ;; *) return 0 ;; esac
	# shellcheck disable=SC2086
	clang $flags -fsanitize=fuzzer "$top/fuzz/fuzz_$t.c" "$@" $libobjs $libs -o "$dir/fuzz_$t"
	mkdir -p "$dir/corpus-$t"
	echo "fuzz: $t for $seconds s (-max_len=$max_len -timeout=$timeout)"
	(cd "$dir" && "./fuzz_$t" -max_total_time="$seconds" -max_len="$max_len" \
		-timeout="$timeout" -report_slow_units=1 \
		"corpus-$t" "$top/fuzz/corpus/$t" 2>&1 | tail -n 3)
}

target addr 2048
target name 4096
target classify 4096
target wire 65535
target dsn 262144
target bounce 262144
target zoneinput 4096
target zonefile 262144
target providers 65536
target scaninput 262144 "$dir/cli_scan_input.o" "$dir/cli_stub.o"
target resume 65536 "$dir/cli_scan_resume.o" "$dir/cli_stub.o"
# shellcheck disable=SC2086
target policy 262144 $daemon
# shellcheck disable=SC2086
target config 65536 $daemon
# shellcheck disable=SC2086
target summarize 262144 "$dir/daemon_summarize.o"
# shellcheck disable=SC2086
target conn 65536 $daemon "$dir/daemon_conn.o" "$dir/daemon_ratelimit.o"
