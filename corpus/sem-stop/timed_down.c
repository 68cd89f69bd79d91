// SPDX-License-Identifier: GPL-2.0
/*
 * The wake-up semaphore is waited for with down_timeout(), which ends by
 * itself after 100 ms: the thread can poll kthread_should_stop(), and the
 * up() stays before kthread_stop() to make the stop immediate. The stop
 * flag is a bit in the device's flags word, which the thread reaches
 * through its argument; the new task pointer goes next to the semaphores.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/bitops.h>

#define LED_STOP 0

struct led_dev {
	unsigned long flags;
	struct semaphore blink_sema;
	struct semaphore term_sema;
	unsigned int blinks;
};

static struct led_dev led;

static int blink_thread(void *data)
{
	struct led_dev *dev = data;

	while (!test_bit(LED_STOP, &dev->flags)) {
		if (down_timeout(&dev->blink_sema, HZ / 10))
			continue;
		dev->blinks++;
	}
	up(&dev->term_sema);
	return 0;
}

static int __init timed_down_init(void)
{
	sema_init(&led.blink_sema, 0);
	sema_init(&led.term_sema, 0);
	kthread_run(blink_thread, &led, "blink_thread");
	return 0;
}

static void __exit timed_down_exit(void)
{
	set_bit(LED_STOP, &led.flags);
	up(&led.blink_sema);
	down(&led.term_sema);
	pr_info("timed_down: %u blinks\n", led.blinks);
}

module_init(timed_down_init);
module_exit(timed_down_exit);
MODULE_LICENSE("GPL");
