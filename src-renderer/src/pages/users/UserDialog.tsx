import { useState } from 'react';
import type { CompanyDto, UserDto } from '../../../../src-shared/contract';
import type { Role } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

export const ROLE_TEXT: Record<Role, { label: string; hint: string }> = {
  superuser: { label: 'Site owner', hint: 'every company, site settings and companies' },
  admin: { label: 'Admin', hint: 'one company: everything, money and users too' },
  supervisor: { label: 'Supervisor', hint: 'one company: dialing setup and results, no money, no users' },
  viewer: { label: 'Viewer', hint: 'one company: sees everything, changes nothing' },
};

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
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user?.role ?? (roles.includes('supervisor') ? 'supervisor' : roles[0]));
  const [companyId, setCompanyId] = useState<number | null>(user?.companyId ?? defaultCompanyId);
  const [isActive, setIsActive] = useState(user?.isActive ?? true);
  const [unlock, setUnlock] = useState(false);
  const locked = !!user?.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();

  const save = useAction(async () => {
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
  });

  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(user ? `${saved.username} saved` : `${saved.username} can now sign in`);
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      title={user ? `Edit ${user.username}` : 'New user'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={user ? 'Save' : 'Create user'}
      busy={save.busy}
      error={save.error}
    >
      {!user && (
        <TextField
          label="Username"
          maxLength={40}
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          required
        />
      )}
      <TextField
        label={user ? 'New password' : 'Password'}
        type="password"
        autoComplete="new-password"
        hint={
          user ? 'Leave empty to keep the current password.' : 'At least 8 characters. Tell it to the person; they can change it later.'
        }
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_TEXT[role].hint}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_TEXT[r].label}
          </option>
        ))}
      </SelectField>
      {!user && role !== 'superuser' && (
        <SelectField
          label="Company"
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
      {user && <CheckboxField label="Can sign in (active)" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
      {user && locked && (
        <CheckboxField label="Unlock now (locked after failed sign-ins)" checked={unlock} onChange={(e) => setUnlock(e.target.checked)} />
      )}
    </FormDialog>
  );
}
