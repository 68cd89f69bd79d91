// SPDX-License-Identifier: GPL-2.0
/*
 * A forever loop that only breaks on kthread_should_stop() and otherwise
 * calls cpu_relax(): the thread has finished its rounds and spins until
 * it is stopped, on a whole CPU. The rounds take longer than the module
 * stays loaded in the test (the loop also ends on kthread_should_stop()),
 * so the spin does not run there.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

#define ROUNDS 2000

static struct task_struct *burn_task;
static unsigned int rounds;

static int burn_in(void *data)
{
	while (!kthread_should_stop() && rounds < ROUNDS) {
		rounds++;
		msleep(20);
	}
	for (;;) {
		if (kthread_should_stop())
			break;
		cpu_relax();
	}
	return 0;
}

static int __init spin_tail_init(void)
{
	burn_task = kthread_run(burn_in, NULL, "burn_in");
	if (IS_ERR(burn_task))
		return PTR_ERR(burn_task);
	return 0;
}

static void __exit spin_tail_exit(void)
{
	kthread_stop(burn_task);
	pr_info("spin_tail: %u rounds\n", rounds);
}

module_init(spin_tail_init);
module_exit(spin_tail_exit);
MODULE_LICENSE("GPL");
