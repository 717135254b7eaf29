// SPDX-License-Identifier: GPL-2.0
/*
 * Compiled against the kernel tree that a patch is built for, never run:
 * each array below is as large as one entry of a special section, and
 * kpatch-build reads the sizes back with nm.  This takes the sizes from
 * the tree's own headers, so no DWARF (CONFIG_DEBUG_INFO) is needed.
 */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/bug.h>
#include <linux/jump_label.h>
#include <linux/static_call_types.h>
#include <linux/printk.h>
#include <asm/alternative.h>
#include <asm/extable.h>
#include <asm/orc_types.h>
#include <asm/paravirt_types.h>

#define KPATCH_PROBE(name, type) char kpatch_probe_##name[sizeof(type)]

#ifdef CONFIG_GENERIC_BUG
KPATCH_PROBE(BUG_STRUCT_SIZE, struct bug_entry);
#endif
KPATCH_PROBE(ALT_STRUCT_SIZE, struct alt_instr);
KPATCH_PROBE(EX_STRUCT_SIZE, struct exception_table_entry);
#ifdef CONFIG_JUMP_LABEL
KPATCH_PROBE(JUMP_STRUCT_SIZE, struct jump_entry);
#endif
#ifdef CONFIG_UNWINDER_ORC
KPATCH_PROBE(ORC_STRUCT_SIZE, struct orc_entry);
#endif
/* 6.8 turned paravirt patch sites into alternatives: no .parainstructions. */
#if defined(CONFIG_PARAVIRT) && LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
KPATCH_PROBE(PARA_STRUCT_SIZE, struct paravirt_patch_site);
#endif
#ifdef CONFIG_HAVE_STATIC_CALL_INLINE
KPATCH_PROBE(STATIC_CALL_STRUCT_SIZE, struct static_call_site);
#endif
#ifdef CONFIG_PRINTK_INDEX
/* .printk_index holds pointers to the entries, not the entries. */
KPATCH_PROBE(PRINTK_INDEX_STRUCT_SIZE, struct pi_entry *);
#endif

MODULE_LICENSE("GPL");
