/** Converts one value to a target type, or throws with what could not be converted. */
export type TargetType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp';

export function convert(value: unknown, to: TargetType): unknown {
  if (value === null) return null;
  switch (to) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const number = toNumber(value);
      if (number === undefined) throw refuse(value, to);
      return number;
    }
    case 'integer': {
      const number = toNumber(value);
      if (number === undefined || !Number.isInteger(number)) throw refuse(value, to);
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw refuse(value, to);
    }
    case 'timestamp': {
      const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
      if (!Number.isFinite(ms)) throw refuse(value, to);
      return new Date(ms).toISOString();
    }
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

function refuse(value: unknown, to: TargetType): Error {
  const shown = JSON.stringify(value);
  return new Error(`cannot convert ${shown && shown.length > 80 ? shown.slice(0, 80) + '…' : shown} to ${to}`);
}
