import { useEffect, useState } from 'react';
import { API } from '../../api/client';

/**
 * The latest value of a server-sent event stream of the API, e.g. the live board. The browser
 * reconnects by itself after a break; `live` says whether the stream is open right now.
 */
export function useEventStream<T>(path: string | null, event: string): { data: T | undefined; live: boolean } {
  const [data, setData] = useState<T>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!path) return;
    const source = new EventSource(API + path, { withCredentials: true });
    const onEvent = (e: MessageEvent<string>) => { setData(JSON.parse(e.data) as T); setLive(true); };
    source.addEventListener(event, onEvent as EventListener);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    return () => { source.removeEventListener(event, onEvent as EventListener); source.close(); setLive(false); };
  }, [path, event]);
  return { data, live };
}
