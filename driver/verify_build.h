/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --verify-build=KDIR: build each changed module directory with kbuild
 * (make -C KDIR M=<copy> W=1 modules) before and after the rewrite, on
 * copies in a scratch directory, never in the user's tree, and say which
 * directories got new errors or warnings.
 *
 * A directory without a Makefile or Kbuild gets a Kbuild that makes each
 * of its changed .c files a module of its own.  Diagnostics are compared
 * without line and column numbers, which the rewrite moves.
 */
#ifndef KTHREADIFY_VERIFY_BUILD_H
#define KTHREADIFY_VERIFY_BUILD_H

#include <signal.h>
#include <stdbool.h>

#include "discover.h"
#include "results.h"
#include "series.h"

struct build_verdict {
	bool worse;
	bool broken_before;	/* did not build before the rewrite either */
	struct strvec news;	/* the new diagnostics, normalised */
};

struct verify_config {
	const char *kdir;
	unsigned int jobs;
	unsigned int timeout_sec;
	volatile sig_atomic_t *interrupted;
};

/*
 * Build every patch of s (its directory and changed files) before and
 * after; verdicts[i] for s->v[i] (the caller gives s->nr of them).  -1
 * with err set when no build could be tried (KDIR, scratch space, make).
 */
int verify_builds(const struct series *s, const struct file_list *files,
		  const struct run_results *r, const struct verify_config *cfg,
		  struct build_verdict *verdicts, struct strbuf *err);
void build_verdict_release(struct build_verdict *v);

/*
 * A kbuild output line as a diagnostic without the copy's directory and
 * without line and column: "foo.c: warning: unused variable 'x'"; NULL
 * when the line is none.
 */
char *normalize_diagnostic(const char *line, size_t len, const char *copy);

#endif
