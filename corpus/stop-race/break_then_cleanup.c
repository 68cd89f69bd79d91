// SPDX-License-Identifier: GPL-2.0
/*
 * A read error breaks out of the kthread_should_stop() loop; the thread
 * frees its buffer and returns the error, before anyone asked it to stop.
 * The simulated device fails after a few reads, so the thread really takes
 * that path soon after insmod: the cleanup still runs, then the thread
 * waits for kthread_stop() and returns the same error code.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct sampler_dev {
	struct task_struct *thread;
	unsigned int reads;
	u8 *buf;
};

static struct sampler_dev *sdev;

static int read_sample(struct sampler_dev *dev)
{
	if (++dev->reads > 5)
		return -EIO;
	dev->buf[dev->reads % 32] = dev->reads;
	return 0;
}

static int sampler(void *data)
{
	struct sampler_dev *dev = data;
	int ret = 0;

	dev->buf = kzalloc(32, GFP_KERNEL);
	if (!dev->buf)
		return -ENOMEM;
	while (!kthread_should_stop()) {
		ret = read_sample(dev);
		if (ret) {
			pr_warn("sampler: read failed: %d\n", ret);
			break;
		}
		msleep(10);
	}
	kfree(dev->buf);
	dev->buf = NULL;
	return ret;
}

static int __init break_then_cleanup_init(void)
{
	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return -ENOMEM;
	sdev->thread = kthread_run(sampler, sdev, "sampler");
	if (IS_ERR(sdev->thread)) {
		int err = PTR_ERR(sdev->thread);

		kfree(sdev);
		return err;
	}
	return 0;
}

static void __exit break_then_cleanup_exit(void)
{
	int ret = kthread_stop(sdev->thread);

	pr_info("break_then_cleanup: thread returned %d after %u reads\n",
		ret, sdev->reads);
	kfree(sdev);
}

module_init(break_then_cleanup_init);
module_exit(break_then_cleanup_exit);
MODULE_LICENSE("GPL");
