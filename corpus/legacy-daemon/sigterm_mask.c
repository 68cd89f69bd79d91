// SPDX-License-Identifier: GPL-2.0
/*
 * SIGTERM let in through the signal mask (siginitsetinv() under the
 * siglock, the 2.6.0 idiom), the thread asleep in wait_event_interruptible()
 * on its work queue, and a break on signal_pending() after the wait. The
 * wait must now also end on kthread_should_stop(); the mask code goes.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/timer.h>

static int flush_pid;
static DECLARE_COMPLETION(flush_exit);
static DECLARE_WAIT_QUEUE_HEAD(flush_wq);
static int flush_pending;
static unsigned int flushes;
static struct timer_list kick_timer;

static void kick(struct timer_list *t)
{
	flush_pending = 1;
	wake_up_interruptible(&flush_wq);
	mod_timer(&kick_timer, jiffies + HZ / 10);
}

static int flusher(void *data)
{
	daemonize("flushd");
	spin_lock_irq(&current->sighand->siglock);
	siginitsetinv(&current->blocked, sigmask(SIGTERM));
	recalc_sigpending();
	spin_unlock_irq(&current->sighand->siglock);

	for (;;) {
		wait_event_interruptible(flush_wq, flush_pending);
		if (signal_pending(current))
			break;
		flush_pending = 0;
		flushes++;
	}
	complete_and_exit(&flush_exit, 0);
}

static int __init sigterm_mask_init(void)
{
	flush_pid = kernel_thread(flusher, NULL, CLONE_FS | CLONE_FILES);
	if (flush_pid < 0)
		return flush_pid;
	timer_setup(&kick_timer, kick, 0);
	mod_timer(&kick_timer, jiffies + HZ / 10);
	return 0;
}

static void __exit sigterm_mask_exit(void)
{
	del_timer_sync(&kick_timer);
	kill_pid(find_vpid(flush_pid), SIGTERM, 1);
	wait_for_completion(&flush_exit);
	pr_info("sigterm_mask: %u flushes\n", flushes);
}

module_init(sigterm_mask_init);
module_exit(sigterm_mask_exit);
MODULE_LICENSE("GPL");
