import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's package (`apt-get install chromium`); .ci/run installs it. */
export const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);

/**
 * Whether a browser test file skips: only outside CI, with a warning naming the package. In CI
 * (CI set) a missing Chromium does not skip: launchChromium fails the file's tests instead, so a
 * green run always means the browser tests ran.
 */
export function skipWithoutChromium(suite: string): boolean {
  if (present) return false;
  if (process.env.CI) return false;
  console.warn(`${suite} e2e skipped: ${CHROMIUM} is missing (apt-get install chromium; with CI set this fails instead)`);
  return true;
}

export async function launchChromium(): Promise<Browser> {
  if (!present) throw new Error(`${CHROMIUM} is missing and CI is set, so the browser tests fail rather than skip: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
