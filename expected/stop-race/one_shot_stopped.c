// SPDX-License-Identifier: GPL-2.0
/*
 * A one-shot thread (load a table, then return) that the exit path still
 * stops with kthread_stop(), as if it were a long-running thread. By then
 * the thread has returned and its task may be freed. The thread now waits
 * for kthread_stop() after loading: it is still there after insmod.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *loader_task;
static u32 table[64];

static int table_loader(void *data)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(table); i++)
		table[i] = i * 2654435761u;
	pr_info("table_loader: %zu entries\n", ARRAY_SIZE(table));
	/* Wait for kthread_stop(): it needs this task */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init one_shot_stopped_init(void)
{
	loader_task = kthread_run(table_loader, NULL, "table_loader");
	if (IS_ERR(loader_task))
		return PTR_ERR(loader_task);
	return 0;
}

static void __exit one_shot_stopped_exit(void)
{
	kthread_stop(loader_task);
}

module_init(one_shot_stopped_init);
module_exit(one_shot_stopped_exit);
MODULE_LICENSE("GPL");
