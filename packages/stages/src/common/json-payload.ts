import { rememberText, type RecordFailure } from '@duto/engine';
import type { DutoRecord } from '@duto/model';

export type Decoded = { record: DutoRecord } | { failure: RecordFailure };

/**
 * A message payload as a record: a JSON object, or its text in the field `text`. What is
 * not a JSON object becomes a failure that keeps the raw text and says why. The text is
 * remembered beside the value, so that an unchanged record is written as it came.
 */
export function decodePayload(text: string, format: 'json' | 'text', attributes: Record<string, string>): Decoded {
  if (format === 'text') return { record: { value: { text }, attributes } };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { failure: { record: { value: { raw: text }, attributes }, reason: 'the payload is JSON but not an object' } };
    }
    rememberText(value, text);
    return { record: { value: value as Record<string, unknown>, attributes } };
  } catch (error) {
    return { failure: { record: { value: { raw: text }, attributes }, reason: `the payload is not valid JSON: ${(error as Error).message}` } };
  }
}
