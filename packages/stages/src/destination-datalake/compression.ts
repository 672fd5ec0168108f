import * as zlib from 'node:zlib';
import type { ParquetWriteOptions } from 'hyparquet-writer';

export interface ParquetCompression {
  codec: NonNullable<ParquetWriteOptions['codec']>;
  compressors: NonNullable<ParquetWriteOptions['compressors']>;
}

export class UnsupportedCompressionError extends Error {}

type Compress = (input: Uint8Array) => Uint8Array;

/**
 * The Parquet codec for the config. hyparquet-writer brings snappy; zstd comes from
 * node:zlib, which has it from Node.js 22.15 on. On an older Node a zstd pipeline is
 * refused at start rather than silently written with another codec.
 */
export function parquetCompression(compression: 'snappy' | 'zstd' | 'none'): ParquetCompression {
  if (compression === 'none') return { codec: 'UNCOMPRESSED', compressors: {} };
  if (compression === 'snappy') return { codec: 'SNAPPY', compressors: {} };
  const zstd = (zlib as unknown as { zstdCompressSync?: Compress }).zstdCompressSync;
  if (!zstd) {
    throw new UnsupportedCompressionError(
      `zstd compression needs Node.js 22.15 or newer (this runner has ${process.version}); choose snappy or none`,
    );
  }
  return { codec: 'ZSTD', compressors: { ZSTD: (input) => zstd(input) } };
}
