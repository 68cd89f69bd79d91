/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_STOPPER_H
#define SPLIT_STOPPER_H

extern int poller_must_exit;
extern int poller_exited;

int poller_thread(void *data);
void split_stopper_stop(void);

#endif
