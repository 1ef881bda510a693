"""Schemathesis hooks for `npm run fuzz` (loaded through SCHEMATHESIS_HOOKS by scripts/fuzz/run.sh).

The fuzzer learns ids from responses (GET /v1/keys lists every key) and would, sooner or later,
revoke the very keys it fuzzes with: every later request of that role would then be a 401 and the
run would quietly test nothing. Only those revocations are dropped; DELETE /v1/keys/{id} is still
fuzzed with every other id, including the keys the fuzzer creates itself through POST /v1/keys.
"""

import os

import schemathesis

PROTECTED_KEY_IDS = frozenset(filter(None, os.environ.get("FUZZ_PROTECTED_KEY_IDS", "").split(",")))


@schemathesis.hook
def filter_case(context, case):
    if case.operation.method.upper() != "DELETE" or case.operation.path != "/v1/keys/{id}":
        return True
    return (case.path_parameters or {}).get("id") not in PROTECTED_KEY_IDS
