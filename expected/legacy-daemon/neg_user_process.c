// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the module signals a user process (the pid given in the
 * notify_pid parameter) with kill_pid() when its worker has news, and
 * with send_sig() on its task when the module goes; that process is not
 * a thread of this module. The worker itself is a proper kthread.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/delay.h>

static int notify_pid;
module_param(notify_pid, int, 0644);

static struct task_struct *news_task;
static unsigned int news;

static int news_thread(void *data)
{
	while (!kthread_should_stop()) {
		news++;
		if (notify_pid > 0 && news % 16 == 0)
			kill_pid(find_vpid(notify_pid), SIGUSR1, 1);
		msleep(50);
	}
	return 0;
}

static int __init neg_user_process_init(void)
{
	news_task = kthread_run(news_thread, NULL, "news_thread");
	if (IS_ERR(news_task))
		return PTR_ERR(news_task);
	return 0;
}

static void __exit neg_user_process_exit(void)
{
	struct task_struct *listener;

	kthread_stop(news_task);
	if (notify_pid <= 0)
		return;
	rcu_read_lock();
	listener = pid_task(find_vpid(notify_pid), PIDTYPE_PID);
	if (listener)
		send_sig(SIGTERM, listener, 1);
	rcu_read_unlock();
}

module_init(neg_user_process_init);
module_exit(neg_user_process_exit);
MODULE_LICENSE("GPL");
