// SPDX-License-Identifier: GPL-2.0
/*
 * Negative, untouched: the thread ends in a version ladder, do_exit()
 * before 5.17 and kthread_complete_and_exit() from 5.17 on. The author
 * already handles every kernel; the rule does not rewrite code inside a
 * preprocessor conditional and says nothing.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/version.h>

static struct task_struct *gc_task;
static unsigned long rounds;

static int collector(void *data)
{
	while (!kthread_should_stop()) {
		rounds++;
		msleep(50);
	}
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 17, 0)
	do_exit(0);
#else
	kthread_complete_and_exit(NULL, 0);
#endif
}

static int __init neg_version_ladder_init(void)
{
	gc_task = kthread_run(collector, NULL, "collector");
	if (IS_ERR(gc_task))
		return PTR_ERR(gc_task);
	return 0;
}

static void __exit neg_version_ladder_exit(void)
{
	kthread_stop(gc_task);
	pr_info("neg_version_ladder: %lu rounds\n", rounds);
}

module_init(neg_version_ladder_init);
module_exit(neg_version_ladder_exit);
MODULE_LICENSE("GPL");
