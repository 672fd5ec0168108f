export class CsvSyntaxError extends Error {}

/**
 * The fields of one CSV record (RFC 4180: comma separated, a field in double quotes may
 * hold commas, line breaks and "" for a quote). Answers undefined while a quoted field is
 * still open, so that the caller adds the next line; a quote inside an unquoted field is
 * kept as it is, as most writers produce it.
 */
export function parseCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return undefined;
        value += text.slice(from, quote);
        if (text[quote + 1] !== '"') {
          at = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      fields.push(value);
    } else {
      const comma = text.indexOf(',', at);
      const end = comma === -1 ? text.length : comma;
      fields.push(text.slice(at, end));
      at = end;
    }
    if (at === text.length) return fields;
    if (text[at] !== ',') throw new CsvSyntaxError(`unexpected ${JSON.stringify(text[at])} after a closing quote at character ${at + 1}`);
    at += 1;
  }
}
