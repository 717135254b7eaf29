#!/usr/bin/env python3
"""Usage: sealed.py VMLINUX FUNC...

Exit 0 when VMLINUX (an IBT kernel) seals every FUNC, that is, lists its
ENDBR64 in .ibt_endbr_seal, for the kernel to poison at boot; else name
the FUNCs it doesn't seal and exit 1.  The reading of the section is
test/ibt/ibt-check.py's.
"""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'ibt_check', os.path.join(here, '..', 'ibt', 'ibt-check.py'))
ibt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ibt)

if len(sys.argv) < 3:
    sys.exit(__doc__.strip())
sealed = ibt.vmlinux_sealed(ibt.Elf(sys.argv[1]))
if sealed is None:
    sys.exit(f'sealed.py: {sys.argv[1]} has no .ibt_endbr_seal: not an IBT kernel')
missing = [f for f in sys.argv[2:] if f not in sealed]
for f in missing:
    print(f'sealed.py: {sys.argv[1]} does not seal {f}', file=sys.stderr)
sys.exit(1 if missing else 0)
