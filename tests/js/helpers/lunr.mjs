// lunr.js 2.3.9 as the site ships it: the copy inside the installed mkdocs package (never copied into this
// repository). `make test` names it in KINDRED_LUNR_JS; otherwise the project's .venv is asked.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function lunrPath() {
  if (process.env.KINDRED_LUNR_JS) return process.env.KINDRED_LUNR_JS;
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const python = fs.existsSync(venv) ? venv : "python3";
  const code = "from generator.mkdocs_plugin.assets import lunr_js_path; print(lunr_js_path())";
  return execFileSync(python, ["-c", code], { cwd: ROOT, encoding: "utf8" }).trim();
}

export const lunr = createRequire(import.meta.url)(lunrPath());
