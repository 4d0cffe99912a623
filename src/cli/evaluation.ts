/**
 * The part of the library that evaluates filters, for the commands that do
 * (`match`, `explain`); apart from `./lib`, so that `lint` and `format`
 * load no compiler.
 */
export { compile } from "../compiler/compile";
export { FilterEvaluationError } from "../compiler/errors";
export { explain } from "../compiler/explain";
