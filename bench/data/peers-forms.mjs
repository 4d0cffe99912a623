// The AssetVersion status-change filter written in each peer library's own
// language, for the side-by-side benchmarks (suites/peers*.mjs). Each form
// is built by a function: without a status id it is the three-condition
// status-change filter; with one it also requires `entity.new.status_id` to
// equal that id (the four-condition filter), so that the compile benchmark
// can give every call a text no cache has seen.
//
// The forms are written for these benchmarks from each library's README;
// where a language cannot compare two fields of the event, the form says so.
import { APPROVED_STATUS_ID, STATUS_CHANGE_FILTER, STATUS_CHANGE_TO_FILTER } from "./public-filters.mjs";

/** The ftrack text the forms below translate (the second and fourth public trigger filters). */
export const FTRACK_FORM = (statusId) =>
  statusId === undefined ? STATUS_CHANGE_FILTER : STATUS_CHANGE_TO_FILTER.replace(APPROVED_STATUS_ID, statusId);

/** filtrex: `x of y` reads property x of object y; `a.b` would name the single key "a.b". */
export const FILTREX_OF_FORM = (statusId) =>
  'entity_type of entity == "AssetVersion" and operation of entity == "update" and ' +
  "status_id of new of entity != status_id of old of entity" +
  (statusId === undefined ? "" : ` and status_id of new of entity == "${statusId}"`);

/** filtrex with `customProp: useDotAccessOperator`, which reads `a.b.c` as a path. */
export const FILTREX_DOTTED_FORM = (statusId) =>
  'entity.entity_type == "AssetVersion" and entity.operation == "update" and entity.new.status_id != entity.old.status_id' +
  (statusId === undefined ? "" : ` and entity.new.status_id == "${statusId}"`);

/** jexl and CEL read the same text: dotted paths, `==`, `!=`, `&&`. */
export const JEXL_FORM = (statusId) =>
  'entity.entity_type == "AssetVersion" && entity.operation == "update" && entity.new.status_id != entity.old.status_id' +
  (statusId === undefined ? "" : ` && entity.new.status_id == "${statusId}"`);

/** CEL (cel-js): the same text as jexl. */
export const CEL_FORM = JEXL_FORM;

/** JsonLogic: a rule object; `var` reads a dotted path, and `!=` can compare two vars. */
export const JSON_LOGIC_FORM = (statusId) => ({
  and: [
    { "==": [{ var: "entity.entity_type" }, "AssetVersion"] },
    { "==": [{ var: "entity.operation" }, "update"] },
    { "!=": [{ var: "entity.new.status_id" }, { var: "entity.old.status_id" }] },
    ...(statusId === undefined ? [] : [{ "==": [{ var: "entity.new.status_id" }, statusId] }]),
  ],
});

/**
 * sift: MongoDB's query language without `$expr`, so it cannot compare two
 * fields of a document. The nearest form keeps the two equalities as query
 * operators and does the field comparison in a `$where` string, which sift
 * compiles with `new Function`: JavaScript, not the query language.
 */
export const SIFT_FORM = (statusId) => ({
  "entity.entity_type": "AssetVersion",
  "entity.operation": "update",
  ...(statusId === undefined ? {} : { "entity.new.status_id": statusId }),
  $where: "this.entity.new.status_id !== this.entity.old.status_id",
});

/** mingo, the whole filter as one aggregation expression under `$expr`. */
export const MINGO_EXPR_FORM = (statusId) => ({
  $expr: {
    $and: [
      { $eq: ["$entity.entity_type", "AssetVersion"] },
      { $eq: ["$entity.operation", "update"] },
      { $ne: ["$entity.new.status_id", "$entity.old.status_id"] },
      ...(statusId === undefined ? [] : [{ $eq: ["$entity.new.status_id", statusId] }]),
    ],
  },
});

/** mingo as a MongoDB user would write it: field equalities, `$expr` only for the field comparison. */
export const MINGO_FIELDS_FORM = (statusId) => ({
  "entity.entity_type": "AssetVersion",
  "entity.operation": "update",
  ...(statusId === undefined ? {} : { "entity.new.status_id": statusId }),
  $expr: { $ne: ["$entity.new.status_id", "$entity.old.status_id"] },
});
