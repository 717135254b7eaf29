/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Patching a system call, for x86_64 (Linux 6.1).  In the patched source,
 * replace the definition's macro and keep its body:
 *
 *	#include "kpatch-syscall.h"
 *
 *	-SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf,
 *	-		size_t, count)
 *	+KPATCH_SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf,
 *	+		       size_t, count)
 *	 {
 *		...
 *
 * Why: SYSCALL_DEFINEn() puts the body into a static inline __do_sys_NAME()
 * that the compiler folds into the entry points __x64_sys_NAME() (and
 * __ia32_sys_NAME() with CONFIG_IA32_EMULATION), which take a struct
 * pt_regs.  Those entry points have an ftrace call and can be replaced;
 * the body alone can't, as it has no symbol or, out of line, no ftrace
 * call (kernel inline implies notrace).  KPATCH_SYSCALL_DEFINEn() defines
 * the same entry points, with the same names and argument decoding, and
 * gives the body a function of its own that is never inlined,
 * __kpatch_do_sys_NAME().  create-diff-object then sees the entry points
 * changed and that function new.
 *
 * It leaves out what SYSCALL_DEFINEn() adds beside the code: the
 * syscall-tracing metadata of CONFIG_FTRACE_SYSCALLS (static data that a
 * patch can't add), and the sys_NAME() alias of architectures without
 * pt_regs entry points.  The entry points stay in the error-injection
 * list, as the kernel's are.  Don't use it in a file that is not part of
 * a patch: a kernel built with it lacks the tracing metadata.
 */
#ifndef _KPATCH_SYSCALL_H_
#define _KPATCH_SYSCALL_H_

#include <linux/syscalls.h>

#ifndef CONFIG_X86_64
#error "kpatch-syscall.h supports x86_64 only"
#endif

/* One pt_regs entry point, long __ABI_sysNAME(const struct pt_regs *). */
#define __KPATCH_SYS_ENTRY(abi, name, call)				\
	long __##abi##_sys##name(const struct pt_regs *regs);		\
	ALLOW_ERROR_INJECTION(__##abi##_sys##name, ERRNO);		\
	long __##abi##_sys##name(const struct pt_regs *regs)		\
	{								\
		return call;						\
	}

#ifdef CONFIG_IA32_EMULATION
#define __KPATCH_IA32_ENTRY(name, call) __KPATCH_SYS_ENTRY(ia32, name, call)
#else
#define __KPATCH_IA32_ENTRY(name, call)
#endif

/*
 * __kpatch_se_sysNAME() sign-extends the arguments from the registers'
 * longs to their declared types, as the kernel's __se_sysNAME() does, and
 * checks at build time that no argument is wider than a long.
 */
#define KPATCH_SYSCALL_DEFINEx(x, name, ...)				\
	static noinline long						\
	__kpatch_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__));	\
	static long __kpatch_se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__)) \
	{								\
		long ret = __kpatch_do_sys##name(__MAP(x, __SC_CAST,	\
						       __VA_ARGS__));	\
		__MAP(x, __SC_TEST, __VA_ARGS__);			\
		return ret;						\
	}								\
	__KPATCH_SYS_ENTRY(x64, name, __kpatch_se_sys##name(		\
		SC_X86_64_REGS_TO_ARGS(x, __VA_ARGS__)))		\
	__KPATCH_IA32_ENTRY(name, __kpatch_se_sys##name(		\
		SC_IA32_REGS_TO_ARGS(x, __VA_ARGS__)))			\
	static noinline long						\
	__kpatch_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

/* No arguments: the entry points ignore the registers. */
#define KPATCH_SYSCALL_DEFINE0(sname)					\
	static noinline long __kpatch_do_sys_##sname(void);		\
	__KPATCH_SYS_ENTRY(x64, _##sname, __kpatch_do_sys_##sname())	\
	__KPATCH_IA32_ENTRY(_##sname, __kpatch_do_sys_##sname())	\
	static noinline long __kpatch_do_sys_##sname(void)

#define KPATCH_SYSCALL_DEFINE1(name, ...) \
	KPATCH_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE2(name, ...) \
	KPATCH_SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE3(name, ...) \
	KPATCH_SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE4(name, ...) \
	KPATCH_SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE5(name, ...) \
	KPATCH_SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE6(name, ...) \
	KPATCH_SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#endif /* _KPATCH_SYSCALL_H_ */
