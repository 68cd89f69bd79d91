// SPDX-License-Identifier: GPL-2.0-only
/*
 * A progress line that redraws itself.
 */
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REDRAW_MS 100

bool is_terminal(FILE *stream)
{
	const char *term = getenv("TERM");

	return isatty(fileno(stream)) && !(term && !strcmp(term, "dumb"));
}

bool wants_colour(FILE *stream)
{
	const char *no = getenv("NO_COLOR");

	return is_terminal(stream) && !(no && *no);
}

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000L +
	       (b->tv_nsec - a->tv_nsec) / 1000000L;
}

void progress_init(struct progress *p, FILE *out, bool enabled)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->enabled = enabled;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

void progress_update(void *data, size_t done, size_t total, size_t findings)
{
	struct progress *p = data;
	struct timespec now;
	long elapsed;

	if (!p->enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->drawn && done < total && ms_between(&p->last, &now) < REDRAW_MS)
		return;
	p->last = now;
	elapsed = ms_between(&p->start, &now);
	fprintf(p->out, "\rkthreadify: %zu/%zu files, %zu finding%s, "
		"%ld.%ld s\033[K", done, total, findings,
		findings == 1 ? "" : "s", elapsed / 1000,
		elapsed % 1000 / 100);
	fflush(p->out);
	p->drawn = true;
}

void progress_end(struct progress *p)
{
	if (!p->drawn)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->drawn = false;
}
