#!/bin/sh
# lab.sh - start the DNS test lab in the current network namespace (which
# must be a fresh one: see run.sh), run a command, stop everything.
#
#	lab.sh BADSERVER ZONEDIR COMMAND [ARG...]
#
# NSD instances and Unbound run in the foreground as children of this
# shell, which is PID 1 of its own PID namespace: when it exits, the kernel
# ends them all. docs/LAB.md has the address plan.
set -eu
PATH=$PATH:/usr/sbin:/sbin
badserver=$1
export BADSERVER="$badserver" # tests start servers of their own
zones=$2
shift 2

ip link set lo up
LAB=$(mktemp -d /tmp/ptrcheck-lab.XXXXXX)
export LAB
pids=""
cleanup() {
	# shellcheck disable=SC2086
	[ -z "$pids" ] || kill $pids 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$LAB"
}
trap cleanup EXIT INT TERM
cp "$zones"/*.zone "$LAB"/
cp "$zones/../dnssec-anchor.key" "$LAB"/

# nsd_instance NAME "ADDR..." "ZONE=FILE..."
nsd_instance() {
	name=$1 addrs=$2 zonelist=$3 conf="$LAB/nsd-$1.conf"
	{
		echo "server:"
		for a in $addrs; do echo "	ip-address: $a"; done
		cat <<CONF
	port: 53
	username: ""
	chroot: ""
	zonesdir: "$LAB"
	database: ""
	pidfile: "$LAB/nsd-$name.pid"
	xfrdfile: "$LAB/nsd-$name.xfrd"
	zonelistfile: "$LAB/nsd-$name.zonelist"
	xfrdir: "$LAB"
	server-count: 1
	verbosity: 1
	hide-version: yes
	do-ip6: no
	rrl-ratelimit: 0
	rrl-whitelist-ratelimit: 0
remote-control:
	control-enable: no
CONF
		for z in $zonelist; do
			printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' "${z%%=*}" "${z#*=}"
		done
	} > "$conf"
	nsd -d -c "$conf" > "$LAB/nsd-$name.log" 2>&1 &
	pids="$pids $!"
}

nsd_instance root 127.10.0.2 ".=root.zone"
nsd_instance arpa 127.10.0.3 "arpa.=arpa.zone in-addr.arpa.=in-addr.arpa.zone ip6.arpa.=ip6.arpa.zone"
nsd_instance tld 127.10.0.4 "test.=test.zone example.=example.zone"
nsd_instance isp "127.10.1.1 127.10.1.2" "102.51.198.in-addr.arpa.=102.51.198.in-addr.arpa.zone 103.51.198.in-addr.arpa.=103.51.198.in-addr.arpa.zone 104.51.198.in-addr.arpa.=104.51.198.in-addr.arpa.zone 9.10.127.in-addr.arpa.=9.10.127.in-addr.arpa.zone 1.18.198.in-addr.arpa.=1.18.198.in-addr.arpa.zone 2.18.198.in-addr.arpa.=2.18.198.in-addr.arpa-a.zone 3.18.198.in-addr.arpa.=3.18.198.in-addr.arpa.zone 4.18.198.in-addr.arpa.=4.18.198.in-addr.arpa.zone 6.18.198.in-addr.arpa.=6.18.198.in-addr.arpa.zone 7.18.198.in-addr.arpa.=7.18.198.in-addr.arpa.zone 2.0.192.in-addr.arpa.=2.0.192.in-addr.arpa.zone 8.b.d.0.1.0.0.2.ip6.arpa.=8.b.d.0.1.0.0.2.ip6.arpa.zone good.example.=good.example.zone isp.example.=isp.example.zone trap.example.=trap.example.zone mixed.example.=mixed.example.zone nullmx.example.=nullmx.example.zone implicit.example.=implicit.example.zone"
nsd_instance cust 127.10.1.3 "128/25.2.0.192.in-addr.arpa.=128-25.2.0.192.in-addr.arpa.zone 2.18.198.in-addr.arpa.=2.18.198.in-addr.arpa-b.zone 4.18.198.in-addr.arpa.=4.18.198.in-addr.arpa.zone"
nsd_instance provider 127.10.1.4 "3.18.198.in-addr.arpa.=3.18.198.in-addr.arpa-provider.zone"
for mode in silent:127.10.2.1 servfail:127.10.2.2 refused:127.10.2.3; do
	"$badserver" "${mode%%:*}" "${mode#*:}" > "$LAB/${mode%%:*}.log" 2>&1 &
	pids="$pids $!"
done

cat > "$LAB/root.hints" <<HINTS
.		3600000	NS	a.root.test.
a.root.test.	3600000	A	127.10.0.2
HINTS

# Unbound: the lab's resolver. Its built-in local zones would answer for
# TEST-NET, 2001:db8::/32, RFC 1918 and test. themselves: switch them off.
cat > "$LAB/unbound.conf" <<CONF
server:
	interface: 127.10.0.1
	port: 53
	outgoing-interface: 127.10.0.1
	do-ip6: no
	do-not-query-localhost: no
	username: ""
	chroot: ""
	directory: "$LAB"
	pidfile: "$LAB/unbound.pid"
	use-syslog: no
	logfile: ""
	verbosity: 0
	num-threads: 1
	root-hints: "$LAB/root.hints"
	# The validator, with one trust anchor: the signed scenario zone's key
	# (every other lab zone is unsigned, so insecure, as before).
	module-config: "validator iterator"
	trust-anchor-file: "$LAB/dnssec-anchor.key"
	ede: yes
	val-log-level: 0
	qname-minimisation: no
	access-control: 127.0.0.0/8 allow
	unblock-lan-zones: yes
	insecure-lan-zones: yes
	local-zone: "test." nodefault
	local-zone: "2.0.192.in-addr.arpa." nodefault
	local-zone: "100.51.198.in-addr.arpa." nodefault
	local-zone: "113.0.203.in-addr.arpa." nodefault
	local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
	local-zone: "18.198.in-addr.arpa." nodefault
	local-zone: "19.198.in-addr.arpa." nodefault
	# The Postfix test's clients have loopback addresses with lab PTRs.
	local-zone: "127.in-addr.arpa." nodefault
	# A split-horizon answer for the resolver-differs scenario.
	local-data: "10.7.18.198.in-addr.arpa. 3600 IN PTR inside.good.example."
remote-control:
	control-enable: yes
	control-interface: "$LAB/unbound.ctl"
	control-use-cert: no
CONF
unbound -d -c "$LAB/unbound.conf" > "$LAB/unbound.log" 2>&1 &
pids="$pids $!"

# Ready when the resolver can walk from the root to a customer's PTR.
i=0
until drill -Q @127.10.0.1 PTR 10.2.0.192.in-addr.arpa 2>/dev/null | grep -q mail.good.example; do
	i=$((i + 1))
	if [ $i -gt 300 ]; then
		echo "lab.sh: the lab did not come up; logs:" >&2
		tail -n 5 "$LAB"/*.log >&2
		exit 1
	fi
	sleep 0.1
done
unbound-control -c "$LAB/unbound.conf" flush_zone . > /dev/null

export PTRCHECK_LAB_RESOLVER=127.10.0.1
status=0
"$@" || status=$?
exit $status
