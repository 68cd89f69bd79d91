// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread sleeps in
 * down_interruptible() until a timer ups its semaphore, and SIGKILL is
 * what cuts that sleep short when the module goes. kthread_stop() only
 * wakes the task: it cannot be relied on to end that sleep, so the
 * signal stays.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/semaphore.h>
#include <linux/completion.h>
#include <linux/timer.h>

static struct task_struct *sem_task;
static DECLARE_COMPLETION(sem_done);
static struct semaphore work_sem;
static struct timer_list work_timer;
static unsigned int jobs;

static void work_tick(struct timer_list *t)
{
	up(&work_sem);
	mod_timer(&work_timer, jiffies + HZ / 10);
}

static int sem_thread(void *data)
{
	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		if (down_interruptible(&work_sem))
			continue;
		jobs++;
	}
	kthread_complete_and_exit(&sem_done, 0);
}

static int __init neg_down_interruptible_init(void)
{
	sema_init(&work_sem, 0);
	timer_setup(&work_timer, work_tick, 0);
	sem_task = kthread_run(sem_thread, NULL, "sem_thread");
	if (IS_ERR(sem_task))
		return PTR_ERR(sem_task);
	mod_timer(&work_timer, jiffies + HZ / 10);
	return 0;
}

static void __exit neg_down_interruptible_exit(void)
{
	del_timer_sync(&work_timer);
	send_sig(SIGKILL, sem_task, 1);
	wait_for_completion(&sem_done);
	pr_info("neg_down_interruptible: %u jobs\n", jobs);
}

module_init(neg_down_interruptible_init);
module_exit(neg_down_interruptible_exit);
MODULE_LICENSE("GPL");
