// SPDX-License-Identifier: GPL-2.0
/*
 * rtw_stop_drv_threads() with two threads, each with its own stop member,
 * wake-up semaphore and terminate semaphore in the adapter: the command
 * thread sleeps in down_interruptible() (flag and up() stay), the
 * watchdog thread only in msleep() (it polls kthread_should_stop()). Both
 * kthread_run() results are stored and checked already.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

struct adapter {
	struct task_struct *cmd_thread;
	struct task_struct *wdg_thread;
	struct semaphore cmd_sema;
	struct semaphore cmd_term_sema;
	struct semaphore wdg_term_sema;
	bool cmd_stop;
	bool wdg_stop;
	unsigned int cmds, checks;
};

static struct adapter adapter;

static int cmd_thread_fn(void *context)
{
	struct adapter *a = context;

	while (1) {
		if (down_interruptible(&a->cmd_sema))
			break;
		if (a->cmd_stop)
			break;
		a->cmds++;
	}
	up(&a->cmd_term_sema);
	return 0;
}

static int wdg_thread_fn(void *context)
{
	struct adapter *a = context;

	while (!a->wdg_stop) {
		a->checks++;
		msleep(50);
	}
	up(&a->wdg_term_sema);
	return 0;
}

static void rtw_stop_drv_threads(struct adapter *a)
{
	a->cmd_stop = true;
	up(&a->cmd_sema);
	down(&a->cmd_term_sema);

	a->wdg_stop = true;
	down(&a->wdg_term_sema);
}

static int __init two_threads_init(void)
{
	sema_init(&adapter.cmd_sema, 0);
	sema_init(&adapter.cmd_term_sema, 0);
	sema_init(&adapter.wdg_term_sema, 0);
	adapter.cmd_thread = kthread_run(cmd_thread_fn, &adapter, "rtw_cmd");
	if (IS_ERR(adapter.cmd_thread))
		return PTR_ERR(adapter.cmd_thread);
	adapter.wdg_thread = kthread_run(wdg_thread_fn, &adapter, "rtw_wdg");
	if (IS_ERR(adapter.wdg_thread)) {
		adapter.cmd_stop = true;
		up(&adapter.cmd_sema);
		down(&adapter.cmd_term_sema);
		return PTR_ERR(adapter.wdg_thread);
	}
	return 0;
}

static void __exit two_threads_exit(void)
{
	rtw_stop_drv_threads(&adapter);
	pr_info("two_threads: %u commands, %u checks\n", adapter.cmds,
		adapter.checks);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
