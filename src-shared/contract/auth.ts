import { z } from 'zod';
import type { Role } from '../roles';
import { channel } from './define';
import { Empty, Id } from './common';

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,40}$/, 'a username is 3 to 40 letters, digits, dots, dashes or underscores');
export const Password = z.string().min(8, 'a password has at least 8 characters').max(200);

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** the home company, where the console opens; null for the superuser, who works on every company */
  companyId: number | null;
  /** every company the user works for (the home one among them); empty for the superuser */
  companyIds: number[];
}

export interface AppState {
  /** true until the first superuser exists */
  needsSetup: boolean;
  user: SessionUser | null;
  version: string;
  /** 'desktop' inside Electron, 'headless' behind `dialdesk serve` */
  shell: 'desktop' | 'headless';
  /** the desk's language and calendar, for the screens before sign-in too */
  language: 'en' | 'fa';
  calendar: 'gregorian' | 'persian';
}

export const authChannels = {
  'app.state': channel<AppState>()(Empty),
  'auth.setup': channel<SessionUser>()(z.object({ username: Username, password: Password }).strict()),
  'auth.login': channel<SessionUser>()(z.object({ username: Username, password: z.string().min(1).max(200) }).strict()),
  'auth.logout': channel<null>()(Empty),
  'auth.changePassword': channel<null>()(z.object({ currentPassword: z.string().min(1), newPassword: Password }).strict()),
};

export const ROLE_INPUT = z.enum(['superuser', 'admin', 'supervisor', 'viewer']);

export interface UserDto {
  id: number;
  username: string;
  role: Role;
  /** the home company; null for the superuser */
  companyId: number | null;
  /** every company the user works for, the home one among them; empty for the superuser */
  companyIds: number[];
  isActive: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export const UserCreateInput = z
  .object({
    username: Username,
    password: Password,
    role: ROLE_INPUT,
    /** the home company */
    companyId: Id.nullable().default(null),
    /** more companies the user works for, besides the home one */
    companyIds: z.array(Id).max(500).optional(),
  })
  .strict();

export const usersChannels = {
  /** one company's people, or (no companyId) everyone the caller may manage */
  'users.list': channel<UserDto[]>()(z.object({ companyId: Id.optional() }).strict()),
  'users.create': channel<UserDto>()(UserCreateInput),
  'users.update': channel<UserDto>()(
    z
      .object({
        id: Id,
        role: ROLE_INPUT.optional(),
        isActive: z.boolean().optional(),
        password: Password.optional(),
        unlock: z.boolean().optional(),
        /** every company the user works for from now on (the home company moves if it is left out) */
        companyIds: z.array(Id).min(1, 'a user works for at least one company').max(500).optional(),
      })
      .strict(),
  ),
};
