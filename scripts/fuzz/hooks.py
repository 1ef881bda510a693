"""Schemathesis hooks for `npm run fuzz` (loaded through SCHEMATHESIS_HOOKS by scripts/fuzz/run.sh).

Also works around a crash of the fuzzer's own example generator (below, before the hook).

The fuzzer learns ids from responses (GET /v1/keys lists every key) and would, sooner or later,
revoke the very keys it fuzzes with: every later request of that role would then be a 401 and the
run would quietly test nothing. Only those revocations are dropped; DELETE /v1/keys/{id} is still
fuzzed with every other id, including the keys the fuzzer creates itself through POST /v1/keys.
"""

import os

import hypothesis.internal.lambda_sources as _lambda_sources
import schemathesis

# CPython 3.11 can raise "SystemError: AST constructor recursion depth mismatch" from ast.parse deep in a
# stack. Hypothesis calls it only to describe a lambda in a strategy's repr, which it builds while generating
# examples; the SystemError then ended the caller's run as an error of the fuzzer itself, before any request.
# A lambda whose source cannot be parsed gets a plain description instead; nothing about the checks changes.
_describe_lambda = _lambda_sources._lambda_description


def _lambda_description(f, *args, **kwargs):
    try:
        return _describe_lambda(f, *args, **kwargs)
    except SystemError:
        return "lambda: <source not parsed>"


_lambda_sources._lambda_description = _lambda_description

PROTECTED_KEY_IDS = frozenset(filter(None, os.environ.get("FUZZ_PROTECTED_KEY_IDS", "").split(",")))


@schemathesis.hook
def filter_case(context, case):
    if case.operation.method.upper() != "DELETE" or case.operation.path != "/v1/keys/{id}":
        return True
    return (case.path_parameters or {}).get("id") not in PROTECTED_KEY_IDS
