// SPDX-License-Identifier: GPL-2.0
/*
 * The common worker shape: set the state, sleep only when the queue is
 * empty, then run. The guard in front of schedule() tests the queue, not
 * the stop request, and the stop request was tested at the top of the
 * loop, before the state change: a kthread_stop() in between is lost
 * while the queue is empty. The queue is fed by a timer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

struct job {
	struct list_head node;
	unsigned int id;
};

struct runner {
	struct task_struct *thread;
	struct timer_list feeder;
	spinlock_t lock;
	struct list_head jobs;
	unsigned int next_id, done;
};

static struct runner runner;

static void feed(struct timer_list *t)
{
	struct runner *r = from_timer(r, t, feeder);
	struct job *j = kmalloc(sizeof(*j), GFP_ATOMIC);

	if (j) {
		spin_lock(&r->lock);
		j->id = r->next_id++;
		list_add_tail(&j->node, &r->jobs);
		spin_unlock(&r->lock);
		wake_up_process(r->thread);
	}
	mod_timer(&r->feeder, jiffies + msecs_to_jiffies(15));
}

static int run_jobs(void *data)
{
	struct runner *r = data;
	struct job *j;

	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		spin_lock_irq(&r->lock);
		if (list_empty(&r->jobs)) {
			spin_unlock_irq(&r->lock);
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		j = list_first_entry(&r->jobs, struct job, node);
		list_del(&j->node);
		spin_unlock_irq(&r->lock);
		r->done++;
		kfree(j);
	}
	return 0;
}

static int __init guarded_sleep_init(void)
{
	spin_lock_init(&runner.lock);
	INIT_LIST_HEAD(&runner.jobs);
	runner.thread = kthread_run(run_jobs, &runner, "run_jobs");
	if (IS_ERR(runner.thread))
		return PTR_ERR(runner.thread);
	timer_setup(&runner.feeder, feed, 0);
	mod_timer(&runner.feeder, jiffies + msecs_to_jiffies(15));
	return 0;
}

static void __exit guarded_sleep_exit(void)
{
	struct job *j, *tmp;

	del_timer_sync(&runner.feeder);
	kthread_stop(runner.thread);
	list_for_each_entry_safe(j, tmp, &runner.jobs, node)
		kfree(j);
	pr_info("guarded_sleep: %u jobs\n", runner.done);
}

module_init(guarded_sleep_init);
module_exit(guarded_sleep_exit);
MODULE_LICENSE("GPL");
