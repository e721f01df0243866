// Whether the screen is wide enough for a desk layout (filters open, tables as tables) rather
// than a phone's; follows rotation and window resizing.
import { useEffect, useState } from 'preact/hooks';

const QUERY = '(min-width: 48rem)';

export function useWide(): boolean {
  const [wide, setWide] = useState(() => typeof window !== 'undefined' && window.matchMedia(QUERY).matches);
  useEffect(() => {
    const m = window.matchMedia(QUERY);
    const on = () => setWide(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return wide;
}
