#!/bin/bash
# The integration suite (test/integration) on the 6.12 test kernel: the
# same real patches through kpatch-build, on Debian 6.12's code
# generation (IBT, call padding, call depth tracking).  A case whose code
# differs in 6.12's source takes its patch from test/integration/6.12/.
# Its PASS, FAIL and SKIP lines end in "[6.12]".  Arguments as for
# test/integration/run.sh.
set -uo pipefail
export KPATCH_TEST_KERNEL=6.12
"$(dirname "$0")/../integration/run.sh" "$@" | sed -E 's/^((PASS|FAIL|SKIP): .*)$/\1 [6.12]/'
exit "${PIPESTATUS[0]}"
