// SPDX-License-Identifier: GPL-2.0
/*
 * A start handshake on its own semaphore: the thread ups start_sema once
 * it runs and the init function downs it right after starting the thread.
 * That handshake is left alone; the terminate semaphore, upped as the
 * thread ends and downed by the exit path after the stop flag, is
 * replaced by kthread_stop(). The stop flag is a struct member reached
 * through the thread argument, and the result of kthread_run() is dropped.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

struct monitor {
	struct semaphore start_sema;
	struct task_struct *monitor_thread_task;
	unsigned int samples;
};

static struct monitor mon;

static int monitor_thread(void *arg)
{
	struct monitor *m = arg;

	up(&m->start_sema);
	while (!kthread_should_stop()) {
		m->samples++;
		msleep(30);
	}
	return 0;
}

static int __init start_sema_kept_init(void)
{
	sema_init(&mon.start_sema, 0);
	mon.monitor_thread_task = kthread_run(monitor_thread, &mon, "monitor");
	if (IS_ERR(mon.monitor_thread_task))
		return PTR_ERR(mon.monitor_thread_task);
	down(&mon.start_sema);
	return 0;
}

static void __exit start_sema_kept_exit(void)
{
	kthread_stop(mon.monitor_thread_task);
	pr_info("start_sema_kept: %u samples\n", mon.samples);
}

module_init(start_sema_kept_init);
module_exit(start_sema_kept_exit);
MODULE_LICENSE("GPL");
