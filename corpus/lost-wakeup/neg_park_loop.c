// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: the park loop stop-race generates. The state is set before
 * the loop tests kthread_should_stop() and again after each schedule(),
 * so every test of the stop request comes after a state change. Here the
 * thread does its one job (zeroing a table) and then parks until stopped.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>

static struct task_struct *init_task_ptr;
static u8 table[256];

static int table_init(void *data)
{
	int i;

	for (i = 0; i < 256; i++)
		table[i] = (u8)i;
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init neg_park_loop_init(void)
{
	init_task_ptr = kthread_run(table_init, NULL, "table_init");
	if (IS_ERR(init_task_ptr))
		return PTR_ERR(init_task_ptr);
	return 0;
}

static void __exit neg_park_loop_exit(void)
{
	kthread_stop(init_task_ptr);
	pr_info("neg_park_loop: table[255] = %u\n", table[255]);
}

module_init(neg_park_loop_init);
module_exit(neg_park_loop_exit);
MODULE_LICENSE("GPL");
