/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_GLOBAL_H
#define SPLIT_GLOBAL_H

extern struct task_struct *poller_thread_task;

int poller_thread(void *data);

#endif
