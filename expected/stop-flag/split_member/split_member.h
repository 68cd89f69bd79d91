/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_MEMBER_H
#define SPLIT_MEMBER_H

struct split_dev {
	struct task_struct *split_thread_task;
	unsigned long ticks;
};

int split_thread(void *data);

#endif
