#!/bin/sh
# completion.sh SRCDIR - the bash completion, as bash calls it: the words
# so far in, the candidates out (TAP). zsh's file is checked for syntax
# where zsh is installed.
src=$1
n=0
failed=0

# case_ WORDS WANT - complete the last of WORDS; WANT must be what comes.
case_() {
	n=$((n + 1))
	got=$(bash -c '
		. "$1/completions/ptrcheck.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		case $1 in ptrcheckd) _ptrcheckd ;; *) _ptrcheck ;; esac
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$src" $1)
	if [ "$got" = "$2" ]; then
		echo "ok $n - '$1' completes to: $got"
	else
		echo "not ok $n - '$1': got '$got', want '$2'"
		failed=$((failed + 1))
	fi
}

case_ "ptrcheck sc" "scan "
case_ "ptrcheck e" "egress "
case_ "ptrcheck scan --for" "--format "
case_ "ptrcheck scan --format j" "jsonl "
case_ "ptrcheck check --format n" "nagios "
case_ "ptrcheck check --he" "--helo --help "
case_ "ptrcheck scan --shard 3" "3/4 "
case_ "ptrcheck zone a" "audit "
case_ "ptrcheckd --log s" "stderr syslog "
case_ "ptrcheckd --sum" "--summarize "
n=$((n + 1))
if command -v zsh > /dev/null 2>&1; then
	zsh -n "$src/completions/_ptrcheck" && echo "ok $n - zsh completion parses" ||
		{ echo "not ok $n - zsh completion has a syntax error"; failed=$((failed + 1)); }
else
	# no zsh here: its file must at least declare what it completes
	grep -q '^#compdef ptrcheck ptrcheckd$' "$src/completions/_ptrcheck" &&
		echo "ok $n - zsh completion declares ptrcheck and ptrcheckd" ||
		{ echo "not ok $n - zsh completion header"; failed=$((failed + 1)); }
fi
echo "1..$n"
[ "$failed" -eq 0 ]
