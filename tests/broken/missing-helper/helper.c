// SPDX-License-Identifier: GPL-2.0
#include <linux/kthread.h>
#include "helper.h"

bool kt_helper_must_stop(void)
{
	return kthread_should_stop();
}
