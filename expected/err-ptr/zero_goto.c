// SPDX-License-Identifier: GPL-2.0
/*
 * "if (task == 0)" whose failure branch sets the return value first and
 * then jumps to the unwinding code: the test becomes IS_ERR() and the
 * value PTR_ERR().
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

static struct task_struct *pager_task;
static char *page_buf;

static int pager(void *data)
{
	char *buf = data;
	unsigned int n = 0;

	while (!kthread_should_stop()) {
		buf[n++ % PAGE_SIZE] = 'x';
		msleep(50);
	}
	return 0;
}

static int __init zero_goto_init(void)
{
	int ret;

	page_buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page_buf)
		return -ENOMEM;
	pager_task = kthread_run(pager, page_buf, "pager");
	if (IS_ERR(pager_task)) {
		ret = PTR_ERR(pager_task);
		goto err_free;
	}
	return 0;

err_free:
	kfree(page_buf);
	return ret;
}

static void __exit zero_goto_exit(void)
{
	kthread_stop(pager_task);
	kfree(page_buf);
}

module_init(zero_goto_init);
module_exit(zero_goto_exit);
MODULE_LICENSE("GPL");
