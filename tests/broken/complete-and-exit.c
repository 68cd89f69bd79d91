// SPDX-License-Identifier: GPL-2.0
/*
 * A thread that ends the pre-5.17 way, with complete_and_exit(), which is
 * kthread_complete_and_exit() since 5.17: this does not compile. Its error
 * stops modpost for every module of the same kbuild run, so this also
 * proves that the real modules are still built, checked and linked next to
 * a module that fails.
 *
 * kthreadify-selftest: kbuild detects a compile error in a broken module = error: implicit declaration of function 'complete_and_exit'
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>

static struct task_struct *task;
static DECLARE_COMPLETION(done);
static int stop;

static int worker(void *data)
{
	while (!READ_ONCE(stop))
		msleep_interruptible(100);
	complete_and_exit(&done, 0);
}

static int __init complete_and_exit_init(void)
{
	task = kthread_run(worker, NULL, "kt_c_and_e");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit complete_and_exit_exit(void)
{
	WRITE_ONCE(stop, 1);
	wait_for_completion(&done);
}

module_init(complete_and_exit_init);
module_exit(complete_and_exit_exit);
MODULE_LICENSE("GPL");
