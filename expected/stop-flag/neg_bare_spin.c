// SPDX-License-Identifier: GPL-2.0
/*
 * Negative (reported, not rewritten): the thread spins on the flag without
 * ever sleeping. A rewrite would give a bare kthread_should_stop() spin.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static volatile int spin_stop;
static volatile int spin_done;

static int spinner(void *data)
{
	while (!spin_stop)
		cpu_relax();
	spin_done = 1;
	return 0;
}

static int __init neg_bare_spin_init(void)
{
	struct task_struct *t = kthread_run(spinner, NULL, "spinner");

	return PTR_ERR_OR_ZERO(t);
}

static void __exit neg_bare_spin_exit(void)
{
	spin_stop = 1;
	while (!spin_done)
		msleep(1);
}

module_init(neg_bare_spin_init);
module_exit(neg_bare_spin_exit);
MODULE_LICENSE("GPL");
