#!/usr/bin/env python3
# insn-check.py INSN_CHECK OBJECT...: the instruction boundaries of
# create-diff-object's decoder (insn-check) against objdump's, inside
# every function.  Prints the first mismatches of each object and exits
# non-zero when there is any.  Undecodable instructions (VEX, for one)
# are counted, not failed: kelf-split.c then leaves the section whole.
import re
import subprocess
import sys


def objdump_starts(obj):
    starts, sec = {}, None
    out = subprocess.run(["objdump", "-d", "-w", obj], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        m = re.match(r"Disassembly of section (.*):$", line)
        if m:
            sec = m.group(1)
            starts.setdefault(sec, set())
            continue
        m = re.match(r"\s+([0-9a-f]+):\t([0-9a-f ]*)\t?(\S*)", line)
        if m and sec is not None:
            off = int(m.group(1), 16)
            starts[sec].add(off)
            # objdump shows fwait (9b) and the x87 instruction after it
            # as one ("finit"); they are two.
            if m.group(2).startswith("9b ") and m.group(3) != "fwait":
                starts[sec].add(off + 1)
    return starts


def main():
    tool, objs, bad = sys.argv[1], sys.argv[2:], 0
    total = undecodable = 0
    for obj in objs:
        res = subprocess.run([tool, obj], capture_output=True, text=True)
        mine, ranges, errors = {}, {}, []
        for line in res.stdout.splitlines():
            f = line.split()
            if f[0] == "undecodable":
                # Refusing is safe: the section is then not cut.
                undecodable += 1
                continue
            sec, off, length = f[0], int(f[1]), int(f[2])
            mine.setdefault(sec, set()).add(off)
            ranges.setdefault(sec, set()).update(range(off, off + length))
        theirs = objdump_starts(obj)
        for sec, offs in mine.items():
            total += len(offs)
            o = {x for x in theirs.get(sec, set()) if x in ranges[sec]}
            for x in sorted(offs ^ o)[:3]:
                errors.append(f"{sec}+{x:#x}: a boundary for "
                              f"{'insn-check only' if x in offs else 'objdump only'}")
        if errors:
            bad = 1
            print(f"{obj}: " + "; ".join(errors[:5]))
    print(f"{total} instructions in {len(objs)} objects agree with objdump; "
          f"{undecodable} functions have instructions it doesn't decode")
    return bad


sys.exit(main())
