// SPDX-License-Identifier: GPL-2.0
/*
 * A wait queue done by hand: prepare_to_wait() sets the task state, the
 * guard tests the event but not the stop request, and the stop request
 * was tested before prepare_to_wait(). kthread_stop() does not wake the
 * queue, it wakes the task, and that wake-up is lost in the window. The
 * event comes from a timer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

struct doorbell {
	struct task_struct *task;
	wait_queue_head_t wq;
	struct timer_list ringer;
	bool rung;
	unsigned int answered;
};

static struct doorbell bell;

static void ring(struct timer_list *t)
{
	struct doorbell *b = from_timer(b, t, ringer);

	WRITE_ONCE(b->rung, true);
	wake_up(&b->wq);
	mod_timer(&b->ringer, jiffies + msecs_to_jiffies(35));
}

static int answer(void *data)
{
	struct doorbell *b = data;
	DEFINE_WAIT(wait);

	while (!kthread_should_stop()) {
		prepare_to_wait(&b->wq, &wait, TASK_INTERRUPTIBLE);
		if (!READ_ONCE(b->rung))
			schedule();
		finish_wait(&b->wq, &wait);
		if (READ_ONCE(b->rung)) {
			WRITE_ONCE(b->rung, false);
			b->answered++;
		}
	}
	return 0;
}

static int __init prepare_to_wait_init(void)
{
	init_waitqueue_head(&bell.wq);
	bell.task = kthread_run(answer, &bell, "answer");
	if (IS_ERR(bell.task))
		return PTR_ERR(bell.task);
	timer_setup(&bell.ringer, ring, 0);
	mod_timer(&bell.ringer, jiffies + msecs_to_jiffies(35));
	return 0;
}

static void __exit prepare_to_wait_exit(void)
{
	del_timer_sync(&bell.ringer);
	kthread_stop(bell.task);
	pr_info("prepare_to_wait: answered %u\n", bell.answered);
}

module_init(prepare_to_wait_init);
module_exit(prepare_to_wait_exit);
MODULE_LICENSE("GPL");
