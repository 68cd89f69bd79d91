// SPDX-License-Identifier: GPL-2.0
/*
 * The pnpbios dock thread shape: a freezable polling loop whose switch
 * ends the thread from two of its cases with complete_and_exit(), besides
 * the exit after the loop. Those early exits must not become returns that
 * a later kthread_stop() would race with (hazard 1): every exit waits to
 * be stopped, freezing meanwhile (hazard 6). The dock stops answering
 * after four polls, so the module is unloaded while its thread waits in
 * one of those cases.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/freezer.h>

enum { DOCK_NOT_SUPPORTED, DOCK_UNDOCKED, DOCK_DOCKED };

static struct completion dock_exit;
static int dock_unloading;
static unsigned int dock_polls;

static int dock_status(void)
{
	if (++dock_polls > 4)
		return DOCK_NOT_SUPPORTED;
	return DOCK_DOCKED;
}

static int dock_thread(void *unused)
{
	int docked = -1, d = 0;

	set_freezable();
	while (!dock_unloading) {
		msleep_interruptible(50);
		if (try_to_freeze())
			continue;

		switch (dock_status()) {
		case DOCK_NOT_SUPPORTED:
			complete_and_exit(&dock_exit, 0);
		case DOCK_UNDOCKED:
			d = 0;
			break;
		case DOCK_DOCKED:
			d = 1;
			break;
		default:
			pr_warn("switch_exit: disabling dock monitoring\n");
			complete_and_exit(&dock_exit, 0);
		}
		if (d != docked) {
			docked = d;
			pr_info("switch_exit: docking station %s\n",
				docked ? "attached" : "detached");
		}
	}
	complete_and_exit(&dock_exit, 0);
}

static int __init switch_exit_init(void)
{
	init_completion(&dock_exit);
	kthread_run(dock_thread, NULL, "kpnpbiosd");
	return 0;
}

static void __exit switch_exit_exit(void)
{
	dock_unloading = 1;
	wait_for_completion(&dock_exit);
	pr_info("switch_exit: %u polls\n", dock_polls);
}

module_init(switch_exit_init);
module_exit(switch_exit_exit);
MODULE_LICENSE("GPL");
