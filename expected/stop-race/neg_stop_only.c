// SPDX-License-Identifier: GPL-2.0
/*
 * Negative: both threads can only end once kthread_should_stop() is true.
 * The scanner's inner search loop and its switch have breaks of their
 * own, which do not leave the thread loop; the logger returns from inside
 * its forever loop, but only on the branch where it was asked to stop.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *scan_task, *log_task;
static int slots[16];
static unsigned int found, logged;

static int scanner(void *data)
{
	unsigned int i, pass = 0;

	while (!kthread_should_stop()) {
		for (i = 0; i < ARRAY_SIZE(slots); i++) {
			if (slots[i] == 0)
				break;
		}
		switch (pass++ % 3) {
		case 0:
			slots[i % ARRAY_SIZE(slots)] = 1;
			break;
		case 1:
			found++;
			break;
		default:
			break;
		}
		msleep(15);
	}
	return 0;
}

static int logger(void *data)
{
	for (;;) {
		if (kthread_should_stop()) {
			pr_info("logger: %u entries\n", logged);
			return 0;
		}
		logged++;
		msleep(40);
	}
}

static int __init neg_stop_only_init(void)
{
	scan_task = kthread_run(scanner, NULL, "scanner");
	if (IS_ERR(scan_task))
		return PTR_ERR(scan_task);
	log_task = kthread_run(logger, NULL, "logger");
	if (IS_ERR(log_task)) {
		kthread_stop(scan_task);
		return PTR_ERR(log_task);
	}
	return 0;
}

static void __exit neg_stop_only_exit(void)
{
	kthread_stop(log_task);
	kthread_stop(scan_task);
}

module_init(neg_stop_only_init);
module_exit(neg_stop_only_exit);
MODULE_LICENSE("GPL");
