import type { StageCatalogEntry, StageCategory } from '@duto/model';

export const CATEGORY_ORDER: readonly StageCategory[] = ['origin', 'processor', 'destination'];
export const CATEGORY_TITLES: Record<StageCategory, string> = { origin: 'Origins', processor: 'Processors', destination: 'Destinations' };

/** The catalog by category, filtered by a search over label, type and description. */
export function paletteGroups(entries: readonly StageCatalogEntry[], query: string): Array<{ category: StageCategory; entries: StageCatalogEntry[] }> {
  const needle = query.trim().toLowerCase();
  const matches = (entry: StageCatalogEntry) =>
    !needle || [entry.label, entry.type, entry.description].some((text) => text.toLowerCase().includes(needle));
  return CATEGORY_ORDER.map((category) => ({
    category,
    entries: entries.filter((e) => e.category === category && matches(e)),
  })).filter((group) => group.entries.length > 0);
}

/** The drag payload's type: only the palette's drags are dropped as stages. */
export const STAGE_DRAG_TYPE = 'application/x-duto-stage-type';
