// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: a one-shot thread that finishes on its own and is never
 * stopped: nothing touches its task after it returns. The exit path waits
 * for its completion instead; the thread signals it last thing before it
 * returns with kthread_complete_and_exit(), so the module cannot go away
 * under it.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_COMPLETION(probe_done);
static unsigned int probed;

static int prober(void *data)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		probed |= 1u << i;
	kthread_complete_and_exit(&probe_done, 0);
}

static int __init neg_one_shot_init(void)
{
	struct task_struct *t;

	t = kthread_run(prober, NULL, "prober");
	if (IS_ERR(t))
		return PTR_ERR(t);
	return 0;
}

static void __exit neg_one_shot_exit(void)
{
	wait_for_completion(&probe_done);
	pr_info("neg_one_shot: probed %#x\n", probed);
}

module_init(neg_one_shot_init);
module_exit(neg_one_shot_exit);
MODULE_LICENSE("GPL");
