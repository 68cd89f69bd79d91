// SPDX-License-Identifier: GPL-2.0
/*
 * Two daemons, two pids, two completions. When the second fails to start,
 * the init path kills the first and waits for it: after the rewrite that
 * is a kthread_stop() in the failure branch of the second start.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>

static int rx_pid;
static int tx_pid;
static DECLARE_COMPLETION(rx_done);
static DECLARE_COMPLETION(tx_done);
static unsigned int rx_count, tx_count;

static int rx_daemon(void *data)
{
	daemonize("rxd");
	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		rx_count++;
		msleep_interruptible(20);
	}
	complete_and_exit(&rx_done, 0);
}

static int tx_daemon(void *data)
{
	daemonize("txd");
	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		tx_count++;
		msleep_interruptible(20);
	}
	complete_and_exit(&tx_done, 0);
}

static int __init two_daemons_init(void)
{
	rx_pid = kernel_thread(rx_daemon, NULL, CLONE_KERNEL);
	if (rx_pid < 0)
		return rx_pid;
	tx_pid = kernel_thread(tx_daemon, NULL, CLONE_KERNEL);
	if (tx_pid < 0) {
		kill_proc(rx_pid, SIGKILL, 1);
		wait_for_completion(&rx_done);
		return tx_pid;
	}
	return 0;
}

static void __exit two_daemons_exit(void)
{
	kill_proc(tx_pid, SIGKILL, 1);
	wait_for_completion(&tx_done);
	kill_proc(rx_pid, SIGKILL, 1);
	wait_for_completion(&rx_done);
	pr_info("two_daemons: %u rx, %u tx\n", rx_count, tx_count);
}

module_init(two_daemons_init);
module_exit(two_daemons_exit);
MODULE_LICENSE("GPL");
