// SPDX-License-Identifier: GPL-2.0
/*
 * Older Realtek drivers use the terminate semaphore for the start
 * handshake too: the thread ups it before its loop, the init function
 * downs it right after starting the thread, and the thread ups it again
 * as it ends for the stop path to down. Only the exit half goes: the
 * semaphore and its start handshake stay, the new task pointer goes next
 * to it. The thread sleeps in down_interruptible() on its event semaphore,
 * so the flag and the up() before kthread_stop() stay too.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>

static struct semaphore evt_notify;
static struct semaphore terminate_evtthread_sema;
static bool evt_stopped;
static unsigned int evt_seq;

static int event_thread(void *context)
{
	up(&terminate_evtthread_sema);
	while (1) {
		if (down_interruptible(&evt_notify))
			break;
		if (evt_stopped)
			break;
		evt_seq++;
	}
	up(&terminate_evtthread_sema);
	return 0;
}

static int __init terminate_as_start_init(void)
{
	sema_init(&evt_notify, 0);
	sema_init(&terminate_evtthread_sema, 0);
	kthread_run(event_thread, NULL, "RTW_EVT_THREAD");
	down(&terminate_evtthread_sema);
	return 0;
}

static void __exit terminate_as_start_exit(void)
{
	evt_stopped = true;
	up(&evt_notify);
	down(&terminate_evtthread_sema);
	pr_info("terminate_as_start: %u events\n", evt_seq);
}

module_init(terminate_as_start_init);
module_exit(terminate_as_start_exit);
MODULE_LICENSE("GPL");
