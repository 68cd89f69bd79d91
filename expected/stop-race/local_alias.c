// SPDX-License-Identifier: GPL-2.0
/*
 * The task pointer goes through a local: probe starts the thread into "t",
 * checks it, then publishes it in the device structure, from where remove
 * stops it. The thread returns as soon as it finds the device disabled,
 * before kthread_stop(). The device starts enabled, so in practice the
 * thread stays in its loop; the return gets a park in front of it.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>

struct blinker {
	struct task_struct *worker;
	bool enabled;
	unsigned int toggles;
};

static struct blinker *led;

static int blink_fn(void *data)
{
	struct blinker *b = data;

	while (!kthread_should_stop()) {
		if (!READ_ONCE(b->enabled)) {
			/* Wait for kthread_stop(): it needs this task */
			set_current_state(TASK_INTERRUPTIBLE);
			while (!kthread_should_stop()) {
				schedule();
				set_current_state(TASK_INTERRUPTIBLE);
			}
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		b->toggles++;
		msleep(25);
	}
	return 0;
}

static int blinker_probe(struct blinker *b)
{
	struct task_struct *t;

	b->enabled = true;
	t = kthread_run(blink_fn, b, "blink_fn");
	if (IS_ERR(t))
		return PTR_ERR(t);
	b->worker = t;
	return 0;
}

static void blinker_remove(struct blinker *b)
{
	kthread_stop(b->worker);
}

static int __init local_alias_init(void)
{
	int ret;

	led = kzalloc(sizeof(*led), GFP_KERNEL);
	if (!led)
		return -ENOMEM;
	ret = blinker_probe(led);
	if (ret)
		kfree(led);
	return ret;
}

static void __exit local_alias_exit(void)
{
	blinker_remove(led);
	kfree(led);
}

module_init(local_alias_init);
module_exit(local_alias_exit);
MODULE_LICENSE("GPL");
