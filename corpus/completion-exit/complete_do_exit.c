// SPDX-License-Identifier: GPL-2.0
/*
 * The 2.6-era spelling of complete_and_exit(): complete() then do_exit(),
 * which modules cannot call since 5.17. The thread is created with
 * kthread_create() and woken at once, and its task pointer is checked
 * against NULL. It sleeps in wait_event_interruptible_timeout() on a
 * condition with the stop flag in it.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(balloon_wq);
static DECLARE_COMPLETION(balloon_exited);
static struct task_struct *balloon_task;
static int balloon_quit;
static unsigned int inflations;

static int balloon_thread(void *data)
{
	do {
		wait_event_interruptible_timeout(balloon_wq, balloon_quit,
						 HZ / 10);
		inflations++;
	} while (!balloon_quit);
	complete(&balloon_exited);
	do_exit(0);
}

static int __init complete_do_exit_init(void)
{
	balloon_task = kthread_create(balloon_thread, NULL, "balloon");
	if (balloon_task == NULL)
		return -ENOMEM;
	wake_up_process(balloon_task);
	return 0;
}

static void __exit complete_do_exit_exit(void)
{
	balloon_quit = 1;
	wake_up(&balloon_wq);
	wait_for_completion(&balloon_exited);
	pr_info("complete_do_exit: %u inflations\n", inflations);
}

module_init(complete_do_exit_init);
module_exit(complete_do_exit_exit);
MODULE_LICENSE("GPL");
