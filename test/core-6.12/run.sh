#!/bin/bash
# The core suite (test/core) on the 6.12 test kernel: Debian 6.12's code
# generation, with IBT, call padding and call depth tracking.  Its PASS
# and FAIL lines end in "[6.12]".  Arguments as for test/core/run.sh.
set -uo pipefail
export KPATCH_TEST_KERNEL=6.12
"$(dirname "$0")/../core/run.sh" "$@" | sed -E 's/^((PASS|FAIL|SKIP): .*)$/\1 [6.12]/'
exit "${PIPESTATUS[0]}"
