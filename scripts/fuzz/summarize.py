"""Reads the schemathesis JSON report of each caller and prints the fuzz step's closing line.

usage: summarize.py REPORT_DIR CALLER...   (REPORT_DIR/<caller>.json, written by `st run --report json`)
Exit status 1 when any run failed a check, errored, stopped early or is missing, or when too few
operations ever answered 2xx: a service that rejects everything (every body a 400, every key a
401) passes every check while testing nothing.
"""

import json
import sys
from pathlib import Path

# Schemathesis failure codes (`st explain STxxx`), grouped the way the closing line counts them.
SERVER_ERRORS = {"ST101", "ST102"}
SCHEMA_VIOLATIONS = {"ST107", "ST108", "ST109", "ST110", "ST111"}
UNDOCUMENTED_STATUS = {"ST103"}
CONTENT_TYPE = {"ST104", "ST105", "ST106"}
WRONG_METHOD = {"ST204", "ST205"}
# Share of the operations that must answer 2xx to some caller's valid request. The rest need ids
# of objects no generated request creates in time (an escalation to resolve, a ticket to rate).
MIN_REACHED_SHARE = 2 / 3


def count(report: dict, codes: set[str]) -> int:
    return sum(f["count"] for f in report["failures"] if f["code"] in codes)


def main(report_dir: Path, callers: list[str]) -> int:
    totals = {"server": 0, "schema": 0, "status": 0, "content": 0, "method": 0, "other": 0, "errors": 0}
    operations: set[int] = set()
    reached: set[str] = set()
    labels: set[str] = set()
    requests = 0
    ok = True
    for caller in callers:
        path = report_dir / f"{caller}.json"
        if not path.exists():
            print(f"fuzz[{caller}]: no report (schemathesis did not finish; see {report_dir / (caller + '.log')})")
            ok = False
            continue
        report = json.loads(path.read_text())
        ops = report.get("operations") or {}
        cases = report["test_cases"]
        server, schema = count(report, SERVER_ERRORS), count(report, SCHEMA_VIOLATIONS)
        status, content = count(report, UNDOCUMENTED_STATUS), count(report, CONTENT_TYPE)
        method = count(report, WRONG_METHOD)
        other = sum(f["count"] for f in report["failures"]) - server - schema - status - content - method
        errors = sum(e["count"] for e in report["errors"])
        for key, value in zip(totals, (server, schema, status, content, method, other, errors)):
            totals[key] += value
        operations.add(ops.get("total", 0))
        for label, phases in (report.get("valid_rates") or {}).items():
            labels.add(label)
            if any(p["accepted"] > 0 for p in phases.values()):
                reached.add(label)
        requests += cases["generated"]
        # max_time is the budget we set; anything else (interrupted, error…) means part of the API went untested.
        complete = report["complete"] and report["stop_reason"] in ("completed", "max_time")
        untested = ops.get("selected", 0) - ops.get("tested", 0)
        if not complete or untested > 0:
            ok = False
        print(
            f"fuzz[{caller}]: {ops.get('tested', 0)}/{ops.get('total', 0)} operations, {cases['generated']} requests in "
            f"{report['running_time'] or 0:.0f}s, seed {report['seed']}: {server} server errors, {schema} schema violations, "
            f"{status} undocumented statuses, {content} wrong content types, {method} wrong-method answers, "
            f"{other} other failures, {errors} errors"
            + ("" if complete else f" (stopped: {report['stop_reason']})")
        )
    n_ops = max(operations) if operations else 0
    if n_ops and len(reached) < MIN_REACHED_SHARE * n_ops:
        print(f"fuzz: only {len(reached)} of {n_ops} operations ever answered 2xx: the run tested little (see the logs)")
        ok = False
    if labels - reached:
        print(f"fuzz: never answered 2xx (every request rejected or not found): {', '.join(sorted(labels - reached))}")
    failed = any(totals.values()) or not ok
    print(
        f"fuzz: {n_ops} operations × {len(callers)} callers ({len(reached)} answered 2xx), {requests} requests, "
        f"{totals['server']} server errors, {totals['schema']} schema violations, {totals['status']} undocumented statuses, "
        f"{totals['content']} wrong content types, {totals['method']} wrong-method answers, "
        f"{totals['other'] + totals['errors']} other"
        + (" — FAILED" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
