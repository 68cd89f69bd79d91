// SPDX-License-Identifier: GPL-2.0
/*
 * The Realtek command thread: the adapter is allocated at probe, the
 * command thread sleeps in down_interruptible() on cmd_queue_sema and
 * leaves its loop when bDriverStopped is set; it ups
 * terminate_cmdthread_sema as it ends. The stop path raises bDriverStopped,
 * ups the queue semaphore and downs the terminate semaphore. The thread
 * reaches cmd_priv through a local alias; the task pointer is kept and
 * checked.
 *
 * kthread_stop()'s wake-up does not end a down_interruptible(), and a
 * thread testing kthread_should_stop() after the up() could test it before
 * kthread_stop() sets it and sleep again for good. So bDriverStopped and
 * the up() stay, only the terminate semaphore goes, and the thread waits
 * for kthread_stop() once it has left its loop (hazard 1).
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>
#include <linux/slab.h>

struct cmd_priv {
	struct semaphore cmd_queue_sema;
	struct semaphore terminate_cmdthread_sema;
	unsigned int cmd_seq;
};

struct adapter {
	bool bDriverStopped;
	struct task_struct *cmdThread;
	struct cmd_priv cmdpriv;
};

static struct adapter *padapter;

static int rtw_cmd_thread(void *context)
{
	struct adapter *adapter = context;
	struct cmd_priv *pcmdpriv = &adapter->cmdpriv;

	while (1) {
		if (down_interruptible(&pcmdpriv->cmd_queue_sema))
			break;
		if (adapter->bDriverStopped)
			break;
		pcmdpriv->cmd_seq++;
	}
	up(&pcmdpriv->terminate_cmdthread_sema);
	return 0;
}

static int __init realtek_cmd_thread_init(void)
{
	padapter = kzalloc(sizeof(*padapter), GFP_KERNEL);
	if (!padapter)
		return -ENOMEM;
	sema_init(&padapter->cmdpriv.cmd_queue_sema, 0);
	sema_init(&padapter->cmdpriv.terminate_cmdthread_sema, 0);
	padapter->cmdThread = kthread_run(rtw_cmd_thread, padapter,
					  "RTW_CMD_THREAD");
	if (IS_ERR(padapter->cmdThread)) {
		kfree(padapter);
		return -ENOMEM;
	}
	return 0;
}

static void __exit realtek_cmd_thread_exit(void)
{
	padapter->bDriverStopped = true;
	up(&padapter->cmdpriv.cmd_queue_sema);
	down(&padapter->cmdpriv.terminate_cmdthread_sema);
	pr_info("realtek_cmd_thread: %u commands\n", padapter->cmdpriv.cmd_seq);
	kfree(padapter);
}

module_init(realtek_cmd_thread_init);
module_exit(realtek_cmd_thread_exit);
MODULE_LICENSE("GPL");
