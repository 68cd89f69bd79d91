// SPDX-License-Identifier: GPL-2.0
/*
 * Errors inside the loop jump to a cleanup label at the end of the
 * thread, which then returns: "goto out" leaves the thread before it is
 * stopped. The work item table has a poisoned entry, so the thread takes
 * the goto soon after insmod; the cleanup still runs, then the thread
 * waits for kthread_stop() before it returns the error.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct pump {
	struct task_struct *task;
	int table[6];
};

static struct pump pump = {
	.table = { 1, 2, 3, -1, 5, 6 },
};

static int pump_thread(void *data)
{
	struct pump *p = data;
	int *scratch;
	int err = 0;
	int i = 0;

	scratch = kcalloc(ARRAY_SIZE(p->table), sizeof(int), GFP_KERNEL);
	if (!scratch) {
		err = -ENOMEM;
		goto out;
	}
	while (!kthread_should_stop()) {
		if (p->table[i] < 0) {
			err = -EINVAL;
			goto out_free;
		}
		scratch[i] = p->table[i] * 2;
		i = (i + 1) % ARRAY_SIZE(p->table);
		msleep(10);
	}
out_free:
	kfree(scratch);
out:
	return err;
}

static int __init goto_out_init(void)
{
	pump.task = kthread_run(pump_thread, &pump, "pump_thread");
	if (IS_ERR(pump.task))
		return PTR_ERR(pump.task);
	return 0;
}

static void __exit goto_out_exit(void)
{
	int err = kthread_stop(pump.task);

	if (err)
		pr_info("goto_out: pump stopped with %d\n", err);
}

module_init(goto_out_init);
module_exit(goto_out_exit);
MODULE_LICENSE("GPL");
