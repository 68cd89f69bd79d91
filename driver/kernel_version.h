/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The target kernel: what code the rules may generate depends on it
 * (kthread_complete_and_exit() from 5.17, kthread_stop_put() from 6.7...).
 */
#ifndef KTHREADIFY_KERNEL_VERSION_H
#define KTHREADIFY_KERNEL_VERSION_H

#include <stdbool.h>

#include "strbuf.h"

/* "X.Y" with X and Y decimal numbers, nothing else. */
bool kernel_version_is_valid(const char *s);

/*
 * The "X.Y" version of a kernel source tree, build tree or headers
 * directory, read from its Makefile (VERSION, PATCHLEVEL; following one
 * "include" line, as in Debian's headers packages) or, failing that, from
 * include/generated/uapi/linux/version.h.  -1 with err naming dir.
 */
int kernel_version_of_dir(const char *dir, char **version,
			  struct strbuf *err);

#endif
