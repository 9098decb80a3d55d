import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type FieldErrors } from '../../../api/client';
import type { PlanContent, PlanVersionDetail } from '../api';

export type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: unknown; fields?: FieldErrors };

const DELAY_MS = 800;
const RETRY_MS = 5000;
const backupKey = (versionId: string) => `orms.planDraft.${versionId}`;

interface Backup { content: PlanContent; at: string }

/** The copy this browser kept of changes the server has not confirmed, if it differs from the server's. */
export function readBackup(versionId: string, server: PlanContent): Backup | null {
  try {
    const raw = localStorage.getItem(backupKey(versionId));
    if (!raw) return null;
    const b = JSON.parse(raw) as Backup;
    if (JSON.stringify(b.content) === JSON.stringify(server)) { localStorage.removeItem(backupKey(versionId)); return null; }
    return b;
  } catch {
    return null;
  }
}
export const dropBackup = (versionId: string) => localStorage.removeItem(backupKey(versionId));

/**
 * Autosave of a draft version that never loses text: every change is kept in this browser at once
 * and sent to the server after a pause; one save at a time, the latest text wins; a failure keeps
 * the text, says why, and retries (by itself when the server could not be reached). Leaving the
 * page sends what is pending; closing the tab with unsaved text asks first.
 */
export function useAutosave(version: PlanVersionDetail, onSaved: (v: PlanVersionDetail) => void) {
  const [content, setContent] = useState<PlanContent>(version.content);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: version.updatedAt });
  const latest = useRef(version.content);
  const saved = useRef(JSON.stringify(version.content));
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // After the editor is gone one last attempt is made, never a retry that could overwrite later work.
  const alive = useRef(true);
  const savedCb = useRef(onSaved);
  savedCb.current = onSaved;

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) { again.current = true; return inFlight.current; }
    const json = JSON.stringify(latest.current);
    if (json === saved.current) { setState((s) => (s.kind === 'saved' ? s : { kind: 'saved', at: new Date().toISOString() })); return; }
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const v = await api.put<PlanVersionDetail>(`/plans/${version.planId}/versions/${version.id}`, { content: latest.current });
        saved.current = json;
        if (JSON.stringify(latest.current) === json) { dropBackup(version.id); setState({ kind: 'saved', at: v.updatedAt }); } else setState({ kind: 'pending' });
        savedCb.current(v);
      } catch (e) {
        setState({ kind: 'error', error: e, fields: e instanceof ApiError ? e.fields : undefined });
        if (alive.current && e instanceof ApiError && (e.isNetwork || e.status >= 500)) timer.current = setTimeout(() => void save(), RETRY_MS);
        again.current = false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    await run;
    if (again.current) { again.current = false; await save(); }
  }, [version.id, version.planId]);

  const update = useCallback((next: PlanContent) => {
    latest.current = next;
    setContent(next);
    try { localStorage.setItem(backupKey(version.id), JSON.stringify({ content: next, at: new Date().toISOString() } satisfies Backup)); } catch { /* storage full: the server copy still follows */ }
    setState((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), DELAY_MS);
  }, [save, version.id]);

  useEffect(() => {
    alive.current = true;
    const warn = (e: BeforeUnloadEvent) => { if (JSON.stringify(latest.current) !== saved.current) { e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      alive.current = false;
      // Leaving the editor inside the app: send what is pending (the browser copy stays until it lands).
      if (JSON.stringify(latest.current) !== saved.current) void save();
      clearTimeout(timer.current);
    };
  }, [save]);

  return { content, update, state, flush: save, unsaved: () => JSON.stringify(latest.current) !== saved.current };
}
