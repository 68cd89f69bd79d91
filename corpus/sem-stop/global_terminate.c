// SPDX-License-Identifier: GPL-2.0
/*
 * The plain semaphore handshake: a file-scope stop flag and terminate
 * semaphore (initialised to 0), the thread ups the semaphore and returns,
 * the exit path raises the flag and downs it. The kthread_run() result is
 * dropped. The thread only sleeps in msleep(), so it can poll
 * kthread_should_stop().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/delay.h>

static struct semaphore term_sema;
static int must_stop;
static unsigned long rounds;

static int housekeeper(void *data)
{
	while (!must_stop) {
		rounds++;
		msleep(20);
	}
	up(&term_sema);
	return 0;
}

static int __init global_terminate_init(void)
{
	sema_init(&term_sema, 0);
	kthread_run(housekeeper, NULL, "housekeeper");
	return 0;
}

static void __exit global_terminate_exit(void)
{
	must_stop = 1;
	down(&term_sema);
	pr_info("global_terminate: %lu rounds\n", rounds);
}

module_init(global_terminate_init);
module_exit(global_terminate_exit);
MODULE_LICENSE("GPL");
