// SPDX-License-Identifier: GPL-2.0
/*
 * Struct-member flags in a static device instance: the thread reaches them
 * through its data pointer, the exit path through the instance itself.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

struct blinker {
	int shutdown;
	int dead;
	unsigned int period_ms;
	unsigned long blinks;
};

static struct blinker blinker;

static int blink_fn(void *data)
{
	struct blinker *b = data;

	while (!b->shutdown) {
		b->blinks++;
		msleep(b->period_ms);
	}
	b->dead = 1;
	return 0;
}

static int __init member_static_init(void)
{
	blinker.period_ms = 100;
	kthread_run(blink_fn, &blinker, "blink_fn");
	return 0;
}

static void __exit member_static_exit(void)
{
	blinker.shutdown = 1;
	while (!blinker.dead)
		msleep(1);
	pr_info("member_static: %lu blinks\n", blinker.blinks);
}

module_init(member_static_init);
module_exit(member_static_exit);
MODULE_LICENSE("GPL");
