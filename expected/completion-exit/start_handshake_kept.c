// SPDX-License-Identifier: GPL-2.0
/*
 * The rtl8723bs command thread: one completion serves as the start
 * handshake (signalled before the loop, waited for right after
 * kthread_run()) and as the exit handshake. The thread sleeps in
 * wait_for_completion_interruptible() on its command completion, which the
 * stop path completes after raising stop_req; the thread reaches both
 * through a local alias of the adapter's cmd_priv. The start handshake
 * stays, so does the completion; the stop flag and the kick stay too
 * (kthread_stop()'s wake-up alone would not end that sleep), and the
 * thread waits to be stopped once it has left its loop.
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>

struct cmd_priv {
	struct completion cmd_queue_comp;
	struct completion terminate_cmdthread_comp;
	u8 stop_req;
	unsigned int cmd_issued_cnt;
};

struct adapter {
	struct task_struct *cmdThread;
	struct cmd_priv cmdpriv;
};

static struct adapter adapter;

static int rtw_cmd_thread(void *context)
{
	struct adapter *padapter = context;
	struct cmd_priv *pcmdpriv = &padapter->cmdpriv;

	complete(&pcmdpriv->terminate_cmdthread_comp);
	while (1) {
		if (wait_for_completion_interruptible(&pcmdpriv->cmd_queue_comp))
			break;
		if (pcmdpriv->stop_req)
			break;
		pcmdpriv->cmd_issued_cnt++;
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

static int __init start_handshake_kept_init(void)
{
	init_completion(&adapter.cmdpriv.cmd_queue_comp);
	init_completion(&adapter.cmdpriv.terminate_cmdthread_comp);
	adapter.cmdThread = kthread_run(rtw_cmd_thread, &adapter,
					"RTW_CMD_THREAD");
	if (IS_ERR(adapter.cmdThread))
		return PTR_ERR(adapter.cmdThread);
	wait_for_completion(&adapter.cmdpriv.terminate_cmdthread_comp);
	return 0;
}

static void __exit start_handshake_kept_exit(void)
{
	adapter.cmdpriv.stop_req = 1;
	complete(&adapter.cmdpriv.cmd_queue_comp);
	kthread_stop(adapter.cmdThread);
	pr_info("start_handshake_kept: %u commands\n",
		adapter.cmdpriv.cmd_issued_cnt);
}

module_init(start_handshake_kept_init);
module_exit(start_handshake_kept_exit);
MODULE_LICENSE("GPL");
