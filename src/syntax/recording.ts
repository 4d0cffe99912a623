/**
 * A cheaper way in and out of grammar recording. To record the grammar,
 * Chevrotain's `enableRecording` puts recording versions of its DSL
 * methods (CONSUME, SUBRULE, OR, MANY and the rest, with their numbered
 * forms: about 90) on the parser instance, and `disableRecording` deletes
 * them again. By then the instance is a prototype in V8's eyes (Chevrotain's
 * `toFastProperties` makes it one), and V8 rebuilds a prototype's property
 * layout after every delete: some 20 µs each, 1.7 ms for each parser built,
 * more than half of `performSelfAnalysis`.
 *
 * Here the recording methods go on a layer object instead, which is put
 * between the instance and its prototype while the grammar is recorded and
 * taken out afterwards: the instance never holds them, and leaves recording
 * exactly as it entered it.
 */

/** The members of Chevrotain's parser that recording touches (not in its public typings). */
interface RecordingParser {
  RECORDING_PHASE: boolean;
  enableRecording(): void;
  disableRecording(): void;
}

/** The prototype each recording parser had before its layer went in. */
const prototypes = new WeakMap<object, object>();

/** Installs the cheaper way in and out on `parserClass` (a subclass of Chevrotain's parser). */
export function installRecordingLayer(parserClass: { prototype: object }): void {
  const prototype = parserClass.prototype as RecordingParser;
  const enableRecording = prototype.enableRecording;
  define(prototype, "enableRecording", function enable(this: RecordingParser): void {
    const own = Object.getPrototypeOf(this) as object;
    const layer = Object.create(own) as RecordingParser;
    // Chevrotain's own method, run on the layer: it only assigns the recording methods.
    enableRecording.call(layer);
    prototypes.set(this, own);
    Object.setPrototypeOf(this, layer);
    this.RECORDING_PHASE = true;
  });
  define(prototype, "disableRecording", function disable(this: RecordingParser): void {
    this.RECORDING_PHASE = false;
    const own = prototypes.get(this);
    if (own !== undefined) Object.setPrototypeOf(this, own);
    prototypes.delete(this);
  });
}

function define(target: object, name: string, value: () => void): void {
  Object.defineProperty(target, name, { value, writable: true, configurable: true });
}
