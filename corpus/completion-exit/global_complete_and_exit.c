// SPDX-License-Identifier: GPL-2.0
/*
 * The pre-5.17 textbook shape: a file-scope stop flag and completion, the
 * thread ends with complete_and_exit() and the exit path raises the flag
 * and waits for the completion. The kthread_run() result is dropped. The
 * thread only sleeps in msleep(), so it can poll kthread_should_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>

static struct completion poller_done;
static int poller_stop;
static unsigned long polls;

static int poller(void *data)
{
	while (!poller_stop) {
		polls++;
		msleep(20);
	}
	complete_and_exit(&poller_done, 0);
}

static int __init global_complete_and_exit_init(void)
{
	init_completion(&poller_done);
	kthread_run(poller, NULL, "poller");
	return 0;
}

static void __exit global_complete_and_exit_exit(void)
{
	poller_stop = 1;
	wait_for_completion(&poller_done);
	pr_info("global_complete_and_exit: %lu polls\n", polls);
}

module_init(global_complete_and_exit_init);
module_exit(global_complete_and_exit_exit);
MODULE_LICENSE("GPL");
