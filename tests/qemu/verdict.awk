# SPDX-License-Identifier: GPL-2.0-only
#
# Turn the guest's "KT ..." result lines (see tests/qemu/init) into one
# "PASS: qemu LABEL" or "FAIL: qemu LABEL: reason" line per module of
# MANIFEST ("NAME LABEL EXPECT" lines, in test order), plus
# "FAIL: qemu boot: ..." when the kernel complained before the first module.
#
#   awk -v MANIFEST=FILE -f verdict.awk results.log
#
# The guest judges threads and timing; this judges the kernel log. A kernel
# report (WARNING, BUG, Oops, hung task...) spans several lines; it is blamed
# on the module whose window it appeared in, unless it names (PID: N, or
# "task comm:N blocked") a process of another module's test, such as a
# left-behind thread or a stuck rmmod reported by the hung task detector
# minutes later: then that module gets it.

BEGIN {
	trigger = "WARNING:|BUG:|Oops|general protection|hung_task: |blocked for more than|" \
		"Call Trace|kernel BUG|refcount_t|UBSAN|Kernel panic|soft lockup|hard LOCKUP|" \
		"rcu: INFO|self-detected stall|detected stalls|[Uu]nable to handle|" \
		"list_(add|del) corruption|stack-protector|Bad page|invalid opcode|double fault|segfault"
	# Expected for every out-of-tree, unsigned test module; and the
	# command line, which may name anything (QEMU_APPEND).
	benign = "module verification failed: signature and/or required key missing|" \
		"loading out-of-tree module taints kernel|^(Kernel )?[Cc]ommand line: "
	n = 0
	while ((getline line < MANIFEST) > 0) {
		split(line, f, " ")
		if (f[2] != "")
			order[++n] = f[2]
	}
	close(MANIFEST)
}

# Text from field k on (fields are single-space separated here).
function rest(k,   s, i) {
	s = $0
	for (i = 1; i < k; i++)
		sub(/^[^ ]* /, "", s)
	return s
}

function add(label, reason) {
	if (length(reason) > 300)
		reason = substr(reason, 1, 300) "..."
	nfail[label]++
	if (nfail[label] <= 3)
		why[label] = why[label] (why[label] == "" ? "" : "; ") reason
	else if (nfail[label] == 4)
		why[label] = why[label] "; ..."
}

function close_block(   target, first) {
	if (!inblock)
		return
	inblock = 0
	target = blabel
	first = bfirst
	if (bpid != "" && (bpid in owner) && owner[bpid] != blabel) {
		target = owner[bpid]
		first = first " (reported while testing " blabel ")"
	}
	if (target == "-")
		target = "boot"
	add(target, "kernel warning: " first)
}

function kmsg(label, msg,   t) {
	sub(/^\[ *[0-9.]+\] /, "", msg)
	if (msg ~ benign)
		return
	if (inblock && label != blabel)
		close_block()
	if (!inblock && msg ~ trigger) {
		inblock = 1
		blabel = label
		bfirst = msg
		bpid = ""
		blines = 0
	}
	if (!inblock)
		return
	blines++
	if (bpid == "" && match(msg, /PID: [0-9]+ /))
		bpid = substr(msg, RSTART + 5, RLENGTH - 6)
	if (bpid == "" && match(msg, /task .*:[0-9]+ blocked for more than/)) {
		t = substr(msg, RSTART, RLENGTH)
		sub(/ blocked for more than$/, "", t)
		sub(/.*:/, "", t)
		bpid = t
	}
	if (msg ~ /<\/TASK>|---\[ end trace|end Kernel panic/ || blines > 300)
		close_block()
}

{ sub(/\r$/, "") }
$1 != "KT" { next }
$2 == "BOOT" { booted = 1; next }
$2 == "BEGIN" { close_block(); begun[$3] = 1; next }
$2 == "END" { close_block(); ended[$3] = 1; next }
$2 == "DONE" { close_block(); done = 1; next }
$2 == "FAIL" { add($3, rest(4)); next }
$2 == "NOTE" { note[$3] = note[$3] "\n  qemu " $3 ": " rest(4); next }
$2 == "PIDS" { for (i = 4; i <= NF; i++) owner[$i] = $3; next }
$2 == "KMSG" { kmsg($3, rest(4)); next }

END {
	close_block()
	for (i = 1; i <= n; i++) {
		l = order[i]
		if (!booted)
			add(l, "not tested: the guest never reached /init")
		else if (!(l in begun))
			add(l, "not tested: the guest stopped before this module")
		else if (!(l in ended))
			add(l, "the guest stopped while testing this module")
		if (l in why) {
			print "FAIL: qemu " l ": " why[l]
			if (l in note)
				print substr(note[l], 2)
		} else {
			print "PASS: qemu " l
		}
	}
	if ("boot" in why)
		print "FAIL: qemu boot: " why["boot"]
	if (booted && !done)
		print "FAIL: qemu guest: it stopped before reporting all modules (see the console log)"
}
