// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz --diff FILE: the input is the patch (a plain diff or a mail).
 * Properties: an error names the input; the lines of each file are
 * ascending and each is found by change_set_has_line().  Run outside any
 * git repository (a scratch directory), as --diff may be.
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
	work_dir = fuzz_temp_dir("kthreadify-fuzz-diff.XXXXXX");
	fuzz_enter_dir(work_dir);
	fuzz_leave_dir();
	return 0;
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct change_set cs;
	struct strbuf err;
	size_t i, j;

	change_set_init(&cs);
	strbuf_init(&err);
	fuzz_enter_dir(work_dir);
	if (change_set_from_diff_text(&cs, "input.patch", text, size,
				      &err) < 0) {
		FUZZ_ASSERT(!strncmp(err.buf, "input.patch: ", 13));
	} else {
		for (i = 0; i < cs.nr; i++) {
			FUZZ_ASSERT(cs.v[i].path != NULL);
			for (j = 0; j < cs.v[i].nr; j++) {
				FUZZ_ASSERT(!j || cs.v[i].lines[j - 1] <=
						  cs.v[i].lines[j]);
				FUZZ_ASSERT(change_set_has_line(
					&cs, cs.v[i].path, cs.v[i].lines[j]));
			}
		}
	}
	fuzz_leave_dir();
	if (cs.subject)
		FUZZ_ASSERT(!strchr(cs.subject, '\n'));
	change_set_release(&cs);
	strbuf_release(&err);
	free(text);
	return 0;
}
