import { useEffect, useRef } from 'react';

/** The designer's keyboard shortcuts, as the help overlay lists them. "Mod" is Ctrl, or ⌘ on a Mac. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Mod+S', does: 'Save' },
  { keys: 'Mod+Z', does: 'Undo' },
  { keys: 'Mod+Shift+Z or Ctrl+Y', does: 'Redo' },
  { keys: 'Mod+C / Mod+X / Mod+V', does: 'Copy, cut, paste the selected stages' },
  { keys: 'Mod+A', does: 'Select every stage' },
  { keys: 'Delete or Backspace', does: 'Delete the selection' },
  { keys: 'Shift+click or drag on the canvas with Shift', does: 'Select several' },
  { keys: 'Arrow keys', does: 'Move the selected stages (focus a stage with Tab)' },
  { keys: '/', does: 'Search the palette; Enter on a palette stage adds it' },
  { keys: 'F', does: 'Zoom to fit' },
  { keys: 'L', does: 'Lay the pipeline out left to right' },
  { keys: 'P', does: 'Preview mode on or off' },
  { keys: 'Mod+Enter in the preview panel', does: 'Run the preview again' },
  { keys: 'Escape', does: 'Clear the selection' },
  { keys: '?', does: 'Show this help' },
];

export interface ShortcutHandlers {
  save: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => string | undefined;
  cut: () => string | undefined;
  paste: (systemText?: string) => void;
  selectAll: () => void;
  fit: () => void;
  autoLayout: () => void;
  togglePreview: () => void;
  focusPaletteSearch: () => void;
  clearSelection: () => void;
  showHelp: () => void;
}

/** Text fields keep their own keys (typing, native copy and undo); only Save reaches the designer from there. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Listens on the window while the designer is open; the handlers may change between renders. */
export function useDesignerShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    // Mod+X and Mod+V act through the clipboard events when the browser sends them; some
    // (headless, or with the clipboard blocked) do not, so the key itself acts a moment later.
    let pendingClipboardKey: ReturnType<typeof setTimeout> | undefined;
    const settleClipboardKey = () => clearTimeout(pendingClipboardKey);
    const onKeyDown = (event: KeyboardEvent) => {
      const h = current.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        h.save();
        return;
      }
      if (isEditable(event.target) || event.defaultPrevented) return;
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === 'z') run(event.shiftKey ? h.redo : h.undo);
      else if (mod && key === 'y') run(h.redo);
      else if (mod && key === 'a') run(h.selectAll);
      else if (mod && key === 'c') h.copy();
      else if (mod && key === 'x') pendingClipboardKey = setTimeout(() => h.cut(), 0);
      else if (mod && key === 'v') pendingClipboardKey = setTimeout(() => h.paste(), 0);
      else if (mod || event.altKey) return;
      else if (event.key === '?') run(h.showHelp);
      else if (event.key === '/') run(h.focusPaletteSearch);
      else if (key === 'f') run(h.fit);
      else if (key === 'l') run(h.autoLayout);
      else if (key === 'p') run(h.togglePreview);
      else if (event.key === 'Escape') h.clearSelection();
    };
    // The clipboard events carry the system clipboard without asking the user for permission.
    const onCopy = (event: ClipboardEvent) => clipboardEvent(event, current.current.copy);
    const onCut = (event: ClipboardEvent) => {
      settleClipboardKey();
      clipboardEvent(event, current.current.cut);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      settleClipboardKey();
      event.preventDefault();
      current.current.paste(event.clipboardData?.getData('text/plain') || undefined);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      settleClipboardKey();
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

function clipboardEvent(event: ClipboardEvent, take: () => string | undefined): void {
  if (isEditable(event.target) || window.getSelection()?.toString()) return;
  const text = take();
  if (text === undefined) return;
  event.preventDefault();
  event.clipboardData?.setData('text/plain', text);
}
