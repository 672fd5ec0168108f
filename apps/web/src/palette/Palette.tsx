import { forwardRef, useState } from 'react';
import type { StageCatalogEntry } from '@duto/model';
import { stageLook } from '../catalog/stage-catalog';
import { StageIcon } from '../stage-look/StageIcon';
import { Icon } from '../ui/icons';
import { CATEGORY_TITLES, paletteGroups, STAGE_DRAG_TYPE } from './palette-groups';

interface PaletteProps {
  entries: readonly StageCatalogEntry[];
  onAdd: (type: string) => void;
  disabled: boolean;
}

/**
 * The stage library: drag an entry onto the canvas, or press Enter (or click) on it to
 * add it in the middle of the view.
 */
export const Palette = forwardRef<HTMLInputElement, PaletteProps>(function Palette({ entries, onAdd, disabled }, searchRef) {
  const [query, setQuery] = useState('');
  const groups = paletteGroups(entries, query);
  return (
    <aside className="palette" aria-label="Stage palette">
      <label className="search palette-search">
        <Icon name="search" />
        <span className="visually-hidden">Search stages</span>
        <input
          ref={searchRef}
          type="search"
          className="input"
          placeholder="Search stages  /"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="palette-search"
        />
      </label>
      {disabled && <p className="palette-note">The pipeline is running: stop it to edit.</p>}
      {groups.length === 0 && <p className="palette-note">No stage matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.category} className="palette-group" aria-labelledby={`palette-${group.category}`}>
          <h3 id={`palette-${group.category}`} className={`palette-group-title cat-${group.category}`}>
            {CATEGORY_TITLES[group.category]}
          </h3>
          <ul className="palette-items">
            {group.entries.map((entry) => (
              <li key={entry.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable={!disabled}
                  disabled={disabled}
                  data-testid="palette-item"
                  data-stage-type={entry.type}
                  title={`${entry.description}\n\nDrag onto the canvas, or press Enter to add.`}
                  aria-label={`Add ${entry.label} (${group.category})`}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(STAGE_DRAG_TYPE, entry.type);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(entry.type)}
                >
                  <StageIcon look={stageLook(entry, entry.type)} />
                  <span className="palette-item-label">{entry.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
});
