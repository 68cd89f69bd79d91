/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_GLOBAL_H
#define SPLIT_GLOBAL_H

extern int poller_must_exit;
extern int poller_exited;

int poller_thread(void *data);

#endif
