/*
 * The digest of a replaced function: over its original bytes, with every
 * byte the running kernel may change read as zero.  The function is
 * written in assembly so that each offset is known:
 *   0x00 call __fentry__           5  relocation, and ftrace's nop: whole
 *   0x05 lock incl (%rdi)          3  .smp_locks: the prefix (UP: ds)
 *   0x08 nop5                      5  __jump_table: a jmp or a nop
 *   0x0d call __SCT__sc            5  .static_call_sites: call, nop or ret
 *   0x12 cs call thunk_rax         6  .retpoline_sites: whole instruction
 *   0x18 nop3                      3  .altinstructions: instrlen bytes
 *   0x1b call *pv_op(%rip)         6  .parainstructions: len bytes
 *   0x21 mov $0x1234,%eax          5  kept: the patch changes it
 *   0x26 jmp __x86_return_thunk    5  .return_sites: becomes ret; int3
 *   0x2b int3                      1  kept
 * A site whose table is not read leaves its opcode (or, without a
 * relocation, all of it) in the digest, and one of these lines fails.
 * The digest, FNV-1a 64 over 44 bytes of which only ff 07 at 6,
 * b8 34 12 00 00 at 0x21 and cc at 0x2b are not masked, is
 * 0x065265748b278bd1 (doc/metadata-format.md shows how to compute it).
 */
// EXPECT-FUNCS: sites
// EXPECT-LINE: digest sites 44 0x065265748b278bd1 flags 0
// EXPECT-LINE: mask sites 0x0+5
// EXPECT-LINE: mask sites 0x5+1
// EXPECT-LINE: mask sites 0x8+5
// EXPECT-LINE: mask sites 0xd+5
// EXPECT-LINE: mask sites 0x12+6
// EXPECT-LINE: mask sites 0x18+3
// EXPECT-LINE: mask sites 0x1b+6
// EXPECT-LINE: mask sites 0x26+5
// EXPORTS: jkey pv_op __SCT__sc __SCK__sc __x86_indirect_thunk_rax __x86_return_thunk
#ifdef PATCHED
#define VALUE "0x4321"
#else
#define VALUE "0x1234"
#endif
asm(".pushsection .text.sites,\"ax\",@progbits\n"
    ".globl sites\n.type sites, @function\nsites:\n"
    "call __fentry__\n"
    "0: lock incl (%rdi)\n"
    ".pushsection .smp_locks,\"a\"\n.long 0b - .\n.popsection\n"
    "1: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n"
    ".pushsection __jump_table,\"aw\"\n.long 1b - ., 2f - .\n"
    ".quad jkey - .\n.popsection\n"
    "2: call __SCT__sc\n"
    ".pushsection .static_call_sites,\"a\"\n.long 2b - ., __SCK__sc - .\n"
    ".popsection\n"
    "3: .byte 0x2e\ncall __x86_indirect_thunk_rax\n"
    ".pushsection .retpoline_sites,\"a\"\n.long 3b - .\n.popsection\n"
    "4: .byte 0x0f, 0x1f, 0x00\n5:\n"
    ".pushsection .altinstructions,\"a\"\n.long 4b - ., 6f - .\n"
    ".word 5\n.byte 5b - 4b, 7f - 6f\n.popsection\n"
    ".pushsection .altinstr_replacement,\"ax\"\n6: lfence\n7:\n.popsection\n"
    "8: call *pv_op(%rip)\n9:\n"
    ".pushsection .parainstructions,\"a\"\n.quad 8b\n.byte 1, 9b - 8b\n"
    ".skip 6\n.popsection\n"
    "mov $" VALUE ", %eax\n"
    "10: jmp __x86_return_thunk\n"
    ".pushsection .return_sites,\"a\"\n.long 10b - .\n.popsection\n"
    "int3\n"
    ".size sites, . - sites\n.popsection\n");
int other(int x) { return x + 1; }
