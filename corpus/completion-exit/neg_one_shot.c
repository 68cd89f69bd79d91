// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (clean): a one-shot thread that signals its completion when
 * its work is done and is never asked to stop (hazard 8: nothing to
 * stop). The exit path only waits for the work to be over; no flag is
 * raised first. kthread_complete_and_exit() keeps the module text safe.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_COMPLETION(scan_done);
static unsigned int found;

static int scanner(void *data)
{
	int i;

	for (i = 0; i < 8; i++)
		found += i & 1;
	kthread_complete_and_exit(&scan_done, 0);
}

static int __init neg_one_shot_init(void)
{
	struct task_struct *t;

	t = kthread_run(scanner, NULL, "scanner");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_one_shot_exit(void)
{
	wait_for_completion(&scan_done);
	pr_info("neg_one_shot: %u found\n", found);
}

module_init(neg_one_shot_init);
module_exit(neg_one_shot_exit);
MODULE_LICENSE("GPL");
