/** Every other item (even or odd position) for split-half calibration; anything else keeps all. */
export function selectSplit<T>(items: T[], split: string | true | undefined): T[] {
  if (split === "even") return items.filter((_, i) => i % 2 === 0);
  if (split === "odd") return items.filter((_, i) => i % 2 === 1);
  return items;
}
