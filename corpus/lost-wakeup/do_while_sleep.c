// SPDX-License-Identifier: GPL-2.0
/*
 * A do-while loop that sleeps first and tests kthread_should_stop() at
 * the bottom: nothing tests the stop request between set_current_state()
 * and schedule(), so a kthread_stop() that comes after the bottom test
 * (or before the first iteration) is lost. The thread waits for a kick
 * from a timer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *gc_task;
static struct timer_list gc_timer;
static unsigned int collections;

static void gc_kick(struct timer_list *t)
{
	wake_up_process(gc_task);
	mod_timer(&gc_timer, jiffies + msecs_to_jiffies(45));
}

static int gc_thread(void *data)
{
	do {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
		collections++;
	} while (!kthread_should_stop());
	return 0;
}

static int __init do_while_sleep_init(void)
{
	gc_task = kthread_run(gc_thread, NULL, "gc_thread");
	if (IS_ERR(gc_task))
		return PTR_ERR(gc_task);
	timer_setup(&gc_timer, gc_kick, 0);
	mod_timer(&gc_timer, jiffies + msecs_to_jiffies(45));
	return 0;
}

static void __exit do_while_sleep_exit(void)
{
	del_timer_sync(&gc_timer);
	kthread_stop(gc_task);
	pr_info("do_while_sleep: %u collections\n", collections);
}

module_init(do_while_sleep_init);
module_exit(do_while_sleep_exit);
MODULE_LICENSE("GPL");
