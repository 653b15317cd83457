# bash completion for ptrcheck(1) and ptrcheckd(8): subcommands, options,
# option values (formats, verdict names), files where a file is expected.
# Installed as /usr/share/bash-completion/completions/ptrcheck (and
# ptrcheckd, a link).

_ptrcheck_commands="check bounce classify scan zone egress"

# _ptrcheck_opts COMMAND - the options of a subcommand.
_ptrcheck_opts() {
	local common="--resolver --timeout --retries --deadline --format --verbose --help"
	case $1 in
	check) echo "$common --mx --hostname --helo --provider --providers --no-authority --trace --root-hints" ;;
	bounce) echo "$common --no-dns" ;;
	classify) echo "--explain --format --providers --help" ;;
	scan) echo "$common --input --retry-from --output --summary --ptr-only --unordered --max-addresses --window --qps --direct --direct-qps --shard --resume --map" ;;
	zone) echo "name gen audit --help" ;;
	egress) echo "$common --postfix-config --address --helo --providers" ;;
	esac
}

_ptrcheck() {
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$_ptrcheck_commands --help --version" -- "$cur"))
		return
	fi
	case $prev in
	--format)
		case $cmd in
		scan) COMPREPLY=($(compgen -W "text csv jsonl" -- "$cur")) ;;
		check | egress) COMPREPLY=($(compgen -W "text json nagios" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		esac
		return ;;
	--input | --retry-from | --output | --summary | --resume | --providers | --root-hints | --map)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--postfix-config)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--shard)
		COMPREPLY=($(compgen -W "1/2 2/2 1/4 2/4 3/4 4/4" -- "$cur"))
		return ;;
	--resolver | --timeout | --retries | --deadline | --hostname | --helo | --provider | --address | \
		--max-addresses | --window | --qps | --direct-qps)
		return ;;
	esac
	if [[ $cur == -* ]] || [ "$cmd" = zone ]; then
		COMPREPLY=($(compgen -W "$(_ptrcheck_opts "$cmd")" -- "$cur"))
	elif [ "$cmd" = bounce ]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

# ptrcheckd's options, and its own values.
_ptrcheckd() {
	local cur prev
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--config | --summarize) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--log) COMPREPLY=($(compgen -W "stderr syslog" -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
	--set) COMPREPLY=($(compgen -W "mode=warn mode=enforce tempfail-max-age= metrics-listen= on-ptr-missing= on-ptr-generic= on-forward-mismatch= allow-network= allow-name=" -- "$cur")); return ;;
	esac
	COMPREPLY=($(compgen -W "--foreground --config --listen --resolver --user --log --set --check-config --summarize --format --version --help" -- "$cur"))
}

complete -F _ptrcheck ptrcheck
complete -F _ptrcheckd ptrcheckd
