// SPDX-License-Identifier: GPL-2.0
/*
 * Two threads of one driver: the rx thread sets its state before it tests
 * kthread_should_stop() (right), the tx thread tests first and sleeps
 * after (wrong). Only the tx thread is reported. Both are woken by a
 * timer standing in for the interrupt handler.
 * kthreadify-test: threads=2
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

struct port {
	struct task_struct *rx, *tx;
	struct timer_list irq;
	unsigned int rx_count, tx_count;
};

static struct port port;

static void port_irq(struct timer_list *t)
{
	struct port *p = from_timer(p, t, irq);

	wake_up_process(p->rx);
	wake_up_process(p->tx);
	mod_timer(&p->irq, jiffies + msecs_to_jiffies(20));
}

static int rx_thread(void *data)
{
	struct port *p = data;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
		p->rx_count++;
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int tx_thread(void *data)
{
	struct port *p = data;

	while (!kthread_should_stop()) {
		p->tx_count++;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return 0;
}

static int __init two_threads_init(void)
{
	port.rx = kthread_run(rx_thread, &port, "rx_thread");
	if (IS_ERR(port.rx))
		return PTR_ERR(port.rx);
	port.tx = kthread_run(tx_thread, &port, "tx_thread");
	if (IS_ERR(port.tx)) {
		kthread_stop(port.rx);
		return PTR_ERR(port.tx);
	}
	timer_setup(&port.irq, port_irq, 0);
	mod_timer(&port.irq, jiffies + msecs_to_jiffies(20));
	return 0;
}

static void __exit two_threads_exit(void)
{
	del_timer_sync(&port.irq);
	kthread_stop(port.tx);
	kthread_stop(port.rx);
	pr_info("two_threads: rx %u tx %u\n", port.rx_count, port.tx_count);
}

module_init(two_threads_init);
module_exit(two_threads_exit);
MODULE_LICENSE("GPL");
