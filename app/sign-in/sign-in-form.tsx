"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient, authErrorMessage, withNext } from "@/app/_lib/auth-client";

/** `next` is a same-site path, checked by the page. */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email address and password.");
      return;
    }
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email, password });
    if (error) {
      setError(authErrorMessage(error, "Could not sign in. Try again."));
      setPending(false);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <section className="auth-card">
      <h1>Sign in</h1>
      {/* noValidate: our own messages go to the error line the page shows, not browser tooltips. */}
      <form onSubmit={onSubmit} noValidate className="stack">
        <label className="field">
          <span className="field__label">Email</span>
          <input name="email" type="email" autoComplete="email" data-testid="sign-in-email" required />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input name="password" type="password" autoComplete="current-password" data-testid="sign-in-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="auth-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" data-testid="sign-in-submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="auth-card__switch">
        New to Dateline? <Link href={withNext("/sign-up", next)}>Create an account</Link>
      </p>
    </section>
  );
}
