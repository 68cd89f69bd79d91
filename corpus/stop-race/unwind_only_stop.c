// SPDX-License-Identifier: GPL-2.0
/*
 * Report only. Helper threads that each checksum a slice and return on
 * their own; nothing stops them normally, the exit path waits for a
 * counter to drop to zero. Only the init unwind path, when a later thread
 * fails to start, calls kthread_stop() on the ones already started, and
 * those may have finished already. Parking them is no fix: on the normal
 * path nobody would ever stop them. The unwind path is not taken in
 * practice, and the threads are gone soon after insmod.
 * kthreadify-test: no-thread
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/atomic.h>

#define NR_SLICES 3

static struct task_struct *slice_task[NR_SLICES];
static u32 sums[NR_SLICES];
static atomic_t running = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(all_done);

static int slice_fn(void *data)
{
	long n = (long)data;
	u32 i;

	for (i = 0; i < 4096; i++)
		sums[n] += i ^ (u32)n;
	if (atomic_dec_and_test(&running))
		wake_up(&all_done);
	return 0;
}

static int __init unwind_only_stop_init(void)
{
	long i;

	for (i = 0; i < NR_SLICES; i++) {
		atomic_inc(&running);
		slice_task[i] = kthread_run(slice_fn, (void *)i, "slice_fn/%ld", i);
		if (IS_ERR(slice_task[i])) {
			int err = PTR_ERR(slice_task[i]);

			atomic_dec(&running);
			while (--i >= 0)
				kthread_stop(slice_task[i]);
			return err;
		}
	}
	return 0;
}

static void __exit unwind_only_stop_exit(void)
{
	wait_event(all_done, atomic_read(&running) == 0);
	pr_info("unwind_only_stop: %u %u %u\n", sums[0], sums[1], sums[2]);
}

module_init(unwind_only_stop_init);
module_exit(unwind_only_stop_exit);
MODULE_LICENSE("GPL");
