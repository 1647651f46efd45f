// Where a caret goes when someone else's change lands in the text under it.

type TDeltaOp = { insert?: unknown; retain?: number; delete?: number };

/**
 * Maps an index in the text before a Y.Text change to the same place after it. Text inserted
 * exactly at the index goes after it (the caret stays where the local user put it); a caret inside
 * deleted text moves to where the deletion was.
 */
export function mapIndexThroughDelta(delta: readonly TDeltaOp[], index: number): number {
  let oldPos = 0;
  let newPos = 0;
  for (const op of delta) {
    if (op.insert !== undefined) {
      if (oldPos >= index) break;
      newPos += typeof op.insert === "string" ? op.insert.length : 1;
    } else if (op.retain !== undefined) {
      if (oldPos + op.retain > index) break;
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.delete !== undefined) {
      if (oldPos >= index) break;
      oldPos += op.delete;
      if (oldPos > index) return newPos;
    }
  }
  return newPos + (index - oldPos);
}
