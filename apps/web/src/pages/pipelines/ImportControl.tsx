import { useEffect, useRef, useState } from 'react';
import { ApiRequestError, describeError, type Created } from '../../api/client';
import { Icon } from '../../ui/icons';
import { importPipelineFile } from './pipeline-actions';

/** Each problem of a refused file, by its JSON Pointer path when it has one. */
export function problemLines(error: unknown): string[] {
  if (error instanceof ApiRequestError) return error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  return [describeError(error)];
}

interface ImportControlProps {
  onImported: (created: Created, fileName: string) => void;
  onProblems: (lines: string[]) => void;
}

/**
 * "Import…" picks a file; a file dropped anywhere on the page does the same. The drop
 * target covers the window so that the user need not aim.
 */
export function ImportControl({ onImported, onProblems }: ImportControlProps) {
  const [dragging, setDragging] = useState(false);

  const importFile = async (file: File) => {
    onProblems([]);
    try {
      onImported(await importPipelineFile(file), file.name);
    } catch (error) {
      onProblems(problemLines(error));
    }
  };

  // The window's listeners are added once; they call the newest importFile.
  const importLatest = useRef(importFile);
  importLatest.current = importFile;

  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importLatest.current(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      <label className="btn btn-plain" title="Import a pipeline file (or drop it onto the page)">
        <Icon name="upload" />
        <span>Import…</span>
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a pipeline file to import it
        </div>
      )}
    </>
  );
}
