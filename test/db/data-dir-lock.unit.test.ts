import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirBusyError, lockDataDir } from "../../src/db/data-dir-lock.js";

describe("the embedded data folder lock", () => {
  it("refuses a second holder with an explanation, and frees the folder on release", () => {
    const dir = mkdtempSync(join(tmpdir(), "deflect-lock-"));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
    expect(() => lockDataDir(dir)).toThrow(/PGlite allows one process at a time.*DATABASE_URL/);
    release();
    expect(existsSync(join(dir, "deflect.lock"))).toBe(false);
    lockDataDir(dir)();
  });

  it("refuses while another live process holds it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deflect-lock-"));
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, "deflect.lock"), `${other.pid}\n`);
      const err = (() => {
        try {
          lockDataDir(dir);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(DataDirBusyError);
      expect((err as DataDirBusyError).pid).toBe(other.pid);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that died without releasing it (kill -9)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deflect-lock-"));
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(join(dir, "deflect.lock"), `${dead.pid}\n`);
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
    release();
  });
});
