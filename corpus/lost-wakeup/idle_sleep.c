// SPDX-License-Identifier: GPL-2.0
/*
 * The same order with TASK_IDLE, which signals do not interrupt: the
 * thread tests kthread_should_stop() at the top of its loop and sleeps
 * after it. Once the stop request has been lost there, nothing ends the
 * sleep but the next wake-up from the producer, and once the producer is
 * gone, nothing at all: kthread_stop() and rmmod wait forever. The
 * producer is a timer that queues one event at a time.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/atomic.h>

struct evq {
	struct task_struct *consumer;
	struct timer_list producer;
	atomic_t pending;
	unsigned long handled;
};

static struct evq queue;

static void produce(struct timer_list *t)
{
	struct evq *q = from_timer(q, t, producer);

	atomic_inc(&q->pending);
	wake_up_process(q->consumer);
	mod_timer(&q->producer, jiffies + msecs_to_jiffies(30));
}

static int consume(void *data)
{
	struct evq *q = data;

	while (!kthread_should_stop()) {
		set_current_state(TASK_IDLE);
		schedule();
		while (atomic_add_unless(&q->pending, -1, 0))
			q->handled++;
	}
	return 0;
}

static int __init idle_sleep_init(void)
{
	queue.consumer = kthread_run(consume, &queue, "consume");
	if (IS_ERR(queue.consumer))
		return PTR_ERR(queue.consumer);
	timer_setup(&queue.producer, produce, 0);
	mod_timer(&queue.producer, jiffies + msecs_to_jiffies(30));
	return 0;
}

static void __exit idle_sleep_exit(void)
{
	del_timer_sync(&queue.producer);
	kthread_stop(queue.consumer);
	pr_info("idle_sleep: %lu events\n", queue.handled);
}

module_init(idle_sleep_init);
module_exit(idle_sleep_exit);
MODULE_LICENSE("GPL");
