import os from 'node:os';

/** The machine a bench ran on, without hostnames or paths: figures only compare on the same one. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown cpu';
  const ramGb = Math.round(os.totalmem() / 2 ** 30);
  return `${model}, ${cpus.length} cores, ${ramGb} GB RAM, Node ${process.version}`;
}
