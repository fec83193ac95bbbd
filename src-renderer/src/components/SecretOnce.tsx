import { useState } from 'react';
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
          I have saved it
        </Button>
      }
    >
      <div className="secret-once">
        <p>Copy the key now and give it to the dialer. DialDesk keeps only a fingerprint of it: it is never shown again.</p>
        <div className="secret-box">
          <code data-testid="secret-value">{secret}</code>
          <Button size="sm" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
        {children}
      </div>
    </Dialog>
  );
}
