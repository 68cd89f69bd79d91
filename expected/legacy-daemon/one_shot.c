// SPDX-License-Identifier: GPL-2.0
/*
 * A one-shot daemon (hazard 8): it loads a table, signals a completion and
 * ends with do_exit(). Nothing stops it, so only its start is converted
 * (kthread_run() under its daemonize() name) and do_exit() becomes a
 * return; the start is tested inside the if.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/kthread.h>

static DECLARE_COMPLETION(table_ready);
static unsigned int table[64];

static int table_loader(void *data)
{
	int i;

	for (i = 0; i < 64; i++)
		table[i] = i * i;
	complete(&table_ready);
	return 0;
}

static int __init one_shot_init(void)
{
	if (IS_ERR(kthread_run(table_loader, NULL, "tblload")))
		return -EIO;
	wait_for_completion(&table_ready);
	pr_info("one_shot: table[9] = %u\n", table[9]);
	return 0;
}

static void __exit one_shot_exit(void)
{
}

module_init(one_shot_init);
module_exit(one_shot_exit);
MODULE_LICENSE("GPL");
