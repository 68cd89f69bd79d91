// SPDX-License-Identifier: GPL-2.0
/*
 * The 2.6.27+ spelling of kill_proc(): kill_pid(find_vpid(pid), ...). The
 * thread loops in do { } while (!signal_pending(current)) and says it is
 * done with a flag that the exit path spins on; the start failure is
 * logged before the error is returned.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/delay.h>
#include <linux/kthread.h>

static struct task_struct *scrub_task;
static unsigned long scrubbed;

static int scrubber(void *data)
{
	do {
		scrubbed += 64;
		msleep_interruptible(40);
	} while (!kthread_should_stop());

	return 0;
}

static int __init kill_pid_vpid_init(void)
{
	scrub_task = kthread_run(scrubber, NULL, "scrubd");
	if (IS_ERR(scrub_task)) {
		pr_err("kill_pid_vpid: cannot start scrubber: %ld\n",
		       PTR_ERR(scrub_task));
		return PTR_ERR(scrub_task);
	}
	return 0;
}

static void __exit kill_pid_vpid_exit(void)
{
	kthread_stop(scrub_task);
	pr_info("kill_pid_vpid: %lu bytes scrubbed\n", scrubbed);
}

module_init(kill_pid_vpid_init);
module_exit(kill_pid_vpid_exit);
MODULE_LICENSE("GPL");
