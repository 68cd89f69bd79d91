// SPDX-License-Identifier: GPL-2.0
/*
 * The Broadcom bcmdhd DPC thread: a semaphore is its wake-up channel, it
 * sleeps in down_interruptible() and then tests a "terminated" member;
 * PROC_STOP raises that flag, orders it with smp_wmb(), ups the semaphore
 * and waits for the completion the thread signals as it exits.
 * kthread_stop()'s wake-up does not end a down_interruptible(), and a
 * thread testing kthread_should_stop() after the up() could test it
 * before kthread_stop() sets it and sleep again for good. So the flag and
 * the up() stay, kthread_stop() only replaces the wait, and the thread,
 * which now leaves its loop before it is stopped, waits for
 * kthread_stop() before returning (hazard 1).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/semaphore.h>

struct tsk_ctl {
	struct semaphore sema;
	struct task_struct *dpc_thread_task;
	bool terminated;
	unsigned int runs;
};

static struct tsk_ctl dpc;

static int dpc_thread(void *data)
{
	struct tsk_ctl *tsk = data;

	while (1) {
		if (down_interruptible(&tsk->sema) == 0) {
			if (tsk->terminated)
				break;
			tsk->runs++;
		} else {
			break;
		}
	}
	/* Wait for kthread_stop(): it must not find this task gone. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int __init sema_wakeup_keep_init(void)
{
	sema_init(&dpc.sema, 0);
	dpc.dpc_thread_task = kthread_run(dpc_thread, &dpc, "dhd_dpc");
	if (IS_ERR(dpc.dpc_thread_task))
		return PTR_ERR(dpc.dpc_thread_task);
	return 0;
}

static void __exit sema_wakeup_keep_exit(void)
{
	dpc.terminated = true;
	smp_wmb();
	up(&dpc.sema);
	kthread_stop(dpc.dpc_thread_task);
	pr_info("sema_wakeup_keep: %u runs\n", dpc.runs);
}

module_init(sema_wakeup_keep_init);
module_exit(sema_wakeup_keep_exit);
MODULE_LICENSE("GPL");
