// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, hazard 4): the exit path holds cfg_lock, through a
 * scoped_guard(), while it raises the flag and waits for the thread, and
 * the thread takes that lock in its loop. Here the thread only trylocks, so this module cannot
 * deadlock, but whether every path of a thread avoids blocking on a lock
 * its stopper holds is not something the rule can tell from the text: it
 * reports the stop path instead of putting kthread_stop() there.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/cleanup.h>
#include <linux/delay.h>

static DEFINE_MUTEX(cfg_lock);
static DECLARE_COMPLETION(cfg_done);
static int cfg_stop;
static unsigned int applied;

static int cfg_thread(void *data)
{
	while (!cfg_stop) {
		if (mutex_trylock(&cfg_lock)) {
			applied++;
			mutex_unlock(&cfg_lock);
		}
		msleep(20);
	}
	kthread_complete_and_exit(&cfg_done, 0);
}

static int __init neg_guard_held_init(void)
{
	struct task_struct *t;

	t = kthread_run(cfg_thread, NULL, "cfg_thread");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_guard_held_exit(void)
{
	scoped_guard(mutex, &cfg_lock) {
		cfg_stop = 1;
		wait_for_completion(&cfg_done);
	}
	pr_info("neg_guard_held: %u applied\n", applied);
}

module_init(neg_guard_held_init);
module_exit(neg_guard_held_exit);
MODULE_LICENSE("GPL");
