// SPDX-License-Identifier: GPL-2.0
/*
 * A bare spin: to keep its task alive until kthread_stop() after a failed
 * allocation, the thread spins in "while (!kthread_should_stop());" and
 * burns a CPU until the module is unloaded (on a single CPU without
 * preemption, the unload never gets to run at all). It should sleep until
 * stopped instead. The allocation does not fail in practice, so the spin
 * does not run when the module is tested.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *mixer_task;
static unsigned long mixed;

static int mixer(void *data)
{
	s16 *frames = kcalloc(256, sizeof(*frames), GFP_KERNEL);
	int i;

	if (!frames) {
		while (!kthread_should_stop());
		return -ENOMEM;
	}
	while (!kthread_should_stop()) {
		for (i = 0; i < 256; i++)
			frames[i] = (s16)(frames[i] / 2 + i);
		mixed++;
		msleep(10);
	}
	kfree(frames);
	return 0;
}

static int __init spin_on_error_init(void)
{
	mixer_task = kthread_run(mixer, NULL, "mixer");
	if (IS_ERR(mixer_task))
		return PTR_ERR(mixer_task);
	return 0;
}

static void __exit spin_on_error_exit(void)
{
	kthread_stop(mixer_task);
	pr_info("spin_on_error: %lu buffers mixed\n", mixed);
}

module_init(spin_on_error_init);
module_exit(spin_on_error_exit);
MODULE_LICENSE("GPL");
