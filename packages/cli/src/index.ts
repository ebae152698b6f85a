export { runCli } from "./run-cli";
export { buildProgram } from "./program";
export { EXIT, EXIT_CODE } from "./exit-codes";
