#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# usage: check_completion.sh SOURCE_DIR BIN_DIR
# Drives the bash completion of cockpitctl as bash would (COMP_WORDS, COMP_CWORD) against the built program,
# and checks that zsh loads its completion file and registers it.
set -euo pipefail
source_dir=$1
export PATH="$2:$PATH"
fail() { echo "FAIL: $*" >&2; exit 1; }

# shellcheck source=/dev/null
source "$source_dir/installer/completion/cockpitctl.bash"

complete_line() { # the words of a command line, the last one being completed
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _cockpitctl
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() { # expected words, then the command line
    local expected=$1
    shift
    local got
    got=$(complete_line "$@")
    for word in $expected; do
        grep -qw -- "$word" <<<"$got" || fail "'$*' completes to '$got', without $word"
    done
    echo "ok: '$*' -> $got"
}
refuse() { # a word that must not be offered, then the command line
    local word=$1
    shift
    local got
    got=$(complete_line "$@")
    grep -qw -- "$word" <<<"$got" && fail "'$*' offers $word: $got"
    return 0
}

expect "state status setup simulate" cockpitctl s
expect "diff export import sync validate" cockpitctl state ""
expect "promote rollback status analyze auto-rollback" cockpitctl rollout ""
expect "--reason --confirm --dry-run --config --read-only" cockpitctl state sync --
expect "--phase --timeout --config" cockpitctl wait ledger --
expect "text json csv" cockpitctl audit export --format ""
refuse "--phase" cockpitctl state sync --
refuse "promote" cockpitctl state ""

if command -v zsh >/dev/null; then
    zsh -n "$source_dir/installer/completion/_cockpitctl" || fail "zsh cannot parse _cockpitctl"
    # The file found on fpath is bound to cockpitctl by its #compdef line when compinit runs.
    zsh -fc "fpath=($source_dir/installer/completion \$fpath); autoload -U compinit && compinit -u -D;
             [[ \${_comps[cockpitctl]} == _cockpitctl ]]" || fail "zsh does not bind _cockpitctl to cockpitctl"
    # Its body runs the bash completion through zsh's bash layer: that layer takes the bash file.
    zsh -fc "autoload -U compinit && compinit -u -D; autoload -U +X bashcompinit && bashcompinit; source $source_dir/installer/completion/cockpitctl.bash;
             (( \$+_comps[cockpitctl] ))" || fail "zsh's bash layer does not take the bash completion"
    echo "ok: zsh binds and loads the completion"
else
    fail "zsh is not installed (.ci/setup.sh installs it)"
fi
echo "1 passed, 0 failed"
