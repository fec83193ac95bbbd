import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote } from '../../components/Feedback';

/**
 * A call's recording, fetched when asked for. One kept by the company's Jambonz comes through the
 * desk (which holds the key) as sound, played from memory; any other link plays as it is.
 */
export function RecordingPlayer({ companyId, callId, url }: { companyId: number; callId: number; url: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useAction(() => api.call('inbound.recording', { companyId, callId }));
  // a sound held in memory is let go with the dialog
  useEffect(() => () => void (src?.startsWith('blob:') && URL.revokeObjectURL(src)), [src]);

  const play = async () => {
    setProblem(null);
    const answer = await load.run();
    if (!answer) return;
    if (answer.via === 'link') setSrc(answer.url);
    else if (answer.via === 'desk') {
      const bytes = Uint8Array.from(atob(answer.base64), (c) => c.charCodeAt(0));
      setSrc(URL.createObjectURL(new Blob([bytes], { type: answer.contentType })));
    } else setProblem(`${t(`recording.reasons.${answer.reason}`)} (${answer.detail})`);
  };

  return (
    <div className="recording">
      {src ? (
        <audio controls autoPlay src={src} aria-label={t('recording.label')} data-testid="recording-audio" />
      ) : (
        <Button onClick={() => void play()} busy={load.busy}>
          {load.busy ? t('recording.fetching') : t('recording.play')}
        </Button>
      )}
      {(problem ?? load.error) && <ErrorNote message={(problem ?? load.error)!} onRetry={() => void play()} />}
      <a href={url} target="_blank" rel="noreferrer noopener" className="mono break">
        {url}
      </a>
    </div>
  );
}
