/** A module task for the operators pipeline example: a few statistics about one line of text. */
export function lineStats(line: string): { words: number; chars: number; upper: string } {
  const words = line.split(/\s+/).filter(Boolean).length;
  return { words, chars: line.length, upper: line.trim().slice(0, 40).toUpperCase() };
}
