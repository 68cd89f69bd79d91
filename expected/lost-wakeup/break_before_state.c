// SPDX-License-Identifier: GPL-2.0
/*
 * A forever loop whose first statement breaks on kthread_should_stop(),
 * then sets TASK_UNINTERRUPTIBLE and sleeps: the test comes one statement
 * too early. Moving it after set_current_state() fixes the order. The
 * sensor thread is woken by a timer.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct task_struct *sensor_task;
static struct timer_list sensor_timer;
static int temperature = 40;

static void sensor_irq(struct timer_list *t)
{
	wake_up_process(sensor_task);
	mod_timer(&sensor_timer, jiffies + msecs_to_jiffies(40));
}

static int sensor_thread(void *data)
{
	for (;;) {
		if (kthread_should_stop())
			break;
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
		temperature = (temperature * 7 + 45) / 8;
	}
	return 0;
}

static int __init break_before_state_init(void)
{
	sensor_task = kthread_run(sensor_thread, NULL, "sensor_thread");
	if (IS_ERR(sensor_task))
		return PTR_ERR(sensor_task);
	timer_setup(&sensor_timer, sensor_irq, 0);
	mod_timer(&sensor_timer, jiffies + msecs_to_jiffies(40));
	return 0;
}

static void __exit break_before_state_exit(void)
{
	del_timer_sync(&sensor_timer);
	kthread_stop(sensor_task);
	pr_info("break_before_state: %d C\n", temperature);
}

module_init(break_before_state_init);
module_exit(break_before_state_exit);
MODULE_LICENSE("GPL");
