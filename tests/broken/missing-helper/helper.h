/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KT_HELPER_H
#define KT_HELPER_H
#include <linux/types.h>

/* Stale: the helper was renamed in helper.c, its old name stayed here. */
bool kt_helper_should_stop(void);
bool kt_helper_must_stop(void);
#endif
