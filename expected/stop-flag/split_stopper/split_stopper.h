/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_STOPPER_H
#define SPLIT_STOPPER_H

extern struct task_struct *poller_thread_task;

int poller_thread(void *data);
void split_stopper_stop(void);

#endif
