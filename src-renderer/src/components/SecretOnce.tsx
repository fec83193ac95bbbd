import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';

/** Shows a secret the server will never show again, with a copy button and a plain warning. */
export function SecretOnce({
  title,
  secret,
  children,
  onClose,
}: {
  title: string;
  secret: string;
  children?: React.ReactNode;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('apiKeys.secret.saved')}
        </Button>
      }
    >
      <div className="secret-once">
        <p>{t('apiKeys.secret.lead')}</p>
        <div className="secret-box">
          <code data-testid="secret-value">{secret}</code>
          <Button size="sm" onClick={() => void copy()}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        </div>
        {children}
      </div>
    </Dialog>
  );
}
