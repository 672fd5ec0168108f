import { useCallback, useRef, useState } from 'react';

export interface NoticeItem {
  id: number;
  tone: 'error' | 'warning' | 'info' | 'success';
  text: string;
}

const SUCCESS_MS = 4000;

/** Messages for the user; successes fade on their own, problems stay until dismissed. */
export function useNotices() {
  const [notices, setNotices] = useState<NoticeItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const notify = useCallback(
    (tone: NoticeItem['tone'], text: string) => {
      const id = nextId.current++;
      // One message per text: a repeated failure does not stack up.
      setNotices((list) => [...list.filter((n) => n.text !== text), { id, tone, text }]);
      if (tone === 'success' || tone === 'info') setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );

  return { notices, notify, dismiss };
}
