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

struct gc_ctx {
	int index;
	struct task_struct *gc_task;
	struct completion gc_exit;
	unsigned long collected;
};

static struct gc_ctx gc;

static int gc_thread(void *data)
{
	struct gc_ctx *c = data;

	daemonize("gcd_mtd%d", c->index);
	allow_signal(SIGKILL);
	c->gc_task = current;

	while (!signal_pending(current)) {
		c->collected++;
		msleep_interruptible(30);
	}
	c->gc_task = NULL;
	complete_and_exit(&c->gc_exit, 0);
}

static int start_gc(struct gc_ctx *c)
{
	int ret;

	init_completion(&c->gc_exit);
	ret = kernel_thread(gc_thread, c, CLONE_FS | CLONE_FILES);
	if (ret < 0) {
		pr_warn("fork failed for gc thread: %d\n", -ret);
		return ret;
	}
	return 0;
}

static void stop_gc(struct gc_ctx *c)
{
	send_sig(SIGKILL, c->gc_task, 1);
	wait_for_completion(&c->gc_exit);
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
