import { useEffect, useState } from 'react';

/** The current screen lives in the address (`#/instellingen`), so a reload stays where it was. */
export function useHashRoute(fallback: string): [string, (id: string) => void] {
  const read = () => decodeURIComponent(location.hash.replace(/^#\/?/, '')) || fallback;
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  });
  return [route, (id) => (location.hash = `#/${id}`)];
}
