"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient, authErrorMessage, withNext } from "@/app/_lib/auth-client";

/** The server's rule (better-auth's minimum); checked here too so the message comes before a round trip. */
const MIN_PASSWORD_LENGTH = 8;

/** `next` is a same-site path, checked by the page. */
export function SignUpForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!name || !email) {
      setError("Enter your name and email address.");
      return;
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    setPending(true);
    setError(null);
    const { error } = await authClient.signUp.email({ name, email, password });
    if (error) {
      setError(authErrorMessage(error, "Could not create the account. Try again."));
      setPending(false);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <section className="auth-card">
      <h1>Create an account</h1>
      {/* noValidate: our own messages go to the error line the page shows, not browser tooltips. */}
      <form onSubmit={onSubmit} noValidate className="stack">
        <label className="field">
          <span className="field__label">Name</span>
          <input name="name" autoComplete="name" data-testid="sign-up-name" required />
        </label>
        <label className="field">
          <span className="field__label">Email</span>
          <input name="email" type="email" autoComplete="email" data-testid="sign-up-email" required />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            data-testid="sign-up-password"
            aria-describedby="password-hint"
            required
          />
          <span className="field__hint" id="password-hint">
            At least {MIN_PASSWORD_LENGTH} characters.
          </span>
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="auth-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" data-testid="sign-up-submit" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </button>
      </form>
      <p className="auth-card__switch">
        Already have an account? <Link href={withNext("/sign-in", next)}>Sign in</Link>
      </p>
    </section>
  );
}
