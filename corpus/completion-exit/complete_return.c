// SPDX-License-Identifier: GPL-2.0
/*
 * complete(); return 0; at the end of a module's thread (hazard 5: the
 * exit path can return and the module text go away while the thread is
 * still running its last instructions). The stop request is an atomic_t,
 * the completion is declared with DECLARE_COMPLETION() and the task
 * pointer is kept but never checked. The thread sleeps with
 * schedule_timeout_interruptible(), which kthread_stop() cuts short.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/sched.h>

static DECLARE_COMPLETION(flusher_done);
static atomic_t flusher_stop = ATOMIC_INIT(0);
static struct task_struct *flusher;
static unsigned long flushes;

static int flusher_fn(void *data)
{
	while (!atomic_read(&flusher_stop)) {
		flushes++;
		schedule_timeout_interruptible(HZ / 20);
	}
	complete(&flusher_done);
	return 0;
}

static int __init complete_return_init(void)
{
	flusher = kthread_run(flusher_fn, NULL, "flusher");
	return 0;
}

static void __exit complete_return_exit(void)
{
	atomic_set(&flusher_stop, 1);
	wait_for_completion(&flusher_done);
	pr_info("complete_return: %lu flushes\n", flushes);
}

module_init(complete_return_init);
module_exit(complete_return_exit);
MODULE_LICENSE("GPL");
