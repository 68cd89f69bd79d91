/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The progress line of long runs on a terminal: files done of total,
 * findings so far, elapsed time, redrawn in place on stderr at most ten
 * times a second, and erased at the end.  Also: whether a stream is a
 * terminal that takes colour.
 */
#ifndef KTHREADIFY_PROGRESS_H
#define KTHREADIFY_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct progress {
	FILE *out;
	bool enabled;
	bool drawn;
	struct timespec start;
	struct timespec last;
};

/* A terminal (isatty) whose TERM is not "dumb". */
bool is_terminal(FILE *stream);
/* Colour on stream: a terminal, and NO_COLOR unset or empty. */
bool wants_colour(FILE *stream);

void progress_init(struct progress *p, FILE *out, bool enabled);
/* The analysis callback; data is the struct progress. */
void progress_update(void *data, size_t done, size_t total, size_t findings);
/* Erase the line, so what follows starts at the left margin. */
void progress_end(struct progress *p);

#endif
