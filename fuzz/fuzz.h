/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harnesses for the driver's own parsers.  Each fuzz_<target>.c
 * defines FUZZ_ONE (one input) and FUZZ_INIT (once, before the inputs).
 *
 * Built with clang -fsanitize=fuzzer they are libFuzzer's
 * LLVMFuzzerTestOneInput and LLVMFuzzerInitialize (make fuzz).  Built with
 * -DFUZZ_REPLAY_NAME=<target> they are fuzz_one_<target> and
 * fuzz_init_<target>, which replay.c calls over the files of a corpus, with
 * any compiler (make check replays tests/fuzz/<target>/ with ASan+UBSan).
 *
 * A harness checks properties too: a property that does not hold aborts,
 * which both drivers report as a crash.
 */
#ifndef KTHREADIFY_FUZZ_H
#define KTHREADIFY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef FUZZ_REPLAY_NAME
#define FUZZ_PASTE2(a, b) a##b
#define FUZZ_PASTE(a, b) FUZZ_PASTE2(a, b)
#define FUZZ_ONE FUZZ_PASTE(fuzz_one_, FUZZ_REPLAY_NAME)
#define FUZZ_INIT FUZZ_PASTE(fuzz_init_, FUZZ_REPLAY_NAME)
#else
#define FUZZ_ONE LLVMFuzzerTestOneInput
#define FUZZ_INIT LLVMFuzzerInitialize
#endif

int FUZZ_ONE(const uint8_t *data, size_t size);
int FUZZ_INIT(int *argc, char ***argv);

/* A property of the code under test does not hold: report and abort. */
#define FUZZ_ASSERT(cond)                                                \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: property failed: %s\n",  \
				__FILE__, __LINE__, #cond);              \
			abort();                                         \
		}                                                        \
	} while (0)

/*
 * Make a directory for the harness under $TMPDIR (or /tmp) from tmpl
 * ("name.XXXXXX"), removed at exit.  Returns its path.
 */
char *fuzz_temp_dir(const char *tmpl);

/*
 * Work in dir (a harness's scratch directory) for one input, then come
 * back where the harness started, so the driver's relative paths hold.
 */
void fuzz_enter_dir(const char *dir);
void fuzz_leave_dir(void);

/* The input as a NUL-terminated string (cut at its first NUL). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

#endif
