import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, UserDto } from '../../../../src-shared/contract';
import type { Role } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

interface Props {
  user: UserDto | null;
  /** roles the signed-in person may hand out */
  roles: Role[];
  companies: CompanyDto[];
  /** the company a new user joins by default */
  defaultCompanyId: number | null;
  onClose(): void;
  onSaved(): void;
}

export function UserDialog({ user, roles, companies, defaultCompanyId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user?.role ?? (roles.includes('supervisor') ? 'supervisor' : roles[0]));
  const [companyId, setCompanyId] = useState<number | null>(user?.companyId ?? defaultCompanyId);
  const [isActive, setIsActive] = useState(user?.isActive ?? true);
  const [unlock, setUnlock] = useState(false);
  const locked = !!user?.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();

  const save = useAction(
    async () => {
      if (user) {
        return api.call('users.update', {
          id: user.id,
          ...(role !== user.role && { role }),
          ...(isActive !== user.isActive && { isActive }),
          ...(password && { password }),
          ...(unlock && { unlock: true }),
        });
      }
      return api.call('users.create', { username: username.trim(), password, role, companyId: role === 'superuser' ? null : companyId });
    },
    { fields: ['username', 'password'] },
  );

  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(t(user ? 'users.dialog.saved' : 'users.dialog.canSignIn', { name: saved.username }));
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      title={user ? t('common.editLabel', { name: user.username }) : t('users.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={user ? t('common.save') : t('users.dialog.create')}
      busy={save.busy}
      error={save.error}
    >
      {!user && (
        <TextField
          label={t('users.dialog.username')}
          maxLength={40}
          error={save.fieldErrors.username}
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          required
        />
      )}
      <TextField
        label={user ? t('users.dialog.newPassword') : t('users.dialog.password')}
        maxLength={200}
        error={save.fieldErrors.password}
        type="password"
        autoComplete="new-password"
        hint={user ? t('users.dialog.keepHint') : t('users.dialog.newHint')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <SelectField
        label={t('users.dialog.role')}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        hint={t(`users.roleHints.${role}`)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`shell.roles.${r}`)}
          </option>
        ))}
      </SelectField>
      {!user && role !== 'superuser' && (
        <SelectField
          label={t('users.dialog.company')}
          value={companyId ?? ''}
          onChange={(e) => setCompanyId(Number(e.target.value))}
          disabled={companies.length <= 1}
        >
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      )}
      {user && <CheckboxField label={t('users.dialog.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
      {user && locked && <CheckboxField label={t('users.dialog.unlock')} checked={unlock} onChange={(e) => setUnlock(e.target.checked)} />}
    </FormDialog>
  );
}
