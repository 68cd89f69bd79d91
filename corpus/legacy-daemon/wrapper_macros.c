// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-tree portability macros: DAEMONIZE() and KILL_PROC() defined in
 * this file behind a LINUX_VERSION_CODE ladder. Every branch of each
 * ladder is made of the legacy calls alone, so the rule reads the calls
 * through them; the definitions stay, unused (only the code that calls
 * them is rewritten).
 */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(2, 6, 0)
#define DAEMONIZE(name) do { daemonize(); strcpy(current->comm, name); } while (0)
#else
#define DAEMONIZE(name) do { daemonize(name); allow_signal(SIGKILL); } while (0)
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(2, 6, 27)
#define KILL_PROC(pid, sig) kill_proc(pid, sig, 1)
#else
#define KILL_PROC(pid, sig) kill_pid(find_vpid(pid), sig, 1)
#endif

static int beacon_pid;
static DECLARE_COMPLETION(beacon_done);
static unsigned int beacons;

static int beacon_thread(void *data)
{
	DAEMONIZE("beacond");

	while (!signal_pending(current)) {
		beacons++;
		msleep_interruptible(100);
	}
	complete_and_exit(&beacon_done, 0);
}

static int __init wrapper_macros_init(void)
{
	beacon_pid = kernel_thread(beacon_thread, NULL, CLONE_KERNEL);
	if (beacon_pid < 0)
		return beacon_pid;
	return 0;
}

static void __exit wrapper_macros_exit(void)
{
	KILL_PROC(beacon_pid, SIGKILL);
	wait_for_completion(&beacon_done);
	pr_info("wrapper_macros: %u beacons\n", beacons);
}

module_init(wrapper_macros_init);
module_exit(wrapper_macros_exit);
MODULE_LICENSE("GPL");
