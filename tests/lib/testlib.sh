# SPDX-License-Identifier: GPL-2.0-only
# Helpers shared by the workflow suites (sourced, not run).  Each check
# prints "PASS: <name>" or "FAIL: <name>: <why>", the protocol of
# tests/run-tests.
#
# The sourcing suite sets KT (the kthreadify binary under test) before it
# calls run; suite_tmp is a private directory removed at exit, and TMPDIR
# points inside it so a scratch directory left behind is seen.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KT=${KTHREADIFY:-build/kthreadify-san}
case $KT in /*) ;; *) KT=$repo/$KT ;; esac
CORPUS=$repo/corpus
FIXTURES=$repo/tests/fixtures
VERSION=$(cat "$repo/VERSION")

suite_tmp=$(mktemp -d)
export TMPDIR=$suite_tmp/tmp
mkdir "$TMPDIR"
trap 'rm -rf "$suite_tmp"' EXIT
unset SPATCH NO_COLOR
# A fixed identity and date: the runs must not depend on who runs them.
# libgit2 reads $HOME/.gitconfig whatever GIT_CONFIG_GLOBAL says.
export HOME=$suite_tmp/home XDG_CONFIG_HOME=$suite_tmp/home/.config
mkdir -p "$HOME"
export GIT_CONFIG_GLOBAL=$suite_tmp/gitconfig GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z'
export GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
: >"$GIT_CONFIG_GLOBAL"

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }

# run ARGS...: run kthreadify; sets rc, out (stdout), err (stderr).
RUN_LIMIT=${RUN_LIMIT:-300}
TIMEOUT=$(command -v timeout)	# absolute: a test may empty PATH
run() {
	"$TIMEOUT" -k 5 "$RUN_LIMIT" "$KT" "$@" >"$suite_tmp/out" \
		2>"$suite_tmp/err"
	rc=$?
	out=$(<"$suite_tmp/out")
	err=$(<"$suite_tmp/err")
}

expect_eq() { # name got want
	if [ "$2" == "$3" ]; then
		pass "$1"
	else
		fail "$1" "got [$2], want [$3]"
	fi
}

expect_rc() { # name want
	expect_eq "$1: exit status" "$rc" "$2"
}

expect_contains() { # name haystack needle
	if [[ "$2" == *"$3"* ]]; then
		pass "$1"
	else
		fail "$1" "[$3] not in [$2]"
	fi
}

expect_not_contains() { # name haystack needle
	if [[ "$2" != *"$3"* ]]; then
		pass "$1"
	else
		fail "$1" "[$3] found in [$2]"
	fi
}

expect_ok() { # name command... : passes when the command succeeds
	local name=$1 log
	shift
	if log=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$(head -c 600 <<<"$log")"
	fi
}

# git as a fixed user, quietly.
g() { git -c user.name='Ada Tester' -c user.email=ada@example.org "$@"; }

# new_repo DIR: an empty repository with one file so HEAD exists.
new_repo() {
	mkdir -p "$1"
	git -C "$1" init -q
	echo "test tree" >"$1/README"
	g -C "$1" add README
	g -C "$1" commit -qm "Initial commit"
}

no_scratch_left() { # name
	expect_eq "$1: no scratch directory left in TMPDIR" \
		"$(ls -A "$TMPDIR")" ""
}

if [ ! -x "$KT" ]; then
	echo "FAIL: setup: $KT is missing (make build/kthreadify-san)"
	exit 1
fi
