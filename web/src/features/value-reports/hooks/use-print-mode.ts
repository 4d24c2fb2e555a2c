// True while the browser prints (or saves as PDF), so that charts can take a width that fits the page.
// The state is flushed synchronously in `beforeprint`, before the browser lays out the printed copy.

import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

export function usePrintMode(): boolean {
  const [isPrinting, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return isPrinting;
}
