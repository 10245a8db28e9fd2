import type { Change } from '../store/types';

/** The JSON text of a change's `data`, as the store wrote it to the log (a symbol: JSON.stringify never sees it). */
const DATA_TEXT = Symbol('dataText');

type WithDataText = Change & { [DATA_TEXT]?: string };

/**
 * Keeps `JSON.stringify(change.data)`, as the store just wrote it, with the change. Safe because the pipeline
 * never mutates an entity it has handed over (the rule the writer's serialization memo relies on too).
 */
export function keepDataText(change: Change, text: string): void {
  (change as WithDataText)[DATA_TEXT] = text;
}

/**
 * `JSON.stringify(changes)`, but each change whose data text was kept reuses it instead of serializing the
 * entity a second time (the broadcast of a commit group is as large as everything it wrote). The same JSON
 * value, its keys in the order of the Change schema.
 */
export function changesJson(changes: readonly Change[]): string {
  let text = '[';
  for (let index = 0; index < changes.length; index++) {
    if (index) text += ',';
    const change = changes[index];
    const data = (change as WithDataText)[DATA_TEXT];
    text +=
      data === undefined
        ? JSON.stringify(change)
        : `{"seq":${JSON.stringify(change.seq)},"kind":${JSON.stringify(change.kind)},"id":${JSON.stringify(change.id)},"data":${data}}`;
  }
  return text + ']';
}
