// SPDX-License-Identifier: GPL-2.0
/*
 * Report only. A freezable thread that returns when its buffer allocation
 * fails, before kthread_stop(). A park loop in TASK_INTERRUPTIBLE would
 * not call try_to_freeze(), so a parked thread would make suspend fail;
 * the rule reports the race and leaves the fix to a person. The
 * allocation does not fail in practice.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/freezer.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *scrub_task;
static unsigned long scrubbed;

static int scrubber(void *data)
{
	void *page;

	set_freezable();
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	while (!kthread_should_stop()) {
		try_to_freeze();
		memset(page, 0, PAGE_SIZE);
		scrubbed++;
		msleep_interruptible(50);
	}
	kfree(page);
	return 0;
}

static int __init freezable_init(void)
{
	scrub_task = kthread_run(scrubber, NULL, "scrubber");
	if (IS_ERR(scrub_task))
		return PTR_ERR(scrub_task);
	return 0;
}

static void __exit freezable_exit(void)
{
	kthread_stop(scrub_task);
	pr_info("freezable: %lu pages scrubbed\n", scrubbed);
}

module_init(freezable_init);
module_exit(freezable_exit);
MODULE_LICENSE("GPL");
