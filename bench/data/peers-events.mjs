// The events of the side-by-side benchmarks: the match suite's events (the
// real Task payload and the synthetic AssetVersion events, see README.md),
// each followed by a copy whose objects list their keys in reverse order.
// The copies hold the same data, so each answers as its original does, but
// every object in them has another shape (V8 hidden class): no property
// read in any candidate sees a single shape, as a service that receives
// events from more than one producer would not.
import { loadEvents } from "./events.mjs";

/** `value` with the keys of every object in it in reverse order (arrays keep their order). */
function reverseKeys(value) {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

/** The label of the reordered copy of the event labelled `label`. */
export const reorderedLabel = (label) => `${label}, keys in reverse order`;

/**
 * `[{ label, synthetic, event, original? }]`: each event of `loadEvents()`,
 * then its reordered copy, whose `original` is the label of the event it
 * copies. The copies go through JSON text, so that they are built as
 * `JSON.parse` builds the originals.
 */
export function loadShapedEvents() {
  const out = [];
  for (const item of loadEvents()) {
    out.push(item);
    out.push({
      label: reorderedLabel(item.label),
      synthetic: item.synthetic,
      original: item.label,
      event: JSON.parse(JSON.stringify(reverseKeys(item.event))),
    });
  }
  return out;
}
