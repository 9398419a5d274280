# SPDX-License-Identifier: MIT
# bash completion for cockpitctl. The commands and their options come from `cockpitctl help --synopses`, the
# list --help and the man page are made from, so this file never needs to follow a change of the program.

_cockpitctl_synopses() {
    if [ -z "${_cockpitctl_cache:-}" ]; then
        _cockpitctl_cache=$("${1:-cockpitctl}" help --synopses 2>/dev/null) || _cockpitctl_cache=""
    fi
    printf '%s\n' "$_cockpitctl_cache"
}

# The command words of a synopsis line: those after "cockpitctl" that begin with a lower-case letter.
_cockpitctl_command_words() {
    local word out=()
    for word in $1; do
        [ "$word" = cockpitctl ] && continue
        case $word in
        [a-z]*) out+=("$word") ;;
        *) break ;;
        esac
    done
    printf '%s\n' "${out[*]}"
}

_cockpitctl() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    case $prev in
    --config | --output | --export | --control | --experiment)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --leveldb | --json-dir)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --format)
        COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
        return
        ;;
    esac

    # The words typed before the current one, options and their values left out.
    local typed=() i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) typed+=("${COMP_WORDS[i]}") ;;
        esac
    done

    local line command candidates=() options=""
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        command=$(_cockpitctl_command_words "$line")
        local words=($command)
        # A command already typed in full: its options.
        if [ "${#typed[@]}" -ge "${#words[@]}" ] && [ "${typed[*]:0:${#words[@]}}" = "$command" ]; then
            options=$(grep -oE -- '--[a-z][a-z-]*' <<<"$line" | sort -u | tr '\n' ' ')
            continue
        fi
        # Otherwise the next command word of every command that begins with what was typed.
        if [ "${#typed[@]}" -lt "${#words[@]}" ] && [ "${words[*]:0:${#typed[@]}}" = "${typed[*]}" ]; then
            candidates+=("${words[${#typed[@]}]}")
        fi
    done < <(_cockpitctl_synopses "${COMP_WORDS[0]}")

    if [[ $cur == -* ]] || [ ${#candidates[@]} -eq 0 ]; then
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$(printf '%s\n' "${candidates[@]}" | sort -u)" -- "$cur"))
    fi
}

complete -F _cockpitctl cockpitctl
