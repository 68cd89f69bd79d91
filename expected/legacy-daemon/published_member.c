// SPDX-License-Identifier: GPL-2.0
/*
 * The jffs2-style shape: the thread stores its own task pointer in the
 * structure it is given (c->gc_task = current), the start result only
 * goes through a local that is checked, and the stop path sends SIGKILL
 * to the published task and waits on a member completion. The task must
 * now be set by the starting code, through its own view of the struct.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

struct gc_ctx {
	int index;
	struct task_struct *gc_task;
	unsigned long collected;
};

static struct gc_ctx gc;

static int gc_thread(void *data)
{
	struct gc_ctx *c = data;

	while (!kthread_should_stop()) {
		c->collected++;
		msleep_interruptible(30);
	}
	return 0;
}

static int start_gc(struct gc_ctx *c)
{
	c->gc_task = kthread_run(gc_thread, c, "gcd_mtd%d", c->index);
	if (IS_ERR(c->gc_task)) {
		pr_warn("fork failed for gc thread: %ld\n",
			-PTR_ERR(c->gc_task));
		return PTR_ERR(c->gc_task);
	}
	return 0;
}

static void stop_gc(struct gc_ctx *c)
{
	kthread_stop(c->gc_task);
}

static int __init published_member_init(void)
{
	gc.index = 1;
	return start_gc(&gc);
}

static void __exit published_member_exit(void)
{
	stop_gc(&gc);
	pr_info("published_member: %lu collected\n", gc.collected);
}

module_init(published_member_init);
module_exit(published_member_exit);
MODULE_LICENSE("GPL");
