import type { ReactNode } from 'react';

/** A column header: its text, or a cell with a label of its own kind (e.g. a select-all box). */
export type Column = string | { label: ReactNode; className?: string; /** Named for screen readers only, e.g. a column of buttons. */ hidden?: boolean };

/** A table's header row, every cell a column header. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          const { label, className, hidden } = typeof column === 'string' ? { label: column } : column;
          return (
            <th key={index} scope="col" className={className}>
              {hidden ? <span className="visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
