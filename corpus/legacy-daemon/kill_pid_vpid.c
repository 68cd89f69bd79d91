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

static pid_t scrub_pid;
static int scrub_done;
static unsigned long scrubbed;

static int scrubber(void *data)
{
	daemonize("scrubd");
	allow_signal(SIGKILL);

	do {
		scrubbed += 64;
		msleep_interruptible(40);
	} while (!signal_pending(current));

	scrub_done = 1;
	return 0;
}

static int __init kill_pid_vpid_init(void)
{
	scrub_pid = kernel_thread(scrubber, NULL, CLONE_FS | CLONE_FILES);
	if (scrub_pid < 0) {
		pr_err("kill_pid_vpid: cannot start scrubber: %d\n", scrub_pid);
		return scrub_pid;
	}
	return 0;
}

static void __exit kill_pid_vpid_exit(void)
{
	kill_pid(find_vpid(scrub_pid), SIGKILL, 1);
	while (!scrub_done)
		msleep(10);
	pr_info("kill_pid_vpid: %lu bytes scrubbed\n", scrubbed);
}

module_init(kill_pid_vpid_init);
module_exit(kill_pid_vpid_exit);
MODULE_LICENSE("GPL");
