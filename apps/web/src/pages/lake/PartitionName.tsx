/**
 * A folder name; a Hive-style partition (key=value) shows its key and value apart. The rule
 * is the server's (hivePartition in @duto/model), repeated here because importing code from
 * @duto/model would bring its validator's chunk (about 290 kB) to this page.
 */
export function PartitionName({ name }: { name: string }) {
  const partition = /^([^=]+)=(.*)$/.exec(name);
  if (!partition) return <>{name}</>;
  return (
    <span className="partition-name">
      <span className="partition-key">{partition[1]}</span>
      <span className="partition-equals">=</span>
      <span className="partition-value">{partition[2]}</span>
    </span>
  );
}
