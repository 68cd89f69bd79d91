// SPDX-License-Identifier: GPL-2.0
/*
 * A state machine thread: two cases of the switch inside the
 * kthread_should_stop() loop return, one when the link fails and one when
 * the transfer is complete. Both leave the thread before kthread_stop().
 * The transfer completes a few steps after insmod, so the thread takes
 * the "done" return; both returns wait for the stop request first.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

enum link_state { LINK_IDLE, LINK_UP, LINK_XFER, LINK_DONE, LINK_ERROR };

static struct task_struct *link_task;
static enum link_state state = LINK_IDLE;
static unsigned int sent;

static int link_thread(void *data)
{
	while (!kthread_should_stop()) {
		switch (state) {
		case LINK_IDLE:
			state = LINK_UP;
			break;
		case LINK_UP:
			state = LINK_XFER;
			break;
		case LINK_XFER:
			if (++sent == 3)
				state = LINK_DONE;
			break;
		case LINK_DONE:
			/* Wait for kthread_stop(): it needs this task */
			set_current_state(TASK_INTERRUPTIBLE);
			while (!kthread_should_stop()) {
				schedule();
				set_current_state(TASK_INTERRUPTIBLE);
			}
			__set_current_state(TASK_RUNNING);
			return 0;
		case LINK_ERROR:
		default:
			/* Wait for kthread_stop(): it needs this task */
			set_current_state(TASK_INTERRUPTIBLE);
			while (!kthread_should_stop()) {
				schedule();
				set_current_state(TASK_INTERRUPTIBLE);
			}
			__set_current_state(TASK_RUNNING);
			return -EIO;
		}
		msleep(10);
	}
	return 0;
}

static int __init switch_return_init(void)
{
	link_task = kthread_run(link_thread, NULL, "link_thread");
	if (IS_ERR(link_task))
		return PTR_ERR(link_task);
	return 0;
}

static void __exit switch_return_exit(void)
{
	int ret = kthread_stop(link_task);

	pr_info("switch_return: sent %u, thread returned %d\n", sent, ret);
}

module_init(switch_return_init);
module_exit(switch_return_exit);
MODULE_LICENSE("GPL");
