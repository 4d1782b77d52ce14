import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Action } from "@/core/auth/permissions";
import { getDb } from "@/lib/db";
import { csrfToken } from "./csrf";
import { findSession, SESSION_COOKIE, type SessionUser } from "./session-store";

/** The signed-in user of a page request, with the CSRF token its forms carry. */
export type Viewer = SessionUser & { csrf: string };

/** Null for a public reader. Read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const user = await findSession(await getDb(), token, new Date());
  return user ? { ...user, csrf: csrfToken(user.tokenHash, "session") } : null;
});

/** A page for signed-in users: anonymous readers are sent to sign in, and back here after. */
export async function requireViewer(lang: string, path: string): Promise<Viewer> {
  const v = await getViewer();
  if (!v) redirect(`/${lang}/sign-in?next=${encodeURIComponent(path)}`);
  return v;
}

/** Signed in and allowed to see a view; otherwise 403. */
export async function requireView(lang: string, path: string, view: Action): Promise<Viewer> {
  const v = await requireViewer(lang, path);
  if (!can({ id: v.userId, role: v.role, serviceIds: v.services.map((s) => s.id) }, view)) forbidden();
  return v;
}
