// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported): the terminate semaphore is also downed outside the
 * stop path: a status helper tries it to tell whether the thread has
 * already gone (and gives it back). It has a job besides the exit
 * handshake, so it cannot go and the thread must keep upping it.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

static struct semaphore gc_term;
static int gc_stop;
static unsigned int gc_runs;

static int gc_thread(void *data)
{
	while (!gc_stop) {
		gc_runs++;
		msleep(20);
	}
	up(&gc_term);
	return 0;
}

static bool gc_gone(void)
{
	if (down_trylock(&gc_term))
		return false;
	up(&gc_term);
	return true;
}

static int __init neg_downed_elsewhere_init(void)
{
	struct task_struct *t;

	sema_init(&gc_term, 0);
	t = kthread_run(gc_thread, NULL, "gc_thread");
	if (IS_ERR(t))
		return PTR_ERR(t);
	pr_info("neg_downed_elsewhere: gc %s\n", gc_gone() ? "gone" : "running");
	return 0;
}

static void __exit neg_downed_elsewhere_exit(void)
{
	gc_stop = 1;
	down(&gc_term);
	pr_info("neg_downed_elsewhere: %u runs\n", gc_runs);
}

module_init(neg_downed_elsewhere_init);
module_exit(neg_downed_elsewhere_exit);
MODULE_LICENSE("GPL");
