"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError, Options } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ROLES } from "@/lib/auth/roles";
import type { AdminResult, ManagedUser } from "@/lib/auth/user-admin";
import type { ResetPasswordInput, RevokeSessionInput, SetUserActiveInput, SetUserRoleInput } from "@/lib/auth/user-inputs";

type Actions = {
  setRole: (input: SetUserRoleInput) => Promise<AdminResult>;
  setActive: (input: SetUserActiveInput) => Promise<AdminResult>;
  resetPassword: (input: ResetPasswordInput) => Promise<AdminResult>;
  revokeSession: (input: RevokeSessionInput) => Promise<AdminResult>;
};

const ROLE_TONE = { admin: "violet", reviewer: "blue", viewer: "gray" } as const;
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** People, their roles and live sessions; an admin changes roles, deactivates, resets passwords and ends sessions here. */
export function UsersTable({
  users,
  currentUserId,
  canManage,
  actions,
}: {
  users: ManagedUser[];
  currentUserId: string;
  canManage: boolean;
  actions: Actions;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<AdminResult | null>(null);
  const act = (work: () => Promise<AdminResult>) =>
    start(async () => {
      setResult(await work());
      router.refresh();
    });
  return (
    <div className="mb-4 space-y-2">
      {result &&
        (result.ok ? (
          <p className="text-sm text-emerald-700" role="status">
            {result.message}
          </p>
        ) : (
          <FormError message={result.error} />
        ))}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="People">
        {users.map((u) => (
          <li key={u.id} className="py-2" data-testid="user-row" data-email={u.email}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="min-w-0 break-words">
                {u.name} <span className="text-slate-500">{u.email}</span>
                {u.id === currentUserId && <span className="text-slate-500"> (you)</span>}
              </span>
              <span className="flex flex-wrap items-center gap-2">
                {u.deactivatedAt && <Badge tone="red">deactivated</Badge>}
                {canManage ? (
                  <label className="text-xs text-slate-600">
                    <span className="sr-only">Role of {u.name}</span>
                    <select
                      value={u.role}
                      disabled={pending}
                      onChange={(e) => act(() => actions.setRole({ userId: u.id, role: e.target.value as SetUserRoleInput["role"] }))}
                      className="rounded border border-slate-300 px-1.5 py-1 text-sm"
                    >
                      <Options values={ROLES} />
                    </select>
                  </label>
                ) : (
                  <Badge tone={ROLE_TONE[u.role]}>{u.role}</Badge>
                )}
                {canManage &&
                  (u.deactivatedAt ? (
                    <Button variant="secondary" disabled={pending} onClick={() => act(() => actions.setActive({ userId: u.id, active: true }))}>
                      Reactivate
                    </Button>
                  ) : (
                    <Button
                      variant="danger"
                      disabled={pending}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Deactivate ${u.name}? They are signed out of ${u.sessions.length} session${u.sessions.length === 1 ? "" : "s"} at once and cannot sign in until reactivated.`,
                          )
                        ) {
                          act(() => actions.setActive({ userId: u.id, active: false }));
                        }
                      }}
                    >
                      Deactivate
                    </Button>
                  ))}
              </span>
            </div>
            {canManage && (
              <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
                <ResetPassword name={u.name} pending={pending} reset={(password) => act(() => actions.resetPassword({ userId: u.id, password }))} />
                <details>
                  <summary className="cursor-pointer text-xs text-indigo-700">
                    {u.sessions.length} active session{u.sessions.length === 1 ? "" : "s"}
                  </summary>
                  <ul className="mt-1 space-y-1 text-xs text-slate-600">
                    {u.sessions.map((s) => (
                      <li key={s.id} className="flex flex-wrap items-center gap-2" data-testid="user-session">
                        <span>
                          signed in {when(s.createdAt)}, last seen {when(s.updatedAt)}
                          {s.ipAddress && ` from ${s.ipAddress}`}
                        </span>
                        {s.userAgent && <span className="break-all text-slate-500">{s.userAgent}</span>}
                        <Button
                          variant="danger"
                          className="px-2 py-0.5 text-xs"
                          disabled={pending}
                          onClick={() => act(() => actions.revokeSession({ sessionId: s.id }))}
                        >
                          Revoke
                        </Button>
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResetPassword({ name, pending, reset }: { name: string; pending: boolean; reset: (password: string) => void }) {
  const [password, setPassword] = useState("");
  return (
    <details>
      <summary className="cursor-pointer text-xs text-indigo-700">Reset password</summary>
      <form
        className="mt-1 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          reset(password);
          setPassword("");
        }}
      >
        <label className="text-xs text-slate-600">
          New password for {name} (at least {MIN_PASSWORD_LENGTH} characters; their sessions end)
          <input
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 block w-56 rounded border border-slate-300 px-1.5 py-1 text-sm"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>
          Set password
        </Button>
      </form>
    </details>
  );
}
