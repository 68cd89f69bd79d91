// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz --git-range: the input is the range, tried in a small repository
 * made once (three commits on master, a topic branch, a tag; the working
 * tree holds the topic).  Properties: an error is one line and names the
 * range; on success the lines of each file are ascending.
 */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "git_range.h"
#include "output_patch.h"

/* The harness works in its own directory; the driver's paths stay valid. */
static char *work_dir;

int FUZZ_INIT(int *argc, char ***argv)
{

	(void)argc;
	(void)argv;
	diff_lib_init();
	work_dir = fuzz_temp_dir("kthreadify-fuzz-range.XXXXXX");
	fuzz_enter_dir(work_dir);
	if (system("exec >/dev/null 2>&1; "
		   "export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null; "
		   "g() { git -c user.name=F -c user.email=f@f \"$@\"; }; "
		   "git init -q -b master . && "
		   "printf 'int a;\\n' >a.c && g add a.c && g commit -qm one && "
		   "printf 'int a;\\nint b;\\n' >a.c && mkdir d && "
		   "printf 'x\\n' >'d/sp ace.c' && g add -A && "
		   "g commit -qm 'two: a subject' && g tag v1 && "
		   "g checkout -qb topic && printf 'int c;\\n' >>a.c && "
		   "g rm -q 'd/sp ace.c' && mkdir -p d && printf 'y\\n' >d/n.h && "
		   "g add -A && g commit -qm three") != 0)
		abort();
	fuzz_leave_dir();
	return 0;
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	char *range;
	struct change_set cs;
	struct strbuf err;
	size_t i, j;

	if (size > 256)
		return 0;
	range = fuzz_string(data, size);
	change_set_init(&cs);
	strbuf_init(&err);
	fuzz_enter_dir(work_dir);
	if (change_set_from_range(&cs, range, &err) < 0) {
		FUZZ_ASSERT(err.len > 0);
	} else {
		for (i = 0; i < cs.nr; i++)
			for (j = 1; j < cs.v[i].nr; j++)
				FUZZ_ASSERT(cs.v[i].lines[j - 1] <=
					    cs.v[i].lines[j]);
	}
	fuzz_leave_dir();
	change_set_release(&cs);
	strbuf_release(&err);
	free(range);
	return 0;
}
