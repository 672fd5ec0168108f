/**
 * A row's offset: its offset column's value as text, as committed and bound again on the
 * next poll. Dates are already ISO text (see json-values).
 */
export function rowOffset(row: Record<string, unknown>, offsetColumn: string): string {
  const value = offsetColumn in row ? row[offsetColumn] : caseInsensitive(row, offsetColumn);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === undefined) {
    throw new Error(`the rows have no column "${offsetColumn}" (columns: ${Object.keys(row).join(', ')}): it must be selected to be the offset`);
  }
  throw new Error(`offset column "${offsetColumn}" holds ${JSON.stringify(value)}, which cannot serve as an offset`);
}

/** MariaDB column names are not case-sensitive; its rows carry the names as the table spells them. */
function caseInsensitive(row: Record<string, unknown>, column: string): unknown {
  const wanted = column.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : row[key];
}
