// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the interpretation of what spatch printed.  Input: one byte for how
 * it ended (exited, signalled, timed out, cancelled), one for its status,
 * then FILE NUL STDOUT NUL STDERR.  Properties: every report names a file
 * and has a one-line message; a failure says why; a run that did not exit
 * 0 is never taken as a success; report lines parse alone as well.
 */
#include <string.h>

#include "fuzz.h"
#include "spatch.h"

int FUZZ_INIT(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_line(const char *line, const char *file)
{
	struct report_line rl;
	enum severity sev;
	const char *msg;

	if (parse_report_line(line, file, &rl) == 0) {
		FUZZ_ASSERT(rl.file && rl.message);
		FUZZ_ASSERT(!strchr(rl.message, '\n'));
		msg = split_severity(rl.message, &sev);
		FUZZ_ASSERT(msg >= rl.message &&
			    msg <= rl.message + strlen(rl.message));
		FUZZ_ASSERT(severity_name(sev) != NULL);
		report_line_release(&rl);
	}
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	static const enum child_outcome outcomes[] = {
		CHILD_EXITED, CHILD_SIGNALED, CHILD_TIMED_OUT,
		CHILD_CANCELLED,
	};
	enum child_outcome outcome;
	struct spatch_result res;
	char *buf, *file, *out, *err, *line;
	int status;
	size_t i;

	if (size < 2)
		return 0;
	outcome = outcomes[data[0] % 4];
	status = data[1];
	/* Three NUL-separated parts; missing parts are empty. */
	buf = malloc(size - 2 + 3);
	if (!buf)
		abort();
	memcpy(buf, data + 2, size - 2);
	memset(buf + size - 2, 0, 3);
	file = buf;
	out = file + strlen(file) + 1;
	if (out > buf + size - 2)
		out = buf + size - 2 + 1;
	err = out + strlen(out) + 1;
	if (err > buf + size - 2 + 2)
		err = buf + size - 2 + 2;
	if (!*file)
		file = "/tmp/kthreadify.X/0/orig/f.c";

	spatch_result_init(&res);
	spatch_interpret(outcome, status, out, err, file, &res);
	for (i = 0; i < res.nr_reports; i++) {
		FUZZ_ASSERT(res.reports[i].file && res.reports[i].message);
		FUZZ_ASSERT(!strchr(res.reports[i].message, '\n'));
	}
	if (res.status == SPATCH_FAILED)
		FUZZ_ASSERT(res.failure.len > 0);
	if (outcome != CHILD_EXITED || status != 0)
		FUZZ_ASSERT(res.status != SPATCH_OK);
	if (outcome == CHILD_TIMED_OUT)
		FUZZ_ASSERT(res.status == SPATCH_TIMED_OUT);
	spatch_result_release(&res);

	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		check_line(line, NULL);
		check_line(line, file);
	}
	free(buf);
	return 0;
}
