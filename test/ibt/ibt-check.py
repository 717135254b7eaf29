#!/usr/bin/env python3
"""Check statically that kpatch.ko reaches no sealed kernel function
through a pointer.

Usage: ibt-check.py VMLINUX KPATCH_KO [VMLINUX...]

On a CONFIG_X86_KERNEL_IBT kernel, objtool lists in .ibt_endbr_seal the
ENDBR64 of every function whose address the kernel never takes, and the
kernel poisons those at boot: an indirect call to one of them faults.
kpatch.ko names in its section .kp_reach each kernel symbol it looks up
and how it reaches it ("static_call NAME", "data NAME", "pointer NAME").
This fails when:
  - a "pointer" function is sealed in the first VMLINUX;
  - a "data" symbol is a function in it (a function passed off as data);
  - a static call of kpatch.ko (__SCK__kp_sc_NAME) has no "static_call"
    line, or a line has no static call;
  - a function of kpatch.ko whose address it stores (a callback it hands
    to the kernel) is in kpatch.ko's own .ibt_endbr_seal.
Further VMLINUX files (Debian's debug vmlinux) only add a report of which
helpers they seal.  Prints one line per finding; exits 1 on any failure.
"""
import struct
import sys

SHT_SYMTAB, SHT_RELA = 2, 4
STT_OBJECT, STT_FUNC = 1, 2
R_X86_64_64, R_X86_64_PC32, R_X86_64_32S = 1, 2, 11
SHF_EXECINSTR = 4


class Elf:
    """The little of a 64-bit little-endian ELF file that the check needs."""

    def __init__(self, path):
        self.path = path
        with open(path, 'rb') as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b'\x7fELF' or d[4] != 2 or d[5] != 1:
            raise SystemExit(f'ibt-check: {path}: not a 64-bit little-endian ELF file')
        self.type = struct.unpack_from('<H', d, 16)[0]
        shoff, = struct.unpack_from('<Q', d, 40)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', d, 58)
        self.sections = []
        for i in range(shnum):
            (name, stype, flags, addr, off, size, link, info, _align,
             entsize) = struct.unpack_from('<IIQQQQIIQQ', d, shoff + i * shentsize)
            self.sections.append(dict(name=name, type=stype, flags=flags, addr=addr,
                                      off=off, size=size, link=link, info=info,
                                      entsize=entsize))
        strtab = self.sections[shstrndx]
        for s in self.sections:
            s['name'] = self.cstr(strtab['off'] + s['name'])
        self.symbols = self.read_symbols()

    def cstr(self, off):
        return self.data[off:self.data.index(b'\0', off)].decode()

    def section(self, name):
        for s in self.sections:
            if s['name'] == name:
                return s
        return None

    def contents(self, s):
        return self.data[s['off']:s['off'] + s['size']]

    def read_symbols(self):
        syms = []
        tab = next((s for s in self.sections if s['type'] == SHT_SYMTAB), None)
        if tab is None:
            raise SystemExit(f'ibt-check: {self.path}: no symbol table (stripped?)')
        strs = self.sections[tab['link']]['off']
        for off in range(tab['off'], tab['off'] + tab['size'], 24):
            name, info, _other, shndx, value, size = struct.unpack_from('<IBBHQQ', self.data, off)
            syms.append(dict(name=self.cstr(strs + name), type=info & 0xf,
                             shndx=shndx, value=value, size=size))
        return syms

    def relas(self, target):
        """(offset, symbol, addend, type) of each relocation applied to target."""
        idx = self.sections.index(target)
        out = []
        for s in self.sections:
            if s['type'] != SHT_RELA or s['info'] != idx:
                continue
            for off in range(s['off'], s['off'] + s['size'], 24):
                r_off, r_info, addend = struct.unpack_from('<QQq', self.data, off)
                out.append((r_off, self.symbols[r_info >> 32], addend, r_info & 0xffffffff))
        return out

    def func_at(self, addr, shndx=None):
        """The function symbol that starts at addr (in section shndx)."""
        for s in self.symbols:
            if s['type'] == STT_FUNC and s['value'] == addr and \
                    (shndx is None or s['shndx'] == shndx):
                return s['name']
        return None


def vmlinux_sealed(vm):
    """Names of the functions whose ENDBR a linked vmlinux seals."""
    sec = vm.section('.ibt_endbr_seal')
    if sec is None:
        return None
    funcs = {s['value']: s['name'] for s in vm.symbols if s['type'] == STT_FUNC}
    sealed = set()
    data = vm.contents(sec)
    for i in range(0, len(data), 4):
        rel, = struct.unpack_from('<i', data, i)
        target = sec['addr'] + i + rel
        if target in funcs:
            sealed.add(funcs[target])
    return sealed


def module_sealed_callbacks(ko):
    """Functions of kpatch.ko that it seals although it stores their address."""
    text = {i for i, s in enumerate(ko.sections) if s['flags'] & SHF_EXECINSTR}
    seal = ko.section('.ibt_endbr_seal')
    if seal is None:
        return set(), set()

    def func(sym, addend):
        if sym['shndx'] not in text:
            return None
        if sym['type'] == STT_FUNC:
            return sym['name'] if addend == 0 else None
        return ko.func_at(sym['value'] + addend, sym['shndx'])

    sealed = {f for _o, sym, add, _t in ko.relas(seal) if (f := func(sym, add))}
    stored = set()
    # Addresses in data: ops tables, notifier blocks, sysfs attributes,
    # the module's init and exit; and addresses taken in code.  The kernel's special sections (bug
    # table, jump table, mcount locations...) point into code, not at
    # callbacks.
    data = ('.data', '.rodata', '.init.data', '.ref.data', '.exit.data', '__param',
            '.gnu.linkonce.this_module', '.init_array')
    for s in ko.sections:
        if s['flags'] & SHF_EXECINSTR:
            # Code that takes an address (lea f(%rip), mov $f): the
            # stop_machine() and tracepoint callbacks.  A call or jump is
            # R_X86_64_PLT32 and doesn't count.
            for _o, sym, add, rtype in ko.relas(s):
                if rtype == R_X86_64_PC32:
                    f = func(sym, add + 4)
                elif rtype in (R_X86_64_32S, R_X86_64_64):
                    f = func(sym, add)
                else:
                    continue
                if f:
                    stored.add(f)
        elif s['name'].startswith(data):
            for _o, sym, add, _t in ko.relas(s):
                f = func(sym, add)
                if f:
                    stored.add(f)
    return sealed & stored, stored


def main(argv):
    if len(argv) < 3:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    vm, ko = Elf(argv[1]), Elf(argv[2])
    sealed = vmlinux_sealed(vm)
    if sealed is None:
        print(f'FAIL: ibt/vmlinux ({vm.path} has no .ibt_endbr_seal: not an IBT kernel)')
        return 1
    reach = ko.section('.kp_reach')
    if reach is None:
        print(f'FAIL: ibt/reach-table ({ko.path} has no .kp_reach section: see kmod/core/ksyms.c)')
        return 1
    lines = [x.decode().split() for x in ko.contents(reach).split(b'\0') if x]
    kinds = {s['name']: s['type'] for s in vm.symbols if s['type'] in (STT_FUNC, STT_OBJECT)}
    ok = True

    def fail(case, why):
        nonlocal ok
        ok = False
        print(f'FAIL: ibt/{case} ({why})')

    helpers = sorted(n for how, n in lines if how != 'data')
    print(f'ibt: {len(sealed)} functions sealed in {vm.path}')
    print('ibt: helpers sealed there: ' + (' '.join(h for h in helpers if h in sealed) or 'none'))
    print('ibt: helpers not sealed there: ' + (' '.join(h for h in helpers if h not in sealed) or 'none'))
    for other in argv[3:]:
        s = vmlinux_sealed(Elf(other))
        print(f'ibt: helpers sealed in {other}: ' +
              (' '.join(h for h in helpers if s and h in s) or 'none'))

    for how, name in lines:
        if how == 'pointer' and (name in sealed or kinds.get(name) != STT_OBJECT):
            state = 'sealed' if name in sealed else 'a function'
            fail(f'pointer/{name}',
                 f'kpatch.ko calls {name} through a pointer, and {name} is {state} in '
                 f'{vm.path}: an indirect call there faults under IBT; give it a static call in '
                 'kmod/core/ksyms.c')
        elif how == 'data' and kinds.get(name) == STT_FUNC:
            fail(f'data/{name}', f'{name} is listed as data but is a function in {vm.path}')
        elif how not in ('static_call', 'data', 'pointer'):
            fail('reach-table', f'unknown kind "{how}" for {name} in .kp_reach')

    keys = {s['name'][len('__SCK__kp_sc_'):] for s in ko.symbols
            if s['name'].startswith('__SCK__kp_sc_') and s['shndx'] != 0}
    listed = {n for how, n in lines if how == 'static_call'}
    for name in sorted(keys ^ listed):
        where = 'has no .kp_reach line' if name in keys else 'has no static call __SCK__kp_sc_' + name
        fail(f'static_call/{name}', f'{name} in {ko.path} {where}')

    bad, stored = module_sealed_callbacks(ko)
    for name in sorted(bad):
        fail(f'callback/{name}', f'kpatch.ko hands out the address of {name} but seals its ENDBR')
    print(f'ibt: {len(stored)} functions of kpatch.ko whose address it stores keep their ENDBR: '
          + ' '.join(sorted(stored)))

    if ok:
        print('PASS: ibt/reach')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
