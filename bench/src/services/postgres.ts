import pg from 'pg';

const SLOT_RELEASE_MS = 10_000;

/**
 * A table of sensor readings, its publication and replication slots, all named for one
 * bench run and dropped by `close`.
 */
export class ReadingsTable {
  private readonly slots: string[] = [];

  private constructor(
    private readonly client: pg.Client,
    readonly table: string,
    readonly publication: string,
  ) {}

  static async create(url: string, name: string): Promise<ReadingsTable> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    const readings = new ReadingsTable(client, name, name);
    await client.query(
      `CREATE TABLE ${name} (id integer PRIMARY KEY, sensor_id text, site text, ts timestamptz, seq integer,
        temperature double precision, humidity double precision, pressure double precision, battery integer, status text, firmware text)`,
    );
    await client.query(`CREATE PUBLICATION ${name} FOR TABLE ${name}`);
    return readings;
  }

  /** A pgoutput slot: it keeps every change made from now on for its reader. */
  async createSlot(slot: string): Promise<string> {
    await this.client.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]);
    this.slots.push(slot);
    return slot;
  }

  /** Inserts `count` readings (about 200 bytes as JSON), `perTransaction` rows per transaction. */
  async insert(count: number, perTransaction: number): Promise<void> {
    for (let from = 0; from < count; from += perTransaction) {
      await this.client.query(
        `INSERT INTO ${this.table}
         SELECT g, 'sensor-' || lpad((g % 500)::text, 4, '0'), 'plant-' || (g % 500 % 7),
                timestamptz '2026-11-25 10:00:00+00' + ((g % 2) * 3600 + g % 3600) * interval '1 second', g,
                15 + (g % 200) / 10.0 + 0.01, 30 + (g * 7 % 500) / 10.0 + 0.05, 1013.25, 100 - g % 100,
                CASE WHEN g % 50 = 0 THEN 'warn' ELSE 'ok' END, '2.4.1'
         FROM generate_series($1::int, $2::int) AS g`,
        [from, Math.min(count, from + perTransaction) - 1],
      );
    }
  }

  /** Drops the slots (waiting for their readers to let go), the publication and the table. */
  async close(): Promise<void> {
    try {
      for (const slot of this.slots) await this.dropSlot(slot);
      await this.client.query(`DROP PUBLICATION IF EXISTS ${this.publication}`);
      await this.client.query(`DROP TABLE IF EXISTS ${this.table}`);
    } finally {
      await this.client.end();
    }
  }

  private async dropSlot(slot: string): Promise<void> {
    const deadline = Date.now() + SLOT_RELEASE_MS;
    for (;;) {
      try {
        await this.client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot]);
        return;
      } catch (error) {
        // A reader that just stopped may hold the slot a moment longer.
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}
