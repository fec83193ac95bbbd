import { useState, type FormEvent } from 'react';
import type { DeskSettings } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useUnsavedGuard } from '../../lib/guard';
import { toast } from '../../components/Toaster';

interface Props {
  desk: DeskSettings;
  editable: boolean;
  onSaved(): void;
}

/** The HTTP port's request limits: a desk setting, applied by the running port within a second. */
export function PortLimitsCard({ desk, editable, onSaved }: Props) {
  const [perKey, setPerKey] = useState(String(desk.rateLimitPerKey));
  const [perAddress, setPerAddress] = useState(String(desk.rateLimitPerAddress));
  const [problem, setProblem] = useState<string | null>(null);
  useUnsavedGuard(perKey !== String(desk.rateLimitPerKey) || perAddress !== String(desk.rateLimitPerAddress));
  const save = useAction(() =>
    api.call('settings.updateDesk', { rateLimitPerKey: Number(perKey), rateLimitPerAddress: Number(perAddress) }),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (![perKey, perAddress].every((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1)) {
      return setProblem('A limit is a whole number of requests a minute, at least 1.');
    }
    setProblem(null);
    if (await save.run()) {
      toast('Request limits saved');
      onSaved();
    }
  };

  return (
    <Card title="Request limits" subtitle="How many requests the HTTP port takes in a minute; beyond them it answers 429 with Retry-After.">
      <form className="form" onSubmit={submit} aria-label="Request limits">
        {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
        <fieldset disabled={!editable} className="fieldset">
          <TextField
            label="Per API key (requests a minute)"
            inputMode="numeric"
            value={perKey}
            onChange={(e) => setPerKey(e.target.value)}
            hint="Shared by every dialer using the key. Tens of dialers at a few requests a second stay far below the default."
          />
          <TextField
            label="Per address without a valid key, and sign-in attempts (a minute)"
            inputMode="numeric"
            value={perAddress}
            onChange={(e) => setPerAddress(e.target.value)}
            hint="Slows down a dialer retrying a wrong key, and anyone guessing keys or passwords."
          />
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              Save request limits
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
