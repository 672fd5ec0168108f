import type { Alert } from '@duto/model';
import { RelativeTime } from '../ui/RelativeTime';
import { Icon } from '../ui/icons';
import { describeAlert } from './useAlerts';

/** The alerts firing now, at the top of the dashboard, announced as they start. */
export function FiringAlerts({ alerts }: { alerts: readonly Alert[] }) {
  const firing = alerts.filter((a) => a.firing);
  if (firing.length === 0) return null;
  return (
    <section className="firing-alerts" role="alert" aria-label="Firing alerts" data-testid="firing-alerts-banner">
      <Icon name="alert" size={20} />
      <div>
        <h2>{firing.length === 1 ? 'An alert is firing' : `${firing.length} alerts are firing`}</h2>
        <ul>
          {firing.map((a) => (
            <li key={a.id} data-testid="firing-alert" data-alert-id={a.id}>
              {describeAlert(a)}
              {a.since && (
                <>
                  {' · since '}
                  <RelativeTime iso={a.since} />
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
