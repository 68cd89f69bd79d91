/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPLIT_MEMBER_H
#define SPLIT_MEMBER_H

struct split_dev {
	int stop;
	int stopped;
	unsigned long ticks;
};

int split_thread(void *data);

#endif
