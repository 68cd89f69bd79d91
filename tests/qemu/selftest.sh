# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Self-test helpers for tests/suites/40-kbuild and 50-qemu (sourced). The
# modules of tests/broken/ say what a harness must find in them:
#
#   kthreadify-selftest: <harness> detects <what> = <text of the reason>
#
# A suite builds or loads them with the real modules, then calls
# selftest_split: the real modules' lines pass through; each broken module's
# line becomes "PASS: <harness> detects <what> (<label>)" when the harness
# reported it FAIL with that reason, "FAIL: ..." otherwise.

# The "what = reason" specs of HARNESS in the sources of a case.
selftest_specs() {
	local harness=$1 path=$2
	tests/lib/kbuild-modules sources "$path" | xargs -r -d '\n' cat |
		sed -n "s/^.*kthreadify-selftest: $harness detects \(.*\)$/\1/p" |
		sed 's/[[:space:]]*\*\/.*$//'
}

# LABEL=PATH of every broken module with a spec for HARNESS.
selftest_cases() {
	local harness=$1 pair
	while read -r pair; do
		[ -z "$(selftest_specs "$harness" "${pair#*=}")" ] || echo "$pair"
	done < <(tests/lib/kbuild-modules list --prefix broken tests/broken)
}

# Lines of OUT about LABEL: its result line and indented notes.
selftest_lines_of() {
	local harness=$1 label=$2 out=$3
	awk -v a="PASS: $harness $label" -v b="FAIL: $harness $label:" -v c="  $harness $label:" '
		$0 == a || index($0, b) == 1 || index($0, c) == 1' "$out"
}

selftest_split() {
	local harness=$1 out=$2 pair label result spec what want
	# Everything not about a broken module passes through.
	awk -v h="$harness" '
		index($0, "PASS: " h " broken/") != 1 && index($0, "FAIL: " h " broken/") != 1 &&
		index($0, "  " h " broken/") != 1' "$out"
	while read -r pair; do
		label=${pair%%=*}
		selftest_lines_of "$harness" "$label" "$out" | sed 's/^ */  selftest| /'
		result=$(selftest_lines_of "$harness" "$label" "$out" | grep -E '^(PASS|FAIL): ' | head -n1 || true)
		while IFS= read -r spec; do
			what=${spec%% = *}
			want=${spec#* = }
			if [[ $result == "FAIL: $harness $label: "*"$want"* ]]; then
				echo "PASS: $harness detects $what ($label)"
			else
				echo "FAIL: $harness detects $what ($label): expected FAIL with '$want', got: ${result:-no result}"
			fi
		done < <(selftest_specs "$harness" "${pair#*=}")
	done < <(selftest_cases "$harness")
}
