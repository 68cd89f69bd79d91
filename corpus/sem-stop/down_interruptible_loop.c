// SPDX-License-Identifier: GPL-2.0
/*
 * The thread's loop is its down_interruptible() on the wake-up semaphore:
 * it runs while the down succeeds and leaves on an atomic_t stop request.
 * The stop path sets it, ups the wake-up semaphore and downs the
 * terminate semaphore. The sleep is one kthread_stop() cannot end, so the
 * flag and the up() stay and the thread waits to be stopped after its
 * loop; the terminate semaphore goes and the task pointer takes its place.
 * A timer feeds the thread work every 20 ms.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/atomic.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct semaphore rx_wake;
static struct semaphore rx_terminate;
static atomic_t rx_stop = ATOMIC_INIT(0);
static struct timer_list rx_timer;
static unsigned int rx_packets;

static void rx_tick(struct timer_list *t)
{
	up(&rx_wake);
	mod_timer(&rx_timer, jiffies + msecs_to_jiffies(20));
}

static int rx_thread(void *data)
{
	while (!down_interruptible(&rx_wake)) {
		if (atomic_read(&rx_stop))
			break;
		rx_packets++;
	}
	up(&rx_terminate);
	return 0;
}

static int __init down_interruptible_loop_init(void)
{
	sema_init(&rx_wake, 0);
	sema_init(&rx_terminate, 0);
	timer_setup(&rx_timer, rx_tick, 0);
	kthread_run(rx_thread, NULL, "rx_thread");
	mod_timer(&rx_timer, jiffies + msecs_to_jiffies(20));
	return 0;
}

static void __exit down_interruptible_loop_exit(void)
{
	del_timer_sync(&rx_timer);
	atomic_set(&rx_stop, 1);
	up(&rx_wake);
	down(&rx_terminate);
	pr_info("down_interruptible_loop: %u packets\n", rx_packets);
}

module_init(down_interruptible_loop_init);
module_exit(down_interruptible_loop_exit);
MODULE_LICENSE("GPL");
