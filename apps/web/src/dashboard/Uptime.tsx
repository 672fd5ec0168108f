import { useEffect, useState } from 'react';
import type { PipelineStatus } from '@duto/model';
import { exactTime } from '../format/relative-time';

/** "3 h 04 min", "12 min 05 s", "40 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${pad(hours)} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`;
  return `${rest} s`;
}

/** How long the pipeline has been running, ticking each second; a dash while it is not. */
export function Uptime({ status }: { status: PipelineStatus | undefined }) {
  const running = status?.state === 'RUNNING';
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (!running) return <span data-testid="uptime">—</span>;
  return (
    <span data-testid="uptime" title={`running since ${exactTime(status.since)}`}>
      {formatDuration(now - Date.parse(status.since))}
    </span>
  );
}
