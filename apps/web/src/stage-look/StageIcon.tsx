import type { StageLook } from '../catalog/stage-catalog';
import { Icon } from '../ui/icons';

/** A stage's icon on its category's colour: the same tile on the palette, the node and the panel. */
export function StageIcon({ look, size = 16 }: { look: Pick<StageLook, 'icon' | 'category'>; size?: number }) {
  return (
    <span className={`stage-icon cat-${look.category}`} aria-hidden="true">
      <Icon name={look.icon} size={size} />
    </span>
  );
}
