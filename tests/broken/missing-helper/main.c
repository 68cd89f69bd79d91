// SPDX-License-Identifier: GPL-2.0
/*
 * A multi-file module whose thread calls a helper declared in helper.h
 * but never defined (helper.c renamed it): every file compiles cleanly,
 * only modpost sees the undefined symbol -- like "do_exit" undefined for a
 * thread that ends the pre-5.17 way, but true on every kernel.
 *
 * kthreadify-selftest: kbuild detects an undefined symbol in a broken module = "kt_helper_should_stop" [broken_missing_helper.ko] undefined!
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>
#include "helper.h"

static struct task_struct *task;

static int worker(void *data)
{
	while (!kt_helper_should_stop())
		msleep_interruptible(100);
	return 0;
}

static int __init missing_helper_init(void)
{
	task = kthread_run(worker, NULL, "kt_missing_helper");
	return PTR_ERR_OR_ZERO(task);
}

static void __exit missing_helper_exit(void)
{
	kthread_stop(task);
}

module_init(missing_helper_init);
module_exit(missing_helper_exit);
MODULE_LICENSE("GPL");
