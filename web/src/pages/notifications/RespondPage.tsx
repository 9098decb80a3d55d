import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { isUnLanguage } from '../../i18n/languages';
import type { ResponsePage } from './types';
import './respond.css';

type State = { kind: 'loading' } | { kind: 'ready'; page: ResponsePage } | { kind: 'error'; code: 'expired' | 'invalid' | 'network' | 'other'; message?: string };

const problemOf = (e: unknown): State => {
  if (e instanceof ApiError) {
    if (e.status === 410) return { kind: 'error', code: 'expired' };
    if (e.status === 400 || e.status === 404) return { kind: 'error', code: 'invalid' };
    if (e.isNetwork) return { kind: 'error', code: 'network' };
    return { kind: 'error', code: 'other', message: e.message };
  }
  return { kind: 'error', code: 'other' };
};

/**
 * What a recipient opens from their message, without signing in: the message in their language
 * (right to left in Arabic) and one large button per answer; a tap records it. They may answer
 * again as things change; the latest answer shows.
 */
export default function RespondPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormat();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [sending, setSending] = useState<string>();
  const [failed, setFailed] = useState<{ answer: string; state: State }>();

  const load = () => request<ResponsePage>(`/respond/${encodeURIComponent(token)}`).then((page) => {
    if (isUnLanguage(page.language) && page.language !== i18n.language) void i18n.changeLanguage(page.language);
    setState({ kind: 'ready', page });
  }).catch((e: unknown) => setState(problemOf(e)));
  useEffect(() => { void load(); }, [token]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { document.title = state.kind === 'ready' ? `${state.page.subject} · ORMS` : 'ORMS'; }, [state]);

  const answer = async (option: string) => {
    if (state.kind !== 'ready') return;
    setSending(option);
    setFailed(undefined);
    try {
      await request(`/respond/${encodeURIComponent(token)}`, { method: 'POST', json: { answer: option } });
      setState({ kind: 'ready', page: { ...state.page, latestAnswer: option, answeredAt: new Date().toISOString() } });
    } catch (e) {
      setFailed({ answer: option, state: problemOf(e) });
    } finally {
      setSending(undefined);
    }
  };

  const problemText = (s: State) => (s.kind !== 'error' ? '' : s.code === 'other' && s.message ? s.message : t(`notifyRespond.${s.code}`));
  const page = state.kind === 'ready' ? state.page : null;
  const dir = page?.language === 'ar' ? 'rtl' : undefined;
  const labelOf = (o: string) => (page ? page.labels[page.options.indexOf(o)] ?? o : o);
  return (
    <div className="orms-respond" dir={dir ?? (i18n.language === 'ar' ? 'rtl' : 'ltr')}>
      <main>
        <div className="card">
          <p className="brand">ORMS</p>
          {state.kind === 'loading' && <p role="status">{t('common.loading')}</p>}
          {state.kind === 'error' && (
            <div role="alert" data-testid="respond-error">
              <h1>{t('notifyRespond.problemTitle')}</h1>
              <p>{problemText(state)}</p>
              {state.code === 'network' && <button type="button" className="retry" onClick={() => { setState({ kind: 'loading' }); void load(); }}>{t('common.retry')}</button>}
            </div>
          )}
          {page && (
            <article lang={page.language} dir={dir}>
              <span className={`severity severity-${page.severity}`}>{t(`notifySeverities.${page.severity}`, { defaultValue: page.severity })}</span>
              <h1 data-testid="respond-subject">{page.subject}</h1>
              {page.sentAt && <p className="muted">{t('notifyRespond.sentAt', { at: dateTime(page.sentAt) })}</p>}
              <p className="body">{page.body}</p>
              {page.options.length > 0 ? (
                <>
                  <p><strong>{t('notifyRespond.ask')}</strong></p>
                  <div className="answers" role="group" aria-label={t('notifyRespond.ask')}>
                    {page.options.map((o, i) => (
                      <button key={o} type="button" className={i === 0 ? 'first' : i === 1 ? 'second' : undefined} aria-pressed={page.latestAnswer === o}
                        disabled={!!sending} onClick={() => void answer(o)} data-testid={`answer-${i}`}>
                        {sending === o ? t('notifyRespond.sending') : labelOf(o)}
                      </button>
                    ))}
                  </div>
                  <div aria-live="polite">
                    {page.latestAnswer && !failed && (
                      <p className="status" data-testid="respond-latest">
                        {t('notifyRespond.recorded', { answer: labelOf(page.latestAnswer) })}
                        {page.answeredAt && <><br /><span className="muted">{dateTime(page.answeredAt)} · {t('notifyRespond.change')}</span></>}
                      </p>
                    )}
                    {failed && (
                      <div className="problem" role="alert">
                        {problemText(failed.state)}
                        {failed.state.kind === 'error' && failed.state.code === 'network' && <><br /><button type="button" className="retry" onClick={() => void answer(failed.answer)}>{t('common.retry')}</button></>}
                      </div>
                    )}
                  </div>
                </>
              ) : <p className="muted">{t('notifyRespond.informationOnly')}</p>}
            </article>
          )}
        </div>
      </main>
    </div>
  );
}
