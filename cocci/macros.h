/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Macro hints for spatch.  The rules run with --no-includes, so spatch
 * never sees the kernel's definitions; without these hints it cannot parse
 * the functions that use the macros below and reports them as parse
 * errors.  kthreadify gives every spatch run this file appended to
 * spatch's own standard.h, as --macro-file-builtins: there a later
 * definition replaces an earlier one (DEFINE_PER_CPU below), which a
 * --macro-file cannot do.
 *
 * Each hint is only as much of the kernel's definition as the parser
 * needs: what kind of C the macro stands for (a loop head, a type, an
 * attribute, initialiser members).  The rules read the code itself for
 * their facts, so a hint never adds code they could mistake for the
 * driver's.  To use the hints from make coccicheck:
 *   cat /usr/lib/coccinelle/standard.h macros.h >/tmp/builtins.h
 *   make coccicheck SPFLAGS="--macro-file-builtins /tmp/builtins.h"
 */

/*
 * Statement heads followed by a body, like for_each loops
 * (include/linux/cleanup.h, i915, kvm_host.h).  The rules treat
 * scoped_guard() as the lock it takes.
 */
#define scoped_guard(_name, args...) YACFE_ITERATOR
#define with_intel_runtime_pm(rpm, wf) YACFE_ITERATOR
#define intel_wedge_on_timeout(W, GT, TIMEOUT) YACFE_ITERATOR
#define kvm_for_each_vcpu(idx, vcpup, kvm) YACFE_ITERATOR

/* Types (drivers/md/bcache, include/linux/kfifo.h). */
#define BKEY_PADDED(key) union { struct bkey key; }
#define DECLARE_FIFO(type, name) struct { size_t front, back, size, mask; type *data; } name
#define STRUCT_KFIFO_REC_1(size) struct kfifo

/* Attributes (include/linux/compiler_attributes.h, compiler_types.h). */
#define __nonstring
#define __latent_entropy
#define __scanf(a, b)

/* Initialiser members of struct dev_pm_ops (include/linux/pm.h). */
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend = suspend_fn, .resume = resume_fn,
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) .runtime_suspend = suspend_fn, .runtime_resume = resume_fn, .runtime_idle = idle_fn,

/*
 * spatch 1.1.1 cannot parse its own definition after "static" (most uses
 * are "static DEFINE_PER_CPU(...);").
 */
#define DEFINE_PER_CPU(type, name) __typeof__(type) name

/* A function definition without a semicolon (include/linux/pgtable.h). */
#define DECLARE_VM_GET_PAGE_PROT extern pgprot_t vm_get_page_prot(unsigned long vm_flags);
